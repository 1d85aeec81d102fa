#pragma once

#include "slugcompiler.h"

#include "core/sandbox.h"

#include <chrono>
#include <functional>
#include <string>

namespace dynodesk::build {

// Where a build's buildpacks or a release command run: on the host as we are, or in a sandbox
// (core::Sandbox) that sees only the dirs it is given, each at a path of its own, as the app's
// own user when the server is root.
class Confinement final {
public:
    Confinement() = default; // plain processes on the host
    Confinement(core::Sandbox sandbox, uid_t user, std::string hostname);

    bool sandboxed() const { return m_sandbox.enabled(); }
    // Makes `hostDir` visible at `inside`; returns the path the processes see it at (the host
    // path itself without a sandbox).
    std::string expose(const std::string &hostDir, const std::string &inside, bool writable);
    // Gives `hostDir` and all in it to the user the processes run as, when that is not us.
    bool handOver(const std::string &hostDir, std::string *error) const;
    // runStreaming() of `program` (a path the processes see) in `workDir` (likewise).
    int run(const std::string &program, const std::vector<std::string> &args, const Env &env, const std::string &workDir,
            const std::function<void(const std::string &)> &onLine, std::chrono::steady_clock::time_point deadline) const;

private:
    core::Sandbox m_sandbox = core::Sandbox::disabled("plain processes");
    core::SandboxSpec m_spec;
};

} // namespace dynodesk::build
