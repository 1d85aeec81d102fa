#include "supervisor.h"

#include "cycler.h"
#include "idler.h"
#include "memorywatch.h"
#include "oneoffdynos.h"
#include "processdynodriver.h"
#include "runtimemetrics.h"

#include "build/slugcompiler.h"
#include "core/ids.h"
#include "core/routetable.h"

#include <QTimer>

#include <algorithm>
#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace dynodesk::dynos {

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

Supervisor::Supervisor(SupervisorSettings settings, const core::IClock &clock, core::ILogSink &logs)
    : Supervisor(settings, std::make_unique<ProcessDynoDriver>(settings.dynosDir), clock, logs)
{
}

Supervisor::Supervisor(SupervisorSettings settings, std::unique_ptr<IDynoDriver> driver, const core::IClock &clock,
                       core::ILogSink &logs)
    : m_settings(std::move(settings)), m_driver(std::move(driver)), m_clock(clock), m_logs(logs),
      m_memory(std::make_unique<MemoryWatch>(control(), clock, m_settings.memorySample, m_settings.metricsPeriod)),
      m_metrics(std::make_unique<RuntimeMetrics>(control(), m_settings.metricsPeriod)),
      m_idler(std::make_unique<Idler>(control(), m_settings.idleAfter)),
      m_cycler(std::make_unique<Cycler>(control(), m_settings.cycle)),
      m_oneOffs(std::make_unique<OneOffDynos>(control(), m_settings.attachTimeout))
{
}

Supervisor::~Supervisor() { stopAll(); }

int Supervisor::killOrphans(const std::string &dynosDir) { return ProcessDynoDriver::killOrphans(dynosDir); }

const DesiredApp *Supervisor::desired(const std::string &appId) const
{
    const auto it = m_desired.find(appId);
    return it == m_desired.end() ? nullptr : &it->second;
}

void Supervisor::log(const Dyno &d, const std::string &message) { m_logs.append(d.appId, "heroku", d.name, message); }

void Supervisor::move(Dyno &d, Input input, const std::string &why)
{
    const auto next = transition(d.state, input, d.oneOff);
    if (!next)
        return;
    const State before = std::exchange(d.state, *next);
    if (toString(before) == toString(d.state))
        return; // what the supervisor waits for changed, not what the platform shows
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

void Supervisor::launch(Dyno &d, int terminal)
{
    d.port = freePort();
    build::Env env = build::baseEnvironment();
    for (const auto &[k, v] : d.config)
        env[k] = v;
    for (const auto &[k, v] : d.extraEnv)
        env[k] = v;
    env["PORT"] = std::to_string(d.port);
    env["DYNO"] = d.name;
    // The dyno's memory for its size, where the platform's buildpacks look for it when the
    // cgroup's limit is not what a dyno of that size sees (ours holds it at R15's threshold, and a
    // sandboxed dyno sees no /sys): `.profile.d` scripts size WEB_CONCURRENCY from it. A config
    // var of that name wins, as it does on the platform.
    env.emplace("MEMORY_AVAILABLE", std::to_string(d.memoryMb));
    env["PS1"] = "\\[\\033[01;34m\\]\\w\\[\\033[00m\\] \\[\\033[01;32m\\]$ \\[\\033[00m\\]";
    log(d, "Starting process with command `" + d.command + "`");
    move(d, Input::Launched, {});
    d.lastSignal = 0;
    const int64_t r15 = 2LL * d.memoryMb * 1024 * 1024; // the kernel holds the dyno at R15's threshold
    d.run = m_driver->start({d.id, d.name, d.appId, d.command, d.slugPath, std::move(env), r15, terminal, d.tty}, eventsOf(d));
    if (!d.oneOff)
        m_cycler->schedule(d);
}

// The dyno outlives its run's events: discard() stops the run first.
DynoEvents Supervisor::eventsOf(Dyno &d)
{
    Dyno *dp = &d;
    DynoEvents events;
    events.started = [this, dp] { onStarted(*dp); };
    events.failed = [this, dp](const std::string &error) {
        log(*dp, "Could not expand the slug: " + error);
        onFinished(*dp, 1);
    };
    events.output = [this, dp](const QByteArray &chunk) { onOutput(*dp, chunk); };
    events.outOfMemory = [this, dp](int64_t peak) { m_memory->outOfMemory(*dp, peak); };
    events.exited = [this, dp](int exitCode, bool signalled) {
        onFinished(*dp, signalled ? 128 + (dp->lastSignal ? dp->lastSignal : SIGKILL) : exitCode);
    };
    return events;
}

void Supervisor::onStarted(Dyno &d)
{
    if (d.type != "web" || d.oneOff)
        return move(d, Input::Ready, {});
    waitForBind(d);
}

// A web dyno is up when it accepts connections on $PORT, within the boot timeout (R10).
void Supervisor::waitForBind(Dyno &d)
{
    for (QTimer *old : {d.poll, d.bootTimer}) // from an earlier launch (a crash, a wake)
        if (old)
            old->deleteLater();
    Dyno *dp = &d;
    d.poll = new QTimer(this);
    connect(d.poll, &QTimer::timeout, this, [this, dp] {
        if (dp->state != State::Starting || !m_driver->listening(dp->run, dp->port))
            return;
        dp->poll->stop();
        dp->bootTimer->stop();
        move(*dp, Input::Ready, {});
    });
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
        kill(*dp, Input::BootTimeout);
    });
    d.bootTimer->start(m_settings.bootTimeout);
}

