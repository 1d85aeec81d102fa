#pragma once

#include <QStringList>

#include <string>
#include <sys/types.h>
#include <vector>

namespace dynodesk::core {

// A directory of the host seen inside a sandbox at `target`.
struct SandboxMount final {
    std::string source, target;
    bool writable = false;
};

// What one sandboxed process sees: the system read-only (/usr, /etc, /opt), a fresh /proc of
// its own PID namespace, a minimal /dev, a private /tmp, and these mounts; nothing else of the
// host's files.
struct SandboxSpec final {
    std::vector<SandboxMount> mounts;
    std::string workDir;  // inside
    std::string hostname; // the UTS namespace's name (a dyno's id, as on the platform)
    uid_t user = 0;       // when the server runs as root: the unprivileged user to run as
    std::vector<std::string> hiddenEnv; // variables the sandboxed process does not see
};

// Runs dynos' and buildpacks' processes in their own mount, PID, IPC and UTS namespaces with
// bubblewrap, sharing the host's network (the router reaches $PORT on loopback, the dynos
// reach the add-ons' databases). As root, bubblewrap sets the namespaces up and `setpriv`
// then drops to an unprivileged user of the app's own with no capabilities; as anyone else,
// bubblewrap runs unprivileged in a user namespace. Where neither works, `enabled()` is false
// and `reason()` says why: processes then run as plain processes, as before.
class Sandbox final {
public:
    // Probes the machine once: bubblewrap at `bwrap` (a name on PATH or a path), and a trial
    // run with the flags dynos use.
    static Sandbox detect(const std::string &bwrap = "bwrap");
    // No sandbox, for `reason` (the operator turned it off, or tests of plain processes).
    static Sandbox disabled(std::string reason);

    bool enabled() const { return m_enabled; }
    const std::string &reason() const { return m_reason; }
    // One line for the server's start and the dynos' extended info.
    std::string describe() const;

    // The unprivileged user an app's processes run as when the server is root (0 otherwise,
    // or with no sandbox): stable for the app, from a range no system or login user has.
    uid_t userFor(const std::string &appId) const;
    // Whether processes run as userFor() (the server is root): files they write must be theirs.
    bool switchesUser() const { return m_enabled && m_root; }

    // The program and arguments that run `command` (program first) inside the sandbox.
    QString program() const;
    QStringList arguments(const SandboxSpec &spec, const QStringList &command) const;

    // For a child between fork and exec (no allocation, no lock): becomes `user` with no
    // supplementary groups. False if the kernel refused.
    static bool becomeUser(uid_t user) noexcept;

private:
    bool m_enabled = false;
    bool m_root = false;
    std::string m_bwrap, m_reason;
};

} // namespace dynodesk::core
