#include "supervisor.h"

#include "build/releasephase.h"
#include "build/slugcompiler.h"
#include "core/childprocess.h"
#include "core/ids.h"
#include "core/routetable.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <netinet/in.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace dynodesk::dynos {

struct Supervisor::Dyno {
    std::string id, appId, name, type, command, size, releaseId, slugPath, dir;
    int64_t releaseVersion = 0;
    std::map<std::string, std::string> config;
    State state = State::Down;
    int index = 0, port = 0, crashes = 0, lastSignal = 0, memoryMb = 512;
    pid_t group = 0; // the dyno's process group (its shell leads it)
    bool stopping = false;
    bool sleeping = false, wakeAsked = false; // idling: stopping to sleep, and woken meanwhile
    int64_t upSinceMs = 0;                     // core::steadyMs() when it last came up
    core::TimePoint created, updated;
    QProcess *process = nullptr;
    QTimer *poll = nullptr, *bootTimer = nullptr, *killTimer = nullptr, *restartTimer = nullptr;
    QTimer *cycleTimer = nullptr, *attachTimer = nullptr;
    QByteArray pending;
    // One-off dynos: discarded when their command ends; an attached one waits for its client.
    bool oneOff = false, attach = false, tty = true, attached = false;
    std::string secret;
    std::map<std::string, std::string> extraEnv;
    std::optional<core::TimePoint> lastMemoryWarning;
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
    m_memoryTimer = new QTimer(this);
    connect(m_memoryTimer, &QTimer::timeout, this, [this] { sampleMemory(); });
    m_memoryTimer->start(m_settings.memorySample);
    m_metricsTimer = new QTimer(this);
    connect(m_metricsTimer, &QTimer::timeout, this, [this] { emitRuntimeMetrics(); });
    m_metricsTimer->start(m_settings.metricsPeriod);
    m_idleTimer = new QTimer(this);
    connect(m_idleTimer, &QTimer::timeout, this, [this] { checkIdle(); });
    m_idleTimer->start(std::clamp(m_settings.idleAfter / 10, std::chrono::milliseconds(50), std::chrono::milliseconds(10000)));
}

Supervisor::~Supervisor() { stopAll(); }

int Supervisor::killOrphans(const std::string &dynosDir)
{
    return build::killProcessesWithEnvironment({"DYNODESK_DYNOS_DIR=" + dynosDir});
}

void Supervisor::log(const Dyno &d, const std::string &message) { m_logs.append(d.appId, "heroku", d.name, message); }

void Supervisor::move(Dyno &d, Input input, const std::string &why)
{
    const auto next = transition(d.state, input, d.oneOff);
    if (!next)
        return;
    const State before = d.state;
    d.state = *next;
    d.updated = m_clock.now();
    if (d.state == State::Up)
        d.upSinceMs = core::steadyMs();
    if (!why.empty())
        log(d, why);
    if (!(before == State::Down && d.state == State::Starting))
        log(d, "State changed from " + std::string(toString(before)) + " to " + std::string(toString(d.state)));
    emit dynoStateChanged(QString::fromStdString(d.appId), QString::fromStdString(d.name),
                          QString::fromStdString(std::string(toString(d.state))));
}

void Supervisor::launch(Dyno &d) { launchOn(d, -1); }

void Supervisor::launchOn(Dyno &d, int terminal)
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
    for (const auto &[k, v] : d.extraEnv)
        env[k] = v;
    env["PORT"] = std::to_string(d.port);
    env["DYNO"] = d.name;
    env["HOME"] = d.dir;
    env["PS1"] = "\\[\\033[01;34m\\]\\w\\[\\033[00m\\] \\[\\033[01;32m\\]$ \\[\\033[00m\\]";
    env["DYNODESK_DYNOS_DIR"] = m_settings.dynosDir; // finds orphans after a crash of the emulator
    log(d, "Starting process with command `" + d.command + "`");
    move(d, Input::Launched);
    startProcess(d, env, terminal);
    if (!d.oneOff)
        scheduleCycle(d);
    Dyno *dp = &d;
    if (d.type != "web" || d.oneOff)
        return move(d, Input::Ready);
    // A web dyno is up when it accepts connections on $PORT, within the boot timeout (R10).
    for (QTimer *old : {d.poll, d.bootTimer}) // from an earlier launch (a crash, a wake)
        if (old)
            old->deleteLater();
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

