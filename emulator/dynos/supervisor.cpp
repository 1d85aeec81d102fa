#include "supervisor.h"

#include "build/releasephase.h"
#include "build/slugcompiler.h"
#include "core/ids.h"

#include <QDir>
#include <QProcess>
#include <QTimer>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace dynodesk::dynos {

struct Supervisor::Dyno {
    std::string id, appId, name, type, command, size, releaseId, slugPath, dir;
    int64_t releaseVersion = 0;
    std::map<std::string, std::string> config;
    State state = State::Down;
    int index = 0, port = 0, crashes = 0, lastSignal = 0;
    pid_t group = 0; // the dyno's process group (its shell leads it)
    bool stopping = false;
    core::TimePoint created, updated;
    QProcess *process = nullptr;
    QTimer *poll = nullptr, *bootTimer = nullptr, *killTimer = nullptr, *restartTimer = nullptr;
    QByteArray pending;
};

static int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
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

Supervisor::Supervisor(SupervisorSettings settings, const core::IClock &clock, core::ILogSink &logs)
    : m_settings(std::move(settings)), m_clock(clock), m_logs(logs)
{
    QDir(QString::fromStdString(m_settings.dynosDir)).removeRecursively(); // dynos are ephemeral
    QDir().mkpath(QString::fromStdString(m_settings.dynosDir));
}

Supervisor::~Supervisor() { stopAll(); }

int Supervisor::killOrphans(const std::string &dynosDir)
{
    return build::killProcessesWithEnvironment({"DYNODESK_DYNOS_DIR=" + dynosDir});
}

void Supervisor::log(const Dyno &d, const std::string &message) { m_logs.append(d.appId, "heroku", d.name, message); }

void Supervisor::move(Dyno &d, Input input, const std::string &why)
{
    const auto next = transition(d.state, input, false);
    if (!next)
        return;
    const State before = d.state;
    d.state = *next;
    d.updated = m_clock.now();
    if (!why.empty())
        log(d, why);
    if (!(before == State::Down && d.state == State::Starting))
        log(d, "State changed from " + std::string(toString(before)) + " to " + std::string(toString(d.state)));
    emit dynoStateChanged(QString::fromStdString(d.appId), QString::fromStdString(d.name),
                          QString::fromStdString(std::string(toString(d.state))));
}

void Supervisor::launch(Dyno &d)
{
    QDir(QString::fromStdString(d.dir)).removeRecursively();
    QDir().mkpath(QString::fromStdString(d.dir));
    std::string error;
    if (!build::expandSlug(d.slugPath, d.dir, &error)) {
        log(d, "Could not expand the slug: " + error);
        move(d, Input::Launched);
        return onFinished(d, 1, false);
    }
    d.port = freePort();
    build::Env env = build::baseEnvironment();
    for (const auto &[k, v] : d.config)
        env[k] = v;
    env["PORT"] = std::to_string(d.port);
    env["DYNO"] = d.name;
    env["HOME"] = d.dir;
    env["PS1"] = "\\[\\033[01;34m\\]\\w\\[\\033[00m\\] \\[\\033[01;32m\\]$ \\[\\033[00m\\]";
    env["DYNODESK_DYNOS_DIR"] = m_settings.dynosDir; // finds orphans after a crash of the emulator

    d.process = new QProcess(this);
    QProcessEnvironment penv;
    for (const auto &[k, v] : env)
        penv.insert(QString::fromStdString(k), QString::fromStdString(v));
    d.process->setProcessEnvironment(penv);
    d.process->setWorkingDirectory(QString::fromStdString(d.dir));
    d.process->setProcessChannelMode(QProcess::MergedChannels);
    d.process->setChildProcessModifier([] { ::setsid(); });
    Dyno *dp = &d;
    connect(d.process, &QProcess::readyRead, this, [this, dp] { onOutput(*dp); });
    connect(d.process, &QProcess::finished, this, [this, dp](int code, QProcess::ExitStatus status) {
        onFinished(*dp, status == QProcess::CrashExit ? 128 + (dp->lastSignal ? dp->lastSignal : SIGKILL) : code,
                   status == QProcess::CrashExit);
    });
    log(d, "Starting process with command `" + d.command + "`");
    move(d, Input::Launched);
    d.lastSignal = 0;
    d.process->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QString::fromStdString(build::dynoShellScript()),
                                                 QStringLiteral("sh"), QString::fromStdString(d.command)});
    d.process->waitForStarted(5000);
    d.group = static_cast<pid_t>(d.process->processId());
    if (d.type != "web")
        return move(d, Input::Ready);
    // A web dyno is up when it accepts connections on $PORT, within the boot timeout (R10).
    d.poll = new QTimer(this);
    connect(d.poll, &QTimer::timeout, this, [this, dp] { checkBound(*dp); });
    d.poll->start(50);
    d.bootTimer = new QTimer(this);
    d.bootTimer->setSingleShot(true);
    connect(d.bootTimer, &QTimer::timeout, this, [this, dp] {
        if (dp->state != State::Starting)
            return;
        dp->poll->stop();
        const auto secs = std::chrono::duration_cast<std::chrono::seconds>(m_settings.bootTimeout).count();
        log(*dp, "Error R10 (Boot timeout) -> Web process failed to bind to $PORT within " + std::to_string(secs)
                         + " seconds of launch");
        log(*dp, "Stopping process with SIGKILL");
        dp->lastSignal = SIGKILL;
        move(*dp, Input::BootTimeout);
        if (dp->group > 0)
            ::kill(-dp->group, SIGKILL);
    });
    d.bootTimer->start(m_settings.bootTimeout);
}