void Supervisor::kill(Dyno &d, Input why)
{
    log(d, "Stopping process with SIGKILL");
    d.lastSignal = SIGKILL;
    move(d, why, {});
    m_driver->signal(d.run, SIGKILL);
}

void Supervisor::onOutput(Dyno &d, const QByteArray &chunk)
{
    d.pending += chunk;
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

void Supervisor::onFinished(Dyno &d, int exitCode)
{
    // A dyno ends when all its processes have: while a stop's grace runs, wait for the rest of
    // the group (the SIGKILL after the grace ends it); after a crash, they go at once. At
    // shutdown the driver gives the rest of the group its grace.
    if (!m_shuttingDown && m_driver->running(d.run)) {
        if (stopping(d.state) && d.killTimer && d.killTimer->isActive()) {
            Dyno *dp = &d;
            QTimer::singleShot(100, this, [this, dp, exitCode] { onFinished(*dp, exitCode); });
            return;
        }
        m_driver->signal(d.run, SIGKILL);
        if (stopping(d.state))
            exitCode = 128 + SIGKILL;
    }
    if (stopping(d.state) && d.lastSignal == SIGKILL)
        exitCode = 128 + SIGKILL;
    if (!d.pending.isEmpty())
        m_logs.append(d.appId, "app", d.name, d.pending.toStdString());
    d.pending.clear();
    for (QTimer *t : {d.poll, d.bootTimer, d.killTimer, d.cycleTimer})
        if (t)
            t->stop();
    log(d, "Process exited with status " + std::to_string(exitCode));
    m_driver->stop(std::exchange(d.run, 0));
    afterExit(d);
}

// What follows a dyno's exit: it goes, sleeps, wakes or restarts.
void Supervisor::afterExit(Dyno &d)
{
    const State before = d.state;
    if (d.oneOff || m_shuttingDown) { // one-off dynos end `complete` and are discarded
        if (d.oneOff)
            move(d, Input::Exited, {});
        return discard(d);
    }
    move(d, Input::Exited, {}); // crashed (unless already), down or idle
    if (before == State::Sleeping || before == State::Waking) {
        // Asleep: the dyno stays, `idle`, until a request wakes it (or the formation changes).
        if (d.killTimer) {
            d.killTimer->deleteLater();
            d.killTimer = nullptr;
        }
        if (before == State::Waking) { // then replaced like any other if the release changed meanwhile
            log(d, "Unidling");
            launch(d, -1);
        }
        return reconverge(d.appId);
    }
    if (stopping(before)) {
        // A stop, restart or scale-down: the dyno goes, and the formation decides what follows.
        const std::string appId = d.appId;
        discard(d);
        return reconverge(appId);
    }
    restartAfterCooloff(d);
}

// Crashed: restarted at once the first time, then after a growing cool-off.
void Supervisor::restartAfterCooloff(Dyno &d)
{
    ++d.crashes;
    const auto wait = crashCooldown(d.crashes, m_settings.crashCooldownCap);
    if (!d.restartTimer) {
        d.restartTimer = new QTimer(this);
        d.restartTimer->setSingleShot(true);
        Dyno *dp = &d;
        connect(d.restartTimer, &QTimer::timeout, this, [this, dp] {
            if (dp->state == State::Crashed)
                launch(*dp, -1);
        });
    }
    d.restartTimer->start(wait);
}

void Supervisor::beginStop(Dyno &d)
{
    if (stopping(d.state))
        return;
    if (d.restartTimer)
        d.restartTimer->stop();
    move(d, Input::StopAsked, {});
    if (!d.run) { // crashed and waiting (or a one-off awaiting its client): nothing runs
        move(d, Input::Exited, {});
        const std::string appId = d.appId;
        discard(d);
        if (!m_shuttingDown)
            QTimer::singleShot(0, this, [this, appId] { reconverge(appId); });
        return;
    }
    signalStop(d);
}

// SIGTERM to the dyno's process group, then SIGKILL after the grace (R12).
void Supervisor::signalStop(Dyno &d)
{
    log(d, "Stopping all processes with SIGTERM");
    d.lastSignal = SIGTERM;
    m_driver->signal(d.run, SIGTERM);
    d.killTimer = new QTimer(this);
    d.killTimer->setSingleShot(true);
    Dyno *dp = &d;
    connect(d.killTimer, &QTimer::timeout, this, [this, dp] {
        const auto secs = std::chrono::duration_cast<std::chrono::seconds>(m_settings.stopGrace).count();
        log(*dp, "Error R12 (Exit timeout) -> At least one process failed to exit within " + std::to_string(secs)
                         + " seconds of SIGTERM");
        log(*dp, "Stopping remaining processes with SIGKILL");
        dp->lastSignal = SIGKILL;
        m_driver->signal(dp->run, SIGKILL);
    });
    d.killTimer->start(m_settings.stopGrace);
}

std::shared_ptr<std::atomic<int64_t>> Supervisor::activity(const std::string &appId) { return m_idler->activity(appId); }

void Supervisor::wake(const std::string &appId) { m_idler->wake(appId); }

void Supervisor::converge(const DesiredApp &desired)
{
    auto before = m_desired.find(desired.appId);
    if (desired.idling && (before == m_desired.end() || !before->second.idling))
        m_idler->optedIn(desired.appId); // the idle time counts from the opt-in
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
        if (d->appId == appId && !d->oneOff && !stopping(d->state) && !wanted(*d))
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
            launch(ref, -1);
        }
    }
}

