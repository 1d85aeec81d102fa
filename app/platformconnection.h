#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace dynodesk::wiring {
class Emulator;
}

namespace dynodesk::app {

// The platform the IDE talks to, owned by the shell: the emulator started in this process, or
// a remote Platform API (a dynodesk-server elsewhere, or the real platform). Either way clients
// speak HTTP to `apiUrl()` with `token()`.
class PlatformConnection final : public QObject {
    Q_OBJECT
public:
    explicit PlatformConnection(QObject *parent = nullptr);
    ~PlatformConnection() override;

    // Starts the in-process emulator on free loopback ports with its data in `dataDir`. On
    // failure `error()` says why and nothing is connected.
    bool startLocal(const QString &dataDir);
    // Points at a remote Platform API; stops the in-process emulator if it ran.
    void connectRemote(const QString &apiUrl, const QString &token, const QString &description);
    void disconnectWithError(const QString &message);
    // Stops the in-process emulator and its dynos.
    void stop();

    bool isConnected() const { return !m_apiUrl.isEmpty(); }
    bool isLocal() const { return m_emulator != nullptr; }
    QString apiUrl() const { return m_apiUrl; }
    QString token() const { return m_token; }
    QString description() const { return m_description; }
    QString error() const { return m_error; }

signals:
    void changed();

private:
    std::unique_ptr<wiring::Emulator> m_emulator;
    QString m_apiUrl, m_token, m_description, m_error;
};

} // namespace dynodesk::app