void Supervisor::checkBound(Dyno &d)
{
    if (d.state != State::Starting || !accepts(d.port))
        return;
    d.poll->stop();
    d.bootTimer->stop();
    move(d, Input::Ready);
}

void Supervisor::onOutput(Dyno &d)
{
    d.pending += d.process->readAll();
    qsizetype nl;
    while ((nl = d.pending.indexOf('\n')) >= 0) {
        m_logs.append(d.appId, "app", d.name, d.pending.left(nl).toStdString());
        d.pending.remove(0, nl + 1);
    }
    if (d.pending.size() > 10000) { // a line without end: logged in pieces, never held whole
        m_logs.append(d.appId, "app", d.name, d.pending.toStdString());
        d.pending.clear();
    }
}

static bool groupAlive(pid_t group) { return group > 0 && ::kill(-group, 0) == 0; }

void Supervisor::onFinished(Dyno &d, int exitCode, bool)
{
    // A dyno ends when all its processes have: while a stop's grace runs, wait for the rest of
    // the group (the SIGKILL after the grace ends it); after a crash, they go at once.
    if (groupAlive(d.group)) {
        if (d.stopping && d.killTimer && d.killTimer->isActive()) {
            Dyno *dp = &d;
            QTimer::singleShot(100, this, [this, dp, exitCode] { onFinished(*dp, exitCode, false); });
            return;
        }
        ::kill(-d.group, SIGKILL);
        if (d.stopping)
            exitCode = 128 + SIGKILL;
    }
    if (d.stopping && d.lastSignal == SIGKILL)
        exitCode = 128 + SIGKILL;
    if (d.process)
        onOutput(d);
    if (!d.pending.isEmpty())
        m_logs.append(d.appId, "app", d.name, d.pending.toStdString());
    d.pending.clear();
    for (QTimer *t : {d.poll, d.bootTimer, d.killTimer})
        if (t)
            t->stop();
    log(d, "Process exited with status " + std::to_string(exitCode));
    if (d.process) {
        d.process->deleteLater();
        d.process = nullptr;
    }
    if (d.stopping || m_shuttingDown) {
        // A stop, restart or scale-down: the dyno goes, and the formation decides what follows.
        const std::string appId = d.appId;
        QDir(QString::fromStdString(d.dir)).removeRecursively();
        std::erase_if(m_dynos, [&](const std::unique_ptr<Dyno> &x) { return x.get() == &d; });
        if (!m_shuttingDown)
            reconverge(appId);
        return;
    }
    if (d.state != State::Crashed)
        move(d, Input::Exited);
    // Crashed: restarted at once the first time, then after a growing cool-off.
    ++d.crashes;
    const auto wait = crashCooldown(d.crashes, m_settings.crashCooldownCap);
    if (!d.restartTimer) {
        d.restartTimer = new QTimer(this);
        d.restartTimer->setSingleShot(true);
        Dyno *dp = &d;
        connect(d.restartTimer, &QTimer::timeout, this, [this, dp] {
            if (dp->state == State::Crashed && !dp->stopping)
                launch(*dp);
        });
    }
    d.restartTimer->start(wait);
}

void Supervisor::beginStop(Dyno &d)
{
    if (d.stopping)
        return;
    d.stopping = true;
    if (d.restartTimer)
        d.restartTimer->stop();
    if (!d.process) { // crashed and waiting: nothing runs
        move(d, Input::StopAsked);
        const std::string appId = d.appId;
        QDir(QString::fromStdString(d.dir)).removeRecursively();
        std::erase_if(m_dynos, [&](const std::unique_ptr<Dyno> &x) { return x.get() == &d; });
        if (!m_shuttingDown)
            QTimer::singleShot(0, this, [this, appId] { reconverge(appId); });
        return;
    }
    move(d, Input::StopAsked);
    log(d, "Stopping all processes with SIGTERM");
    d.lastSignal = SIGTERM;
    if (d.group > 0)
        ::kill(-d.group, SIGTERM);
    d.killTimer = new QTimer(this);
    d.killTimer->setSingleShot(true);
    Dyno *dp = &d;
    connect(d.killTimer, &QTimer::timeout, this, [this, dp] {
        const pid_t pid = dp->group;
        const auto secs = std::chrono::duration_cast<std::chrono::seconds>(m_settings.stopGrace).count();
        log(*dp, "Error R12 (Exit timeout) -> At least one process failed to exit within " + std::to_string(secs)
                         + " seconds of SIGTERM");
        log(*dp, "Stopping remaining processes with SIGKILL");
        dp->lastSignal = SIGKILL;
        if (pid > 0)
            ::kill(-pid, SIGKILL);
    });
    d.killTimer->start(m_settings.stopGrace);
}

