#pragma once

#include "client/platformclient.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QTemporaryDir;
class QTimer;

namespace dynodesk::ideplugin {

class PlatformClient;
class StreamReader;

// One app setup (POST /app-setups), as the Button runs it: the source made ready (a directory is
// packed with `tar`, excluding .git, and uploaded with POST /sources and a PUT; a tarball file is
// uploaded; an http(s) URL is passed through), the setup created, then polled until it succeeded
// or failed. Its progress comes as steps (the platform's deploy page: creating the app, configuring
// the environment, installing add-ons, building, releasing, running postdeploy), the build's
// streamed output, and the postdeploy's output.
class SetupRunner final : public QObject {
    Q_OBJECT
public:
    enum class Step { CreateApp, Configure, Addons, Build, Release, Postdeploy };
    enum class State { Waiting, Running, Done, Failed, Skipped };
    Q_ENUM(Step)
    Q_ENUM(State)

    struct Request {
        QString source;     // a directory, a .tgz/.tar.gz file, or an http(s)/file:// URL
        QString app;        // empty: the platform generates a name
        QString region;     // empty: the platform's default
        QJsonObject env;    // overrides.env
        bool postdeploy = false; // the manifest has scripts.postdeploy
    };

    explicit SetupRunner(PlatformClient &client, QObject *parent = nullptr);
    ~SetupRunner() override;

    static QList<Step> steps();
    static QString stepText(Step step);

    void start(const Request &request);
    // Stops following the setup (the platform goes on with it; the app stays).
    void cancel();
    bool isRunning() const { return m_running; }
    QString app() const { return m_app; }
    // The name asked for (empty: the platform picks one), made or not.
    QString requestedApp() const { return m_request.app; }
    int pollInterval() const;

signals:
    void status(const QString &text);
    // The platform made the app (its name is known from now on).
    void appCreated(const QString &app);
    void stepChanged(dynodesk::ideplugin::SetupRunner::Step step, dynodesk::ideplugin::SetupRunner::State state);
    void buildOutput(const QString &line);
    void postdeployOutput(const QString &text);
    void succeeded(const QJsonObject &setup);
    // `message` is the platform's failure_message (or why the setup could not start);
    // `manifestErrors` its manifest_errors. `app` is set when the app exists (e.g. postdeploy failed).
    void failed(const QString &message, const QStringList &manifestErrors, const QString &app);

private:
    void pack(const QString &dir);
    void upload(const QString &tarball);
    void put(const QByteArray &bytes, const QString &putUrl, const QString &getUrl);
    void createSetup(const QString &url, const QString &checksum = {});
    void poll();
    void update(const QJsonObject &setup);
    void streamBuild(const QString &url);
    void set(Step step, State state);
    // Runs `end` once the build's output has all come in (or after a few seconds at most).
    void afterStream(std::function<void()> end);
    void fail(const QString &message, const QStringList &errors = {});

    PlatformClient &m_client;
    Request m_request;
    QTimer *m_poll;
    QPointer<PendingRequest> m_pending;
    QPointer<StreamReader> m_stream;
    std::unique_ptr<QTemporaryDir> m_temp;
    QString m_id;
    QString m_app;
    QMap<Step, State> m_states;
    std::function<void()> m_end;
    int m_run = 0; // which start() a late timer belongs to
    bool m_running = false;
};

} // namespace dynodesk::ideplugin