void Supervisor::startProcess(Dyno &d, const std::map<std::string, std::string> &env, int terminal)
{
    d.process = new QProcess(this);
    QProcessEnvironment penv;
    for (const auto &[k, v] : env)
        penv.insert(QString::fromStdString(k), QString::fromStdString(v));
    d.process->setProcessEnvironment(penv);
    d.process->setWorkingDirectory(QString::fromStdString(d.dir));
    d.process->setProcessChannelMode(QProcess::MergedChannels);
    const bool tty = d.tty;
    // Its own session and process group; an attached one-off gets its terminal as stdio (and,
    // when it is a pty, as its controlling terminal).
    d.process->setChildProcessModifier([terminal, tty] {
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
    Dyno *dp = &d;
    connect(d.process, &QProcess::readyRead, this, [this, dp] { onOutput(*dp); });
    connect(d.process, &QProcess::finished, this, [this, dp](int code, QProcess::ExitStatus status) {
        onFinished(*dp, status == QProcess::CrashExit ? 128 + (dp->lastSignal ? dp->lastSignal : SIGKILL) : code,
                   status == QProcess::CrashExit);
    });
    d.lastSignal = 0;
    d.process->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QString::fromStdString(build::dynoShellScript()),
                                                 QStringLiteral("sh"), QString::fromStdString(d.command)});
    d.process->waitForStarted(5000);
    d.group = static_cast<pid_t>(d.process->processId());
}

void Supervisor::scheduleCycle(Dyno &d)
{
    // Once a day (plus up to 216 minutes of jitter, as on the platform), every dyno restarts.
    auto wait = m_settings.cycle;
    if (wait >= std::chrono::hours(24))
        wait += std::chrono::minutes(QRandomGenerator::global()->bounded(216));
    if (!d.cycleTimer) {
        d.cycleTimer = new QTimer(this);
        d.cycleTimer->setSingleShot(true);
        Dyno *dp = &d;
        connect(d.cycleTimer, &QTimer::timeout, this, [this, dp] {
            if (dp->stopping || !dp->process)
                return;
            log(*dp, "Cycling");
            dp->crashes = 0;
            beginStop(*dp);
        });
    }
    d.cycleTimer->start(wait);
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

static std::string megabytes(int64_t bytes, int decimals)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, static_cast<double>(bytes) / (1024.0 * 1024.0));
    return text;
}

void Supervisor::sampleMemory()
{
    if (m_dynos.empty())
        return;
    const auto rss = residentByGroup();
    const auto now = m_clock.now();
    std::vector<Dyno *> running;
    for (auto &d : m_dynos)
        if (d->process && d->group > 0 && !d->stopping && (d->state == State::Up || d->state == State::Starting))
            running.push_back(d.get());
    for (Dyno *d : running) {
        auto it = rss.find(d->group);
        if (it == rss.end())
            continue;
        const int64_t quota = static_cast<int64_t>(d->memoryMb) * 1024 * 1024;
        if (it->second <= quota)
            continue;
        char percent[32];
        std::snprintf(percent, sizeof percent, "%.1f", 100.0 * static_cast<double>(it->second) / static_cast<double>(quota));
        const std::string running = "Process running mem=" + megabytes(it->second, 0) + "M(" + percent + "%)";
        if (it->second > 2 * quota) { // far over: R15, killed
            log(*d, running);
            log(*d, "Error R15 (Memory quota vastly exceeded)");
            log(*d, "Stopping process with SIGKILL");
            d->lastSignal = SIGKILL;
            move(*d, Input::MemoryKill);
            ::kill(-d->group, SIGKILL);
            continue;
        }
        // Over the quota: R14, at most once per metrics period; the dyno keeps running.
        if (d->lastMemoryWarning && now - *d->lastMemoryWarning < m_settings.metricsPeriod)
            continue;
        d->lastMemoryWarning = now;
        log(*d, running);
        log(*d, "Error R14 (Memory quota exceeded)");
    }
}

