#include "processdynodriver.h"

#include "build/releasephase.h"
#include "build/slugcompiler.h"
#include "core/childprocess.h"

#include <QDir>
#include <QPointer>
#include <QProcess>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <set>
#include <vector>

namespace dynodesk::dynos {

struct ProcessDynoDriver::Run {
    DynoHandle handle = 0;
    DynoLaunch launch;
    DynoEvents events;
    std::string dir;
    QProcess *tar = nullptr;     // expanding the slug
    QProcess *process = nullptr; // the leader, until it ends
    pid_t group = 0;             // the dyno's process group (its shell leads it)
    std::string cgroup;          // its memory cgroup, if it has one
    std::set<pid_t> signalled;   // in a sandbox: the processes the last signal went to
    int cancelledBy = 0;         // a signal that came before the process started
};

// Calls a copy of the handler: it may stop the run, and with it the handler.
template <typename F, typename... Args>
static void notify(const F &handler, Args &&...args)
{
    if (!handler)
        return;
    const F copy = handler;
    copy(std::forward<Args>(args)...);
}

static bool accepts(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

// Resident memory of every process group, from /proc: group → bytes.
static std::map<pid_t, int64_t> residentByGroup()
{
    std::map<pid_t, int64_t> rss;
    const int64_t page = ::sysconf(_SC_PAGESIZE);
    core::forEachProcessStat([&](const QList<QByteArray> &fields) {
        if (fields.size() >= 22) // pgrp is field 5, rss field 24
            rss[static_cast<pid_t>(fields[2].toLongLong())] += fields[21].toLongLong() * page;
        return true;
    });
    return rss;
}

// A signal for a dyno's processes. In a sandbox, its first three processes do not get it:
// bubblewrap (which leads the group) would die of SIGTERM and take the dyno with it at once, with
// no grace; its init (pid 1 inside) forwards nothing; and the waiter (below) would catch it and
// start the command anyway if it came before the command. They end when the command does;
// SIGKILL goes to all. Returns how many processes got it: in a sandbox none while the dyno's
// command has not started yet.
static int signalDyno(pid_t group, int signal, bool sandboxed, std::set<pid_t> *already = nullptr)
{
    if (!sandboxed || signal == SIGKILL)
        return ::kill(-group, signal) == 0 ? 1 : 0;
    struct Member {
        pid_t pid, parent;
        long long started;
    };
    std::vector<Member> members;
    core::forEachProcessStat([&](pid_t pid, const QList<QByteArray> &fields) { // state, ppid, pgrp, ..., starttime
        if (fields.size() > 19 && fields[2].toInt() == group)
            members.push_back({pid, static_cast<pid_t>(fields[1].toInt()), fields[19].toLongLong()});
        return true;
    });
    pid_t init = 0, waiter = 0;
    for (const auto &m : members)
        if (m.parent == group && m.pid != group)
            init = m.pid;
    long long first = 0;
    for (const auto &m : members)
        if (init && m.parent == init && (!waiter || m.started < first)) {
            waiter = m.pid;
            first = m.started;
        }
    int sent = 0;
    for (const auto &m : members) {
        if (m.pid == group || m.pid == init || m.pid == waiter || !init || !waiter)
            continue;
        if (already && !already->insert(m.pid).second)
            continue; // it has it
        sent += ::kill(m.pid, signal) == 0 ? 1 : 0;
    }
    return sent;
}

// In a sandbox, the PID namespace ends with its first process: everything else in it is killed.
// So the first process runs the dyno's command, then waits until the command's other processes
// have ended too (the grace after SIGTERM), and exits with the command's status. It outlives a
// terminal's ^C (its traps are handlers, not ignores: the command gets the default dispositions);
// SIGTERM never comes to it (signalDyno), and it does not trap it: a shell that traps a signal
// keeps the trap in a child it has forked until that child's exec, so a SIGTERM in that moment
// would be lost to the command.
static const char kSandboxWaiter[] = "trap : INT QUIT\n"
                                     "\"$@\"\n"
                                     "status=$?\n"
                                     "while set -- /proc/[0-9]*; [ $# -gt 2 ]; do sleep 0.05; done\n"
                                     "exit $status\n";

ProcessDynoDriver::ProcessDynoDriver(std::string root, core::Sandbox sandbox)
    : m_root(std::move(root)), m_sandbox(std::move(sandbox))
{
    QDir(QString::fromStdString(m_root)).removeRecursively(); // dynos are ephemeral
    QDir().mkpath(QString::fromStdString(m_root));
}

std::string ProcessDynoDriver::isolation() const
{
    return m_sandbox.describe() + (m_cgroups.available() ? "; memory held by the kernel at twice the quota"
                                                         : "; memory watched, not limited by the kernel: " + m_cgroups.reason());
}

ProcessDynoDriver::~ProcessDynoDriver()
{
    for (auto &[handle, r] : m_runs)
        r->events = {}; // whoever listened may be gone
    stopAll(std::chrono::milliseconds(0));
}

int ProcessDynoDriver::killOrphans(const std::string &root)
{
    return build::killProcessesWithEnvironment({"DYNODESK_DYNOS_DIR=" + root});
}

ProcessDynoDriver::Run *ProcessDynoDriver::find(DynoHandle run) const
{
    const auto it = m_runs.find(run);
    return it == m_runs.end() ? nullptr : it->second.get();
}

DynoHandle ProcessDynoDriver::start(DynoLaunch launch, DynoEvents events)
{
    auto owned = std::make_unique<Run>();
    Run &r = *owned;
    r.handle = m_next++;
    r.dir = m_root + "/" + launch.dynoId + "." + std::to_string(r.handle);
    const QString slug = QString::fromStdString(launch.slugPath);
    r.launch = std::move(launch);
    r.events = std::move(events);
    m_runs.emplace(r.handle, std::move(owned));
    QDir().mkpath(QString::fromStdString(r.dir));
    const uid_t user = m_sandbox.userFor(r.launch.appId);
    if (user != 0 && ::chown(r.dir.c_str(), user, user) != 0)
        qWarning("dynos: cannot give %s to its app's user", r.dir.c_str());
    // `tar` expands the slug as a process of its own: the core thread only hears when it ends.
    // In a sandbox as root it runs as the app's user, reading the slug we open for it.
    r.tar = new QProcess(this);
    if (user != 0) {
        r.tar->setStandardInputFile(slug);
        r.tar->setChildProcessModifier([dir = r.dir.c_str(), user] {
            if (::chdir(dir) != 0 || !core::Sandbox::becomeUser(user))
                ::_exit(126);
            core::inheritOnlyStdio();
        });
    } else {
        core::inheritOnlyStdio(*r.tar);
    }
    const DynoHandle handle = r.handle;
    connect(r.tar, &QProcess::finished, this, [this, handle](int code, QProcess::ExitStatus status) {
        if (Run *run = find(handle); run && (code != 0 || status != QProcess::NormalExit))
            return notify(run->events.failed,
                          QString::fromUtf8(run->tar->readAllStandardError()).trimmed().toStdString());
        if (Run *run = find(handle))
            expanded(*run);
    });
    connect(r.tar, &QProcess::errorOccurred, this, [this, handle](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        QTimer::singleShot(0, this, [this, handle] { // it may come from inside start()
            if (Run *run = find(handle); run && run->tar)
                notify(run->events.failed, run->tar->errorString().toStdString());
        });
    });
    QTimer::singleShot(std::chrono::minutes(5), r.tar, [tar = r.tar] { tar->kill(); });
    if (user != 0)
        r.tar->start(QStringLiteral("tar"), {QStringLiteral("-xzf"), QStringLiteral("-")});
    else
        r.tar->start(QStringLiteral("tar"), {QStringLiteral("-xzf"), slug, QStringLiteral("-C"), QString::fromStdString(r.dir)});
    return handle;
}

void ProcessDynoDriver::expanded(Run &r)
{
    r.tar->deleteLater();
    r.tar = nullptr;
    spawn(r);
}

void ProcessDynoDriver::spawn(Run &r)
{
    r.process = new QProcess(this);
    QProcessEnvironment env;
    for (const auto &[k, v] : r.launch.env)
        env.insert(QString::fromStdString(k), QString::fromStdString(v));
    const bool sandboxed = m_sandbox.enabled();
    env.insert(QStringLiteral("HOME"), sandboxed ? QStringLiteral("/app") : QString::fromStdString(r.dir));
    env.insert(QStringLiteral("DYNODESK_DYNOS_DIR"), QString::fromStdString(m_root)); // finds orphans after a crash
    r.process->setProcessEnvironment(env);
    r.process->setWorkingDirectory(QString::fromStdString(r.dir));
    r.process->setProcessChannelMode(QProcess::MergedChannels);
    const int terminal = r.launch.terminal;
    const bool tty = r.launch.tty;
    if (r.launch.memoryLimitBytes > 0)
        r.cgroup = m_cgroups.create(r.launch.dynoId + "." + std::to_string(r.handle), r.launch.memoryLimitBytes);
    const int cgroupProcs = MemoryCgroups::openProcs(r.cgroup);
    // Its own session and process group; an attached one-off gets its terminal as stdio (and,
    // when it is a pty, as its controlling terminal).
    r.process->setChildProcessModifier([terminal, tty, cgroupProcs] {
        if (cgroupProcs >= 0 && ::write(cgroupProcs, "0", 1) != 1)
            ::_exit(125); // a dyno that escaped its limit would be worse than none
        ::setsid();
        if (terminal >= 0) {
            if (tty)
                ::ioctl(terminal, TIOCSCTTY, 0);
            ::dup2(terminal, STDIN_FILENO);
            ::dup2(terminal, STDOUT_FILENO);
            ::dup2(terminal, STDERR_FILENO);
        }
        core::inheritOnlyStdio();
    });
    const DynoHandle handle = r.handle;
    connect(r.process, &QProcess::readyRead, this, [this, handle] {
        if (Run *run = find(handle); run && run->process)
            notify(run->events.output, run->process->readAll());
    });
    connect(r.process, &QProcess::finished, this, [this, handle](int code, QProcess::ExitStatus status) {
        if (Run *run = find(handle))
            ended(*run, code, status == QProcess::CrashExit);
    });
    connect(r.process, &QProcess::errorOccurred, this, [this, handle](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        QTimer::singleShot(0, this, [this, handle] { // no `finished` follows a failed start
            if (Run *run = find(handle); run && run->process) {
                notify(run->events.output, "Could not start the dyno: " + run->process->errorString().toUtf8() + "\n");
                ended(*run, 127, false);
            }
        });
    });
    const QStringList shell{QStringLiteral("/bin/sh"), QStringLiteral("-c"), QString::fromStdString(build::dynoShellScript()),
                            QStringLiteral("sh"), QString::fromStdString(r.launch.command)};
    if (sandboxed) {
        core::SandboxSpec spec;
        spec.mounts = {{r.dir, "/app", true}};
        spec.workDir = "/app";
        spec.hostname = r.launch.dynoId;
        spec.user = m_sandbox.userFor(r.launch.appId);
        spec.hiddenEnv = {"DYNODESK_DYNOS_DIR"};
        r.process->start(m_sandbox.program(),
                         m_sandbox.arguments(spec, QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                                               QString::fromLatin1(kSandboxWaiter), QStringLiteral("init")}
                                                           + shell));
    } else {
        r.process->start(shell.first(), shell.mid(1));
    }
    // The child exists once start() returns (its exec follows on its own): the core thread does
    // not wait for it, which under a push storm's load could take a while.
    if (cgroupProcs >= 0)
        ::close(cgroupProcs);
    r.group = static_cast<pid_t>(r.process->processId());
    if (r.launch.terminal >= 0)
        ::close(std::exchange(r.launch.terminal, -1)); // the dyno holds it now
    notify(r.events.started);
}

void ProcessDynoDriver::ended(Run &r, int exitCode, bool signalled)
{
    QProcess *process = std::exchange(r.process, nullptr);
    const QByteArray rest = process->readAll();
    process->disconnect(this);
    process->deleteLater();
    const DynoEvents events = r.events; // the handlers may stop the run
    if (!rest.isEmpty())
        notify(events.output, rest);
    if (MemoryCgroups::oomKills(r.cgroup) > 0)
        notify(events.outOfMemory, MemoryCgroups::peakBytes(r.cgroup));
    if (find(r.handle) == &r)
        notify(events.exited, exitCode, signalled);
}

void ProcessDynoDriver::signal(DynoHandle run, int signal)
{
    Run *r = find(run);
    if (!r)
        return;
    if (r->group > 0 && r->process && r->process->state() == QProcess::Starting && signal != SIGKILL) {
        // Not yet its own session and group: the signal follows once its command runs.
        connect(r->process, &QProcess::started, this, [this, run, signal] { this->signal(run, signal); },
                Qt::SingleShotConnection);
    } else if (r->group > 0) {
        if (r->process && r->process->state() == QProcess::Starting)
            r->process->kill(); // SIGKILL before its exec: the child alone is there
        r->signalled.clear();
        signalDyno(r->group, signal, m_sandbox.enabled(), &r->signalled);
        // In a sandbox the signal goes process by process: the ones that start meanwhile (the
        // dyno's command while the sandbox starts, a child forked in that moment) get it too.
        if (m_sandbox.enabled() && signal != SIGKILL && core::groupRunning(r->group))
            resignal(run, signal, 1);
    } else if (r->tar && !r->cancelledBy) { // not started yet: it never will
        r->cancelledBy = signal;
        r->tar->disconnect(this);
        r->tar->kill();
        const DynoHandle handle = r->handle;
        QTimer::singleShot(0, this, [this, handle] {
            if (Run *run = find(handle))
                notify(run->events.exited, 0, true);
        });
    }
}

void ProcessDynoDriver::resignal(DynoHandle run, int signal, int tick)
{
    // Every 20 ms: for 200 ms after the signal (a child forked in that moment), and for up to
    // 5 s while the sandbox has not yet started the dyno's command.
    QTimer::singleShot(20, this, [this, run, signal, tick] {
        Run *r = find(run);
        if (!r || r->group <= 0 || !core::groupRunning(r->group))
            return;
        signalDyno(r->group, signal, m_sandbox.enabled(), &r->signalled);
        if (tick < 10 || (r->signalled.empty() && tick < 250))
            resignal(run, signal, tick + 1);
    });
}

bool ProcessDynoDriver::running(DynoHandle run) const
{
    const Run *r = find(run);
    if (!r || r->group <= 0)
        return false;
    return (r->process && r->process->state() != QProcess::NotRunning) || core::groupRunning(r->group);
}

bool ProcessDynoDriver::listening(DynoHandle run, int port) const { return find(run) && accepts(port); }

void ProcessDynoDriver::release(Run &r)
{
    if (QProcess *tar = std::exchange(r.tar, nullptr)) {
        tar->disconnect(this);
        tar->kill();
        tar->waitForFinished(1000); // SIGKILL: at once; then nothing writes to the dir any more
        tar->deleteLater();
    }
    if (r.group > 0 && core::groupRunning(r.group))
        ::kill(-r.group, SIGKILL);
    if (QProcess *process = std::exchange(r.process, nullptr)) {
        process->disconnect(this);
        process->deleteLater();
    }
    if (r.launch.terminal >= 0)
        ::close(std::exchange(r.launch.terminal, -1));
}

void ProcessDynoDriver::stop(DynoHandle run)
{
    Run *r = find(run);
    if (!r)
        return;
    if (m_stoppingAll) { // the rest of its group keeps its grace: stopAll() ends it
        r->events = {};
        return;
    }
    release(*r);
    // A copy of a large slug takes a while to remove: off the caller's thread.
    QThreadPool::globalInstance()->start([dir = QString::fromStdString(r->dir), cgroup = r->cgroup] {
        QDir(dir).removeRecursively();
        for (int i = 0; i < 100 && !cgroup.empty() && !MemoryCgroups::remove(cgroup); ++i)
            ::usleep(20000); // the killed processes leave it in a moment
    });
    m_runs.erase(run);
}

void ProcessDynoDriver::stopAll(std::chrono::milliseconds grace)
{
    // Every process of every dyno gets SIGTERM and the grace to exit, then SIGKILL: the shell
    // that leads a dyno may be gone while a process it started still runs. Runs that end
    // meanwhile still tell so.
    m_stoppingAll = true;
    std::vector<std::pair<QPointer<QProcess>, pid_t>> alive;
    for (const auto &[handle, r] : m_runs) {
        const bool leaderRuns = r->process && r->process->state() != QProcess::NotRunning;
        if (r->group > 0 && (leaderRuns || core::groupRunning(r->group))) {
            signalDyno(r->group, SIGTERM, m_sandbox.enabled());
            alive.emplace_back(r->process, r->group);
        }
    }
    const auto ended = [](QProcess *p, pid_t group, std::chrono::steady_clock::time_point until) {
        const auto left = [&] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count();
        };
        if (p)
            p->waitForFinished(static_cast<int>(std::max<int64_t>(left(), 1)));
        while (core::groupRunning(group) && left() > 0)
            ::usleep(10000);
        return (!p || p->state() == QProcess::NotRunning) && !core::groupRunning(group);
    };
    const auto deadline = std::chrono::steady_clock::now() + grace;
    for (const auto &[p, group] : alive) {
        if (!ended(p, group, deadline)) {
            ::kill(-group, SIGKILL);
            ended(p, group, std::chrono::steady_clock::now() + std::chrono::seconds(2));
        }
    }
    for (auto &[handle, r] : m_runs) {
        release(*r);
        QDir(QString::fromStdString(r->dir)).removeRecursively();
        for (int i = 0; i < 100 && !r->cgroup.empty() && !MemoryCgroups::remove(r->cgroup); ++i)
            ::usleep(20000);
    }
    m_runs.clear();
    m_stoppingAll = false;
}

std::map<DynoHandle, DynoStats> ProcessDynoDriver::stats() const
{
    std::map<DynoHandle, DynoStats> out;
    if (std::none_of(m_runs.begin(), m_runs.end(), [](const auto &r) { return r.second->group > 0; }))
        return out;
    const auto rss = residentByGroup();
    for (const auto &[handle, r] : m_runs) {
        if (const auto it = rss.find(r->group); r->group > 0 && it != rss.end())
            out[handle].memoryBytes = it->second;
        if (r->group > 0 && MemoryCgroups::oomKills(r->cgroup) > 0)
            out[handle].oomPeakBytes = MemoryCgroups::peakBytes(r->cgroup);
    }
    return out;
}

} // namespace dynodesk::dynos