Dyno &Supervisor::add(const DesiredApp &want, const std::string &name, const std::string &type, const std::string &command,
                      const std::string &size, int memoryMb)
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
    if (d.run)
        m_driver->stop(std::exchange(d.run, 0));
    std::erase_if(m_dynos, [&](const std::unique_ptr<Dyno> &x) { return x.get() == &d; });
}

std::pair<DynoInfo, std::string> Supervisor::runOneOff(const DesiredApp &release, const OneOffRequest &request)
{
    return m_oneOffs->run(release, request);
}

Terminal Supervisor::attach(const std::string &secret) { return m_oneOffs->attach(secret); }

void Supervisor::detach(const std::string &secret) { m_oneOffs->detach(secret); }

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
            if (stopping(d->state))
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
    m_idler->forget(appId);
    std::vector<Dyno *> picked;
    for (auto &d : m_dynos)
        if (d->appId == appId)
            picked.push_back(d.get());
    for (Dyno *d : picked)
        beginStop(*d);
}

std::string Supervisor::isolation() const { return m_driver->isolation(); }

std::vector<DynoInfo> Supervisor::dynos(const std::string &appId) const
{
    std::vector<DynoInfo> out;
    for (const auto &d : m_dynos)
        if (d->appId == appId)
            out.push_back(infoOf(*d));
    std::sort(out.begin(), out.end(), [](const DynoInfo &a, const DynoInfo &b) {
        return a.type != b.type ? a.type < b.type : a.name.size() != b.name.size() ? a.name.size() < b.name.size() : a.name < b.name;
    });
    return out;
}

void Supervisor::stopAll()
{
    m_shuttingDown = true;
    // The driver gives every process of every dyno SIGTERM and the grace, then SIGKILL.
    for (auto &d : m_dynos)
        if (d->run && m_driver->running(d->run) && !stopping(d->state))
            log(*d, "Stopping all processes with SIGTERM");
    m_driver->stopAll(m_settings.stopGrace);
    m_dynos.clear();
}

} // namespace dynodesk::dynos