void Supervisor::emitRuntimeMetrics()
{
    std::vector<Dyno *> measured;
    for (auto &d : m_dynos) {
        auto want = m_desired.find(d->appId);
        if (want != m_desired.end() && want->second.runtimeMetrics && d->process && d->state == State::Up)
            measured.push_back(d.get());
    }
    if (measured.empty())
        return;
    const auto rss = residentByGroup();
    // The host's load: dynos here share one machine, unlike the platform's containers.
    double load[3] = {0, 0, 0};
    if (FILE *f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3)
            load[0] = load[1] = load[2] = 0;
        std::fclose(f);
    }
    for (Dyno *d : measured) {
        const std::string who = "source=" + d->name + " dyno=heroku." + d->appId + "." + d->id;
        char loads[128];
        std::snprintf(loads, sizeof loads, " sample#load_avg_1m=%.2f sample#load_avg_5m=%.2f sample#load_avg_15m=%.2f",
                      load[0], load[1], load[2]);
        log(*d, who + loads);
        const auto it = rss.find(d->group);
        const int64_t bytes = it == rss.end() ? 0 : it->second;
        log(*d, who + " sample#memory_total=" + megabytes(bytes, 2) + "MB sample#memory_rss=" + megabytes(bytes, 2)
                        + "MB sample#memory_cache=0.00MB sample#memory_swap=0.00MB sample#memory_pgpgin=0pages "
                          "sample#memory_pgpgout=0pages sample#memory_quota="
                        + megabytes(static_cast<int64_t>(d->memoryMb) * 1024 * 1024, 2) + "MB");
    }
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
    std::vector<std::string> lines;
    qsizetype from = 0, nl;
    while ((nl = d.pending.indexOf('\n', from)) >= 0) {
        lines.emplace_back(d.pending.constData() + from, static_cast<size_t>(nl - from));
        from = nl + 1;
    }
    d.pending.remove(0, from);
    if (d.pending.size() > 10000) { // a line without end: logged in pieces, never held whole
        lines.push_back(d.pending.toStdString());
        d.pending.clear();
    }
    if (!lines.empty())
        m_logs.appendLines(d.appId, "app", d.name, lines);
}

