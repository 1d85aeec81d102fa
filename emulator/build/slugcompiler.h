#pragma once

#include "buildoutput.h"
#include "procfile.h"

#include "core/sandbox.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace dynodesk::build {

using Env = std::map<std::string, std::string>;

// Everything one build needs; the compiler touches nothing else.
struct BuildJob final {
    std::string buildId, stackName;
    // The source: a commit of a bare repository (with the pushing hook's object directories), or
    // a .tar.gz whose single top-level folder, if any, is the app.
    std::string gitDir, commit;
    Env gitEnv;
    std::string sourceTarball;
    // Buildpack directories the app has set, run in order; when empty, the built-in ones are
    // tried in order and the first that detects the app is used.
    std::vector<std::string> buildpacks;
    std::vector<std::string> builtinBuildpacks;
    Env config;
    std::string cacheDir, workDir, slugPath;
    std::chrono::seconds timeout{15 * 60};
    uint64_t maxSlugBytes = 500ull * 1024 * 1024;
    // Where the buildpacks run: in this sandbox (when enabled) as this user (when not 0).
    core::Sandbox sandbox = core::Sandbox::disabled("plain processes");
    uid_t user = 0;
};

struct BuildResult final {
    bool ok = false;
    std::string language; // what detect printed, e.g. `Node.js`
    ProcessTypes processTypes;
    std::string buildpackDescription;
    int64_t slugSize = 0;
    // When the app set no buildpacks: the built-in buildpack directory that detected the app.
    std::string detectedBuildpack;
};

// The slug compiler: checks the source out into a fresh build dir, applies .slugignore, runs the
// buildpacks (bin/detect, bin/compile, bin/release), reads the Procfile and packs the slug.
// Blocking: run it on a worker thread. Every line goes to `out` as it happens; a failure ends
// with the platform's message in `out` and ok = false.
class SlugCompiler final {
public:
    static BuildResult run(const BuildJob &job, BuildOutput &out);
};

// `8.3M`, `21K`: sizes as the push output shows them.
std::string humanSize(uint64_t bytes);
// Runs a process, sending each output line (stdout and stderr merged) to `onLine`. Returns its
// exit code, or -1 when it ran past `deadline` (then its whole process group is killed).
int runStreaming(const std::string &program, const std::vector<std::string> &args, const Env &env,
                 const std::string &workDir, const std::function<void(const std::string &)> &onLine,
                 std::chrono::steady_clock::time_point deadline);
// Kills every process of this machine that belongs to one of these builds (their environment
// carries DYNODESK_BUILD_ID): what a crashed emulator's builds left running. Returns how many.
int killBuildProcesses(const std::vector<std::string> &buildIds);
// Kills every process whose environment holds one of these `KEY=value` entries.
int killProcessesWithEnvironment(const std::vector<std::string> &markers);
// The environment a buildpack or a release command starts from: PATH, LANG and the like.
Env baseEnvironment();

} // namespace dynodesk::build