void Supervisor::converge(const DesiredApp &desired)
{
    m_desired[desired.appId] = desired;
    reconverge(desired.appId);
}

void Supervisor::reconverge(const std::string &appId)
{
    auto it = m_desired.find(appId);
    if (it == m_desired.end() || m_shuttingDown)
        return;
    const DesiredApp &want = it->second;
    auto wanted = [&](const Dyno &d) {
        if (want.slugPath.empty() || d.releaseId != want.releaseId)
            return false;
        for (const auto &p : want.formation)
            if (p.type == d.type)
                return d.index <= p.quantity && d.command == p.command && d.size == p.size;
        return false;
    };
    std::vector<Dyno *> doomed;
    for (auto &d : m_dynos)
        if (d->appId == appId && !d->stopping && !wanted(*d))
            doomed.push_back(d.get());
    for (Dyno *d : doomed)
        beginStop(*d);
    if (want.slugPath.empty())
        return;
    for (const auto &p : want.formation) {
        for (int i = 1; i <= p.quantity; ++i) {
            const std::string name = p.type + "." + std::to_string(i);
            const bool exists = std::any_of(m_dynos.begin(), m_dynos.end(), [&](const std::unique_ptr<Dyno> &d) {
                return d->appId == appId && d->name == name;
            });
            if (exists)
                continue; // running, or stopping: its exit brings the new one
            auto d = std::make_unique<Dyno>();
            d->id = core::newId();
            d->appId = appId;
            d->name = name;
            d->type = p.type;
            d->index = i;
            d->command = p.command;
            d->size = p.size;
            d->releaseId = want.releaseId;
            d->releaseVersion = want.releaseVersion;
            d->slugPath = want.slugPath;
            d->config = want.config;
            d->dir = m_settings.dynosDir + "/" + d->id;
            d->created = d->updated = m_clock.now();
            Dyno &ref = *d;
            m_dynos.push_back(std::move(d));
            launch(ref);
        }
    }
}

bool Supervisor::matches(const Dyno &d, const std::string &typeOrName) const
{
    return typeOrName.empty() || d.name == typeOrName || d.type == typeOrName;
}

bool Supervisor::restart(const std::string &appId, const std::string &typeOrName)
{
    std::vector<Dyno *> picked;
    for (auto &d : m_dynos)
        if (d->appId == appId && !d->stopping && matches(*d, typeOrName))
            picked.push_back(d.get());
    for (Dyno *d : picked) {
        d->crashes = 0;
        beginStop(*d);
    }
    return !picked.empty();
}

bool Supervisor::stop(const std::string &appId, const std::string &typeOrName) { return restart(appId, typeOrName); }

void Supervisor::forget(const std::string &appId)
{
    m_desired.erase(appId);
    std::vector<Dyno *> picked;
    for (auto &d : m_dynos)
        if (d->appId == appId)
            picked.push_back(d.get());
    for (Dyno *d : picked)
        beginStop(*d);
}

std::vector<DynoInfo> Supervisor::dynos(const std::string &appId) const
{
    std::vector<DynoInfo> out;
    for (const auto &d : m_dynos)
        if (d->appId == appId)
            out.push_back({d->id, d->appId, d->name, d->type, d->command, d->size, std::string(toString(d->state)),
                           d->releaseId, d->releaseVersion, d->created, d->updated, d->port});
    std::sort(out.begin(), out.end(), [](const DynoInfo &a, const DynoInfo &b) {
        return a.type != b.type ? a.type < b.type : a.name.size() != b.name.size() ? a.name.size() < b.name.size() : a.name < b.name;
    });
    return out;
}

void Supervisor::stopAll()
{
    m_shuttingDown = true;
    std::vector<QProcess *> running;
    for (auto &d : m_dynos) {
        if (d->process && d->process->state() != QProcess::NotRunning) {
            const auto pid = static_cast<pid_t>(d->process->processId());
            log(*d, "Stopping all processes with SIGTERM");
            if (pid > 0)
                ::kill(-pid, SIGTERM);
            running.push_back(d->process);
        }
    }
    const auto deadline = std::chrono::steady_clock::now() + m_settings.stopGrace;
    for (QProcess *p : running) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (!p->waitForFinished(static_cast<int>(std::max<int64_t>(left.count(), 1)))) {
            if (p->processId() > 0)
                ::kill(-static_cast<pid_t>(p->processId()), SIGKILL);
            p->waitForFinished(2000);
        }
    }
    for (auto &d : m_dynos) {
        if (d->process) {
            d->process->disconnect(this);
            delete d->process;
            d->process = nullptr;
        }
        QDir(QString::fromStdString(d->dir)).removeRecursively();
    }
    m_dynos.clear();
}

} // namespace dynodesk::dynos