void Supervisor::onFinished(Dyno &d, int exitCode, bool)
{
    // A dyno ends when all its processes have: while a stop's grace runs, wait for the rest of
    // the group (the SIGKILL after the grace ends it); after a crash, they go at once. At
    // shutdown stopAll() gives the rest of the group its grace.
    if (!m_shuttingDown && core::groupRunning(d.group)) {
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
    for (QTimer *t : {d.poll, d.bootTimer, d.killTimer, d.cycleTimer})
        if (t)
            t->stop();
    log(d, "Process exited with status " + std::to_string(exitCode));
    if (d.process) {
        d.process->deleteLater();
        d.process = nullptr;
    }
    if (d.oneOff) { // one-off dynos end `complete` and are discarded
        move(d, Input::Exited);
        return discard(d);
    }
    if (d.sleeping && !m_shuttingDown) {
        // Asleep: the dyno stays, `idle`, until a request wakes it (or the formation changes).
        d.sleeping = d.stopping = false;
        if (d.killTimer) {
            d.killTimer->deleteLater();
            d.killTimer = nullptr;
        }
        QDir(QString::fromStdString(d.dir)).removeRecursively(); // a fresh copy of the slug on waking
        if (std::exchange(d.wakeAsked, false)) {
            log(d, "Unidling");
            return launch(d);
        }
        return reconverge(d.appId);
    }
    if (d.stopping || m_shuttingDown) {
        // A stop, restart or scale-down: the dyno goes, and the formation decides what follows.
        const std::string appId = d.appId;
        discard(d);
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
    if (!d.process) { // crashed and waiting (or a one-off awaiting its client): nothing runs
        move(d, Input::StopAsked);
        const std::string appId = d.appId;
        discard(d);
        if (!m_shuttingDown)
            QTimer::singleShot(0, this, [this, appId] { reconverge(appId); });
        return;
    }
    move(d, Input::StopAsked);
    signalStop(d);
}

// SIGTERM to the dyno's process group, then SIGKILL after the grace (R12).
void Supervisor::signalStop(Dyno &d)
{
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

void Supervisor::sleep(Dyno &d)
{
    d.stopping = d.sleeping = true;
    move(d, Input::IdleAsked, "Idling");
    signalStop(d);
}

static bool isEco(const std::string &size) { return QString::fromStdString(size).compare(QStringLiteral("eco"), Qt::CaseInsensitive) == 0; }

void Supervisor::checkIdle()
{
    const int64_t now = core::steadyMs();
    std::vector<Dyno *> sleepy;
    for (const auto &[appId, want] : m_desired) {
        if (!want.idling)
            continue;
        const auto web = std::find_if(want.formation.begin(), want.formation.end(),
                                      [](const DesiredApp::Process &p) { return p.type == "web"; });
        if (web == want.formation.end() || web->quantity != 1 || !isEco(web->size))
            continue;
        auto seen = m_activity.find(appId);
        const int64_t lastRequest = seen == m_activity.end() ? 0 : seen->second->load(std::memory_order_relaxed);
        for (auto &d : m_dynos)
            if (d->appId == appId && d->type == "web" && !d->oneOff && !d->stopping && d->state == State::Up
                && now - std::max(d->upSinceMs, lastRequest) >= m_settings.idleAfter.count())
                sleepy.push_back(d.get());
    }
    for (Dyno *d : sleepy)
        sleep(*d);
}

std::shared_ptr<std::atomic<int64_t>> Supervisor::activity(const std::string &appId)
{
    auto &slot = m_activity[appId];
    if (!slot)
        slot = std::make_shared<std::atomic<int64_t>>(0);
    return slot;
}

void Supervisor::wake(const std::string &appId)
{
    std::vector<Dyno *> sleeping;
    for (auto &d : m_dynos)
        if (d->appId == appId && d->state == State::Idle)
            sleeping.push_back(d.get());
    for (Dyno *d : sleeping) {
        if (d->sleeping) { // still stopping: woken once it is down
            d->wakeAsked = true;
            continue;
        }
        log(*d, "Unidling");
        launch(*d);
    }
}

void Supervisor::converge(const DesiredApp &desired)
{
    auto before = m_desired.find(desired.appId);
    if (desired.idling && (before == m_desired.end() || !before->second.idling))
        activity(desired.appId)->store(core::steadyMs(), std::memory_order_relaxed); // the idle time counts from the opt-in
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
        if (d->appId == appId && !d->oneOff && !d->stopping && !wanted(*d))
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
            Dyno &ref = add(want, name, p.type, p.command, p.size, p.memoryMb);
            ref.index = i;
            launch(ref);
        }
    }
}

Supervisor::Dyno &Supervisor::add(const DesiredApp &want, const std::string &name, const std::string &type,
                                  const std::string &command, const std::string &size, int memoryMb)
{
    auto d = std::make_unique<Dyno>();
    d->id = core::newId();
    d->appId = want.appId;
    d->name = name;
    d->type = type;
    d->command = command;
    d->size = size;
    d->memoryMb = memoryMb;
    d->releaseId = want.releaseId;
    d->releaseVersion = want.releaseVersion;
    d->slugPath = want.slugPath;
    d->config = want.config;
    d->dir = m_settings.dynosDir + "/" + d->id;
    d->created = d->updated = m_clock.now();
    m_dynos.push_back(std::move(d));
    return *m_dynos.back();
}

void Supervisor::discard(Dyno &d)
{
    for (QTimer *t : {d.poll, d.bootTimer, d.killTimer, d.restartTimer, d.cycleTimer, d.attachTimer})
        if (t) {
            t->stop();
            t->deleteLater();
        }
    QDir(QString::fromStdString(d.dir)).removeRecursively();
    std::erase_if(m_dynos, [&](const std::unique_ptr<Dyno> &x) { return x.get() == &d; });
}

std::pair<DynoInfo, std::string> Supervisor::runOneOff(const DesiredApp &release, const OneOffRequest &request)
{
    // `run.NNNN`, unused in the app; a command naming a process type runs that type's command.
    std::string name;
    do
        name = "run." + std::to_string(QRandomGenerator::global()->bounded(1000, 10000));
    while (std::any_of(m_dynos.begin(), m_dynos.end(), [&](const auto &d) { return d->appId == release.appId && d->name == name; }));
    std::string command = request.command;
    const std::string first = command.substr(0, command.find(' '));
    for (const auto &p : release.formation)
        if (p.type == first && !p.command.empty())
            command = p.command + command.substr(first.size());
    Dyno &d = add(release, name, "run", command, request.size, request.memoryMb);
    d.oneOff = true;
    d.attach = request.attach;
    d.tty = request.tty;
    d.extraEnv = request.env;
    if (!request.attach) {
        DynoInfo started = info(d);
        launch(d); // may end it at once (a slug that does not expand): report what was started
        started.state = "starting";
        for (const auto &x : m_dynos)
            if (x->id == started.id)
                started = info(*x);
        return {started, {}};
    }
    d.secret = core::newId();
    move(d, Input::Launched);
    log(d, "Awaiting client");
    d.attachTimer = new QTimer(this);
    d.attachTimer->setSingleShot(true);
    Dyno *dp = &d;
    connect(d.attachTimer, &QTimer::timeout, this, [this, dp] {
        if (dp->process || dp->stopping)
            return;
        log(*dp, "Error R13 (Attach error) -> Failed to attach to process");
        move(*dp, Input::Exited);
        discard(*dp);
    });
    d.attachTimer->start(m_settings.attachTimeout);
    return {info(d), d.secret};
}

Terminal Supervisor::attach(const std::string &secret)
{
    auto it = std::find_if(m_dynos.begin(), m_dynos.end(), [&](const auto &d) {
        return d->oneOff && d->attach && !d->attached && d->secret == secret;
    });
    if (it == m_dynos.end() || (*it)->process || (*it)->stopping)
        return {};
    Dyno &d = **it;
    d.attached = true; // a secret attaches once
    d.attachTimer->stop();
    int ends[2] = {-1, -1};
    const bool made = d.tty ? ::openpty(&ends[0], &ends[1], nullptr, nullptr, nullptr) == 0
                            : ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) == 0;
    if (!made) {
        log(d, "Error R13 (Attach error) -> Failed to attach to process");
        move(d, Input::Exited);
        discard(d);
        return {};
    }
    for (int fd : ends)
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    launchOn(d, ends[1]);
    ::close(ends[1]);
    return {ends[0], d.tty};
}

