#pragma once

#include "dynostate.h"
#include "isupervisor.h"

#include "core/clock.h"
#include "core/ilogsink.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

class QProcess;
class QTimer;

namespace dynodesk::dynos {

// What should run for one app: the current release and its formation.
struct DesiredApp final {
    std::string appId, appName;
    std::string releaseId;
    int64_t releaseVersion = 0;
    std::string slugPath; // empty: nothing released, so nothing runs
    std::map<std::string, std::string> config;
    struct Process {
        std::string type, command, size;
        int quantity = 0;
        int memoryMb = 512; // the size's memory quota
    };
    std::vector<Process> formation;
    bool runtimeMetrics = false; // the labs feature `log-runtime-metrics`
    bool idling = false;         // the labs feature `idling`: an eco app's only web dyno may sleep
};

// A one-off dyno to run (`heroku run`, `heroku run:detached`).
struct OneOffRequest final {
    std::string command, size;
    int memoryMb = 512;
    std::map<std::string, std::string> env; // added to the release's config vars
    bool attach = false;                    // attached through the rendezvous, else output to the logs
    bool tty = true;                        // attached on a terminal, else on a plain socket
};

// The dyno's end of an attached one-off's terminal, for the rendezvous to carry.
struct Terminal final {
    int fd = -1; // owned by the receiver; -1: no dyno waits for that secret
    bool tty = true;
};

// A dyno as the API shows it.
struct DynoInfo final {
    std::string id, appId, name, type, command, size, state, releaseId;
    int64_t releaseVersion = 0;
    core::TimePoint createdAt, updatedAt;
    int port = 0;
    bool oneOff = false;
};

struct SupervisorSettings final {
    std::string dynosDir; // where each dyno's copy of the slug is expanded
    std::chrono::milliseconds bootTimeout{60000};
    std::chrono::milliseconds stopGrace{30000};
    std::chrono::milliseconds crashCooldownCap{20 * 60 * 1000};
    std::chrono::milliseconds attachTimeout{60000};        // an attached one-off's client (R13)
    std::chrono::milliseconds cycle{24LL * 60 * 60 * 1000}; // daily cycling
    std::chrono::milliseconds memorySample{5000};           // R14/R15
    std::chrono::milliseconds metricsPeriod{20000};         // log-runtime-metrics
    std::chrono::milliseconds idleAfter{30 * 60 * 1000};    // idling: how long without requests
};

// Runs each app's formation as real processes and converges them to what is desired
// (CONVENTIONS: desired versus actual): one process group per dyno, started from a fresh copy
// of the release's slug, with the platform's lifecycle and log lines. Lives on the core thread.
class Supervisor final : public QObject, public ISupervisor {
    Q_OBJECT
public:
    Supervisor(SupervisorSettings settings, const core::IClock &clock, core::ILogSink &logs);
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

    // Idling: an app that opted in (`idling`), with one web dyno of size eco, sleeps after
    // `idleAfter` without requests, counted from the opt-in at the earliest. The router stamps
    // each request into the app's activity record, and asks to wake an app whose dyno sleeps.
    std::shared_ptr<std::atomic<int64_t>> activity(const std::string &appId);
    void wake(const std::string &appId);

    // Starts a one-off dyno (`run.NNNN`) on a fresh copy of the release's slug. A detached one
    // starts at once with its output in the logs; an attached one waits for its client, which
    // brings the secret returned here (R13 when none comes in time). Either ends `complete` and
    // is discarded when its command exits.
    std::pair<DynoInfo, std::string> runOneOff(const DesiredApp &release, const OneOffRequest &request) override;
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
    struct Dyno;
    void launch(Dyno &d);
    void launchOn(Dyno &d, int terminal);
    void move(Dyno &d, Input input, const std::string &why = {});
    void beginStop(Dyno &d);
    void signalStop(Dyno &d);
    void sleep(Dyno &d);
    void checkIdle();
    void onOutput(Dyno &d);
    void onFinished(Dyno &d, int exitCode, bool crashedExit);
    void checkBound(Dyno &d);
    void reconverge(const std::string &appId);
    void log(const Dyno &d, const std::string &message);
    Dyno &add(const DesiredApp &want, const std::string &name, const std::string &type, const std::string &command,
              const std::string &size, int memoryMb);
    void discard(Dyno &d);
    DynoInfo info(const Dyno &d) const;
    void startProcess(Dyno &d, const std::map<std::string, std::string> &env, int terminal);
    void sampleMemory();
    void emitRuntimeMetrics();
    void scheduleCycle(Dyno &d);
    bool matches(const Dyno &d, const std::string &typeOrName) const;

    SupervisorSettings m_settings;
    const core::IClock &m_clock;
    core::ILogSink &m_logs;
    std::map<std::string, DesiredApp> m_desired;
    std::vector<std::unique_ptr<Dyno>> m_dynos;
    bool m_shuttingDown = false;
    QTimer *m_memoryTimer = nullptr, *m_metricsTimer = nullptr, *m_idleTimer = nullptr;
    std::map<std::string, std::shared_ptr<std::atomic<int64_t>>> m_activity;
};

} // namespace dynodesk::dynos
