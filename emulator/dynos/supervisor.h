#pragma once

#include "dynostate.h"

#include "core/clock.h"
#include "core/ilogsink.h"

#include <QObject>

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
    };
    std::vector<Process> formation;
};

// A dyno as the API shows it.
struct DynoInfo final {
    std::string id, appId, name, type, command, size, state, releaseId;
    int64_t releaseVersion = 0;
    core::TimePoint createdAt, updatedAt;
    int port = 0;
};

struct SupervisorSettings final {
    std::string dynosDir; // where each dyno's copy of the slug is expanded
    std::chrono::milliseconds bootTimeout{60000};
    std::chrono::milliseconds stopGrace{30000};
    std::chrono::milliseconds crashCooldownCap{20 * 60 * 1000};
};

// Runs each app's formation as real processes and converges them to what is desired
// (CONVENTIONS: desired versus actual): one process group per dyno, started from a fresh copy
// of the release's slug, with the platform's lifecycle and log lines. Lives on the core thread.
class Supervisor final : public QObject {
    Q_OBJECT
public:
    Supervisor(SupervisorSettings settings, const core::IClock &clock, core::ILogSink &logs);
    ~Supervisor() override;

    // Makes the app's dynos match: starts, stops and replaces (a new release restarts all).
    void converge(const DesiredApp &desired);
    // Restarts every dyno of the app, of one type (`web`), or one dyno (`web.1`).
    bool restart(const std::string &appId, const std::string &typeOrName = {});
    // Stops dynos; the formation brings them back.
    bool stop(const std::string &appId, const std::string &typeOrName);
    // Stops every dyno of the app and forgets it (the app was destroyed).
    void forget(const std::string &appId);
    std::vector<DynoInfo> dynos(const std::string &appId) const;
    // Stops everything and waits (SIGTERM, then SIGKILL after the grace): for shutdown.
    void stopAll();

    // Processes left by an emulator that died (they carry this dir in DYNODESK_DYNOS_DIR).
    static int killOrphans(const std::string &dynosDir);

signals:
    void dynoStateChanged(const QString &appId, const QString &dyno, const QString &state);

private:
    struct Dyno;
    void launch(Dyno &d);
    void move(Dyno &d, Input input, const std::string &why = {});
    void beginStop(Dyno &d);
    void onOutput(Dyno &d);
    void onFinished(Dyno &d, int exitCode, bool crashedExit);
    void checkBound(Dyno &d);
    void reconverge(const std::string &appId);
    void log(const Dyno &d, const std::string &message);
    bool matches(const Dyno &d, const std::string &typeOrName) const;

    SupervisorSettings m_settings;
    const core::IClock &m_clock;
    core::ILogSink &m_logs;
    std::map<std::string, DesiredApp> m_desired;
    std::vector<std::unique_ptr<Dyno>> m_dynos;
    bool m_shuttingDown = false;
};

} // namespace dynodesk::dynos