void Supervisor::detach(const std::string &secret)
{
    for (auto &d : m_dynos)
        if (d->oneOff && d->attached && d->secret == secret && d->process && !d->stopping)
            return beginStop(*d);
}

bool Supervisor::matches(const Dyno &d, const std::string &typeOrName) const
{
    // One-off dynos are reached by name only: restarting the app leaves them be.
    if (d.oneOff)
        return d.name == typeOrName;
    return typeOrName.empty() || d.name == typeOrName || d.type == typeOrName;
}

bool Supervisor::restart(const std::string &appId, const std::string &typeOrName)
{
    std::vector<Dyno *> picked;
    bool alreadyStopping = false; // e.g. `ps:stop web.1` just after `restart`: it is being replaced
    for (auto &d : m_dynos)
        if (d->appId == appId && matches(*d, typeOrName)) {
            if (d->stopping)
                alreadyStopping = true;
            else
                picked.push_back(d.get());
        }
    for (Dyno *d : picked) {
        d->crashes = 0;
        beginStop(*d);
    }
    return !picked.empty() || alreadyStopping;
}

bool Supervisor::stop(const std::string &appId, const std::string &typeOrName) { return restart(appId, typeOrName); }

void Supervisor::forget(const std::string &appId)
{
    m_desired.erase(appId);
    m_activity.erase(appId);
    std::vector<Dyno *> picked;
    for (auto &d : m_dynos)
        if (d->appId == appId)
            picked.push_back(d.get());
    for (Dyno *d : picked)
        beginStop(*d);
}

DynoInfo Supervisor::info(const Dyno &d) const
{
    return {d.id, d.appId, d.name, d.type, d.command, d.size, std::string(toString(d.state)), d.releaseId,
            d.releaseVersion, d.created, d.updated, d.port, d.oneOff};
}

std::vector<DynoInfo> Supervisor::dynos(const std::string &appId) const
{
    std::vector<DynoInfo> out;
    for (const auto &d : m_dynos)
        if (d->appId == appId)
            out.push_back(info(*d));
    std::sort(out.begin(), out.end(), [](const DynoInfo &a, const DynoInfo &b) {
        return a.type != b.type ? a.type < b.type : a.name.size() != b.name.size() ? a.name.size() < b.name.size() : a.name < b.name;
    });
    return out;
}

void Supervisor::stopAll()
{
    m_shuttingDown = true;
    // Every process of every dyno gets SIGTERM and the grace to exit, then SIGKILL: the shell
    // that leads a dyno may be gone while a process it started still runs.
    std::vector<std::pair<QProcess *, pid_t>> running;
    for (auto &d : m_dynos) {
        const bool leaderRuns = d->process && d->process->state() != QProcess::NotRunning;
        if (d->process && (leaderRuns || core::groupRunning(d->group))) {
            if (!d->stopping)
                log(*d, "Stopping all processes with SIGTERM");
            if (d->group > 0)
                ::kill(-d->group, SIGTERM);
            running.emplace_back(d->process, d->group);
        }
    }
    const auto ended = [](QProcess *p, pid_t group, std::chrono::steady_clock::time_point until) {
        const auto left = [&] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count();
        };
        p->waitForFinished(static_cast<int>(std::max<int64_t>(left(), 1)));
        while (core::groupRunning(group) && left() > 0)
            ::usleep(10000);
        return p->state() == QProcess::NotRunning && !core::groupRunning(group);
    };
    const auto deadline = std::chrono::steady_clock::now() + m_settings.stopGrace;
    for (const auto &[p, group] : running) {
        if (!ended(p, group, deadline)) {
            if (group > 0)
                ::kill(-group, SIGKILL);
            ended(p, group, std::chrono::steady_clock::now() + std::chrono::seconds(2));
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
