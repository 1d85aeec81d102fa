#pragma once

#include "idynodriver.h"
#include "memorycgroups.h"

#include "core/sandbox.h"

#include <QObject>

#include <memory>

class QProcess;

namespace dynodesk::dynos {

// Runs each dyno as a plain process group on this machine: a fresh copy of the slug under
// `<root>/<dyno id>.<run>`, expanded by `tar` as a process of its own so the caller's thread
// never waits for it, then `/bin/sh -c` as the leader of its own session and group, inheriting
// only its stdio (or an attached one-off's terminal). Its processes carry DYNODESK_DYNOS_DIR, so
// killOrphans() finds them after a crash of the emulator.
//
// With a sandbox (core::Sandbox), each dyno sees its copy at /app, a private /tmp and the
// system read-only, in namespaces of its own; as root, the copy is expanded by, and the dyno
// runs as, the app's own unprivileged user. Where the machine allows it, each run is in a memory
// cgroup of its own limited at twice its size's quota (MemoryCgroups): the kernel stops it there.
class ProcessDynoDriver final : public QObject, public IDynoDriver {
    Q_OBJECT
public:
    explicit ProcessDynoDriver(std::string root, core::Sandbox sandbox = core::Sandbox::disabled("plain processes"));
    ~ProcessDynoDriver() override;

    DynoHandle start(DynoLaunch launch, DynoEvents events) override;
    void signal(DynoHandle run, int signal) override;
    bool running(DynoHandle run) const override;
    bool listening(DynoHandle run, int port) const override;
    void stop(DynoHandle run) override;
    void stopAll(std::chrono::milliseconds grace) override;
    std::map<DynoHandle, DynoStats> stats() const override;
    std::string isolation() const override;

    // Kills the processes left by an emulator that died with this root; returns how many.
    static int killOrphans(const std::string &root);

private:
    struct Run;
    Run *find(DynoHandle run) const;
    void expanded(Run &run);
    void spawn(Run &run);
    void ended(Run &run, int exitCode, bool signalled);
    void release(Run &run);
    void resignal(DynoHandle run, int signal, int tick);

    std::string m_root;
    core::Sandbox m_sandbox;
    MemoryCgroups m_cgroups;
    DynoHandle m_next = 1;
    bool m_stoppingAll = false;
    std::map<DynoHandle, std::unique_ptr<Run>> m_runs;
};

} // namespace dynodesk::dynos
