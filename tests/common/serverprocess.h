#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace dynodesk::testing {

// A real dynodesk-server process on a data dir, on a free port, for end-to-end tests.
class ServerProcess {
public:
    explicit ServerProcess(QString dataDir, QStringList extraArgs = {});
    ~ServerProcess();

    // Starts it and waits for its `export HEROKU_API_KEY=` line. False (with output()) on failure.
    bool start(int timeoutMs = 10000);
    void kill(); // SIGKILL, as a crash would
    bool terminate(int timeoutMs = 10000); // SIGTERM, and wait for a clean exit

    QString apiUrl() const { return m_apiUrl; }
    // The router apps answer on (`http://<app>.localhost:<port>/`, or any Host it knows).
    quint16 routerPort() const { return m_routerPort; }
    QString token() const { return m_token; }
    QString output() const { return m_output; }
    QProcess &process() { return m_process; }
    qint64 startupMs() const { return m_startupMs; }

private:
    QString m_dataDir;
    QStringList m_extraArgs;
    QProcess m_process;
    QString m_apiUrl, m_token, m_output;
    qint64 m_startupMs = 0;
    quint16 m_routerPort = 0;
};

} // namespace dynodesk::testing
