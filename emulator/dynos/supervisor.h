#pragma once

#include "dynostate.h"
#include "dynotypes.h"
#include "idynocontrol.h"
#include "idynodriver.h"
#include "isupervisor.h"

#include "core/clock.h"
#include "core/ilogsink.h"

#include <QObject>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace dynodesk::dynos {

class Cycler;
class Idler;
class MemoryWatch;
class OneOffDynos;
class RuntimeMetrics;

// Converges each app's running dynos to what is desired (CONVENTIONS: desired versus actual),
// through a dyno driver that runs them: a fresh copy of the release's slug per run, the
// platform's lifecycle and log lines. Memory limits, runtime metrics, idling, cycling and
// one-off dynos are collaborators that act on the dynos through it. Lives on the core thread.
class Supervisor final : public QObject, public ISupervisor, private IDynoControl {
    Q_OBJECT
public:
    // Runs the dynos as plain processes (ProcessDynoDriver) under `settings.dynosDir`.
    Supervisor(SupervisorSettings settings, const core::IClock &clock, core::ILogSink &logs);
    Supervisor(SupervisorSettings settings, std::unique_ptr<IDynoDriver> driver, const core::IClock &clock,
               core::ILogSink &logs);
    ~Supervisor() override;

    // Makes the app's dynos match: starts, stops and replaces (a new release restarts all).
    void converge(const DesiredApp &desired);
    // Restarts every dyno of the app, of one type (`web`), or one dyno (`web.1`).
    bool restart(const std::string &appId, const std::string &typeOrName = {}) override;
    // Stops dynos; the formation brings them back.
    bool stop(const std::string &appId, const std::string &typeOrName) override;
    // Stops every dyno of the app and forgets it (the app was destroyed).
    void forget(const std::string &appId);
    std::vector<DynoInfo> dynos(const std::string &appId) const override;

    // Idling (see Idler): the app's activity record, which the router stamps with each
    // request, and the router's request to wake an app whose dyno sleeps.
    std::shared_ptr<std::atomic<int64_t>> activity(const std::string &appId);
    void wake(const std::string &appId);

    // One-off dynos (see OneOffDynos): returns the dyno and, for an attached one, its secret.
    std::pair<DynoInfo, std::string> runOneOff(const DesiredApp &release, const OneOffRequest &request) override;
    std::string isolation() const override;
    // The client of an attached one-off came: starts its command on a terminal.
    Terminal attach(const std::string &secret);
    // The client of an attached one-off went away: its dyno is stopped.
    void detach(const std::string &secret);
    // Stops everything and waits (SIGTERM, then SIGKILL after the grace): for shutdown.
    void stopAll();

    // Processes left by an emulator that died (they carry this dir in DYNODESK_DYNOS_DIR).
    static int killOrphans(const std::string &dynosDir);

signals:
    void dynoStateChanged(const QString &appId, const QString &dyno, const QString &state);

private:
    // IDynoControl: what the collaborators may do.
    IDynoControl &control() { return *this; }
    const std::vector<std::unique_ptr<Dyno>> &all() const override { return m_dynos; }
    const DesiredApp *desired(const std::string &appId) const override;
    IDynoDriver &driver() override { return *m_driver; }
    QObject *timerOwner() override { return this; }
    void log(const Dyno &d, const std::string &message) override;
    void move(Dyno &d, Input input, const std::string &why) override;
    Dyno &add(const DesiredApp &want, const std::string &name, const std::string &type, const std::string &command,
              const std::string &size, int memoryMb) override;
    void launch(Dyno &d, int terminal) override;
    void beginStop(Dyno &d) override;
    void signalStop(Dyno &d) override;
    void kill(Dyno &d, Input why) override;
    void discard(Dyno &d) override;

    DynoEvents eventsOf(Dyno &d);
    void onStarted(Dyno &d);
    void onOutput(Dyno &d, const QByteArray &chunk);
    void onFinished(Dyno &d, int exitCode);
    void afterExit(Dyno &d);
    void waitForBind(Dyno &d);
    void restartAfterCooloff(Dyno &d);
    void reconverge(const std::string &appId);
    bool matches(const Dyno &d, const std::string &typeOrName) const;

    SupervisorSettings m_settings;
    std::unique_ptr<IDynoDriver> m_driver;
    const core::IClock &m_clock;
    core::ILogSink &m_logs;
    std::map<std::string, DesiredApp> m_desired;
    std::vector<std::unique_ptr<Dyno>> m_dynos;
    bool m_shuttingDown = false;
    std::unique_ptr<MemoryWatch> m_memory;
    std::unique_ptr<RuntimeMetrics> m_metrics;
    std::unique_ptr<Idler> m_idler;
    std::unique_ptr<Cycler> m_cycler;
    std::unique_ptr<OneOffDynos> m_oneOffs;
};

} // namespace dynodesk::dynos
