#include "setuprunner.h"

#include "client/streamreader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

namespace dynodesk::ideplugin {

SetupRunner::SetupRunner(PlatformClient &client, QObject *parent)
    : QObject(parent), m_client(client), m_poll(new QTimer(this))
{
    m_poll->setSingleShot(true);
    m_poll->setInterval(pollInterval());
    connect(m_poll, &QTimer::timeout, this, &SetupRunner::poll);
}

SetupRunner::~SetupRunner() = default;

int SetupRunner::pollInterval() const { return 500; }

QList<SetupRunner::Step> SetupRunner::steps()
{
    return {Step::CreateApp, Step::Configure, Step::Addons, Step::Build, Step::Release, Step::Postdeploy};
}

QString SetupRunner::stepText(Step step)
{
    switch (step) {
    case Step::CreateApp: return tr("Creating app");
    case Step::Configure: return tr("Configuring environment");
    case Step::Addons: return tr("Installing add-ons");
    case Step::Build: return tr("Building app");
    case Step::Release: return tr("Releasing app");
    case Step::Postdeploy: return tr("Running postdeploy script");
    }
    return {};
}

void SetupRunner::start(const Request &request)
{
    m_request = request;
    ++m_run;
    m_end = {};
    m_id.clear();
    m_app.clear();
    m_states.clear();
    m_running = true;
    for (Step step : steps())
        set(step, State::Waiting);
    set(Step::CreateApp, State::Running); // making the source ready is the first part of it
    const QString source = request.source.trimmed();
    const QUrl url(source);
    if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
        return createSetup(source);
    const QString path = url.isLocalFile() ? url.toLocalFile() : source;
    if (QFileInfo(path).isDir())
        return pack(path);
    if (QFileInfo(path).isFile())
        return upload(path);
    fail(tr("%1 does not exist.").arg(QDir::toNativeSeparators(path)));
}

void SetupRunner::pack(const QString &dir)
{
    emit status(tr("Packing %1…").arg(QDir::toNativeSeparators(dir)));
    m_temp = std::make_unique<QTemporaryDir>();
    const QString tarball = m_temp->filePath(QStringLiteral("source.tgz"));
    auto *tar = new QProcess(this);
    connect(tar, &QProcess::finished, this, [this, tar, tarball](int code, QProcess::ExitStatus exit) {
        tar->deleteLater();
        if (!m_running)
            return;
        if (exit != QProcess::NormalExit || code != 0)
            return fail(tr("The source could not be packed: %1").arg(QString::fromLocal8Bit(tar->readAllStandardError()).trimmed()));
        upload(tarball);
    });
    connect(tar, &QProcess::errorOccurred, this, [this, tar](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart && m_running)
            fail(tr("The source could not be packed: %1").arg(tar->errorString()));
    });
    tar->start(QStringLiteral("tar"), {QStringLiteral("-czf"), tarball, QStringLiteral("--exclude=.git"), QStringLiteral("-C"),
                                       dir, QStringLiteral(".")});
}

void SetupRunner::upload(const QString &tarball)
{
    QFile file(tarball);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(tarball), file.errorString()));
    const QByteArray bytes = file.readAll();
    emit status(tr("Uploading the source (%1 KB)…").arg((bytes.size() + 1023) / 1024));
    m_pending = m_client.post(QStringLiteral("/sources"), {}, this, [this, bytes](const Reply &reply) {
        if (!reply.ok())
            return fail(tr("The source could not be uploaded: %1").arg(reply.error));
        const QJsonObject blob = reply.object().value(QStringLiteral("source_blob")).toObject();
        put(bytes, blob.value(QStringLiteral("put_url")).toString(), blob.value(QStringLiteral("get_url")).toString());
    });
}

void SetupRunner::put(const QByteArray &bytes, const QString &putUrl, const QString &getUrl)
{
    QNetworkRequest request{QUrl(putUrl)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray());
    request.setRawHeader("User-Agent", "dynodesk-ide");
    QNetworkReply *reply = m_client.network().put(request, bytes);
    const QByteArray checksum = "SHA256:" + QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
    connect(reply, &QNetworkReply::finished, this, [this, reply, getUrl, checksum] {
        reply->deleteLater();
        if (!m_running)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status >= 300)
            return fail(tr("The source could not be uploaded: %1").arg(reply->errorString()));
        createSetup(getUrl, QString::fromLatin1(checksum));
    });
}

void SetupRunner::createSetup(const QString &url, const QString &checksum)
{
    emit status(tr("Creating the app…"));
    QJsonObject app;
    if (!m_request.app.isEmpty())
        app.insert(QStringLiteral("name"), m_request.app);
    if (!m_request.region.isEmpty())
        app.insert(QStringLiteral("region"), m_request.region);
    QJsonObject blob{{QStringLiteral("url"), url}};
    if (!checksum.isEmpty())
        blob.insert(QStringLiteral("checksum"), checksum);
    QJsonObject body{{QStringLiteral("source_blob"), blob}};
    if (!app.isEmpty())
        body.insert(QStringLiteral("app"), app);
    if (!m_request.env.isEmpty())
        body.insert(QStringLiteral("overrides"), QJsonObject{{QStringLiteral("env"), m_request.env}});
    m_pending = m_client.post(QStringLiteral("/app-setups"), body, this, [this](const Reply &reply) {
        if (!reply.ok()) {
            QStringList errors;
            for (const QJsonValue &e : reply.object().value(QStringLiteral("manifest_errors")).toArray())
                errors.append(e.toString());
            return fail(reply.error, errors);
        }
        m_id = reply.object().value(QStringLiteral("id")).toString();
        update(reply.object());
    });
}

void SetupRunner::poll()
{
    m_pending = m_client.get(QStringLiteral("/app-setups/%1").arg(PlatformClient::pathPart(m_id)), this,
                                 [this](const Reply &reply) {
        if (!reply.ok())
            return fail(tr("The setup could not be read: %1").arg(reply.error));
        update(reply.object());
    });
}

void SetupRunner::update(const QJsonObject &setup)
{
    if (!m_running)
        return;
    // The app is made once it has an id: before, `app.name` is only the name asked for (a
    // manifest with errors fails with nothing made).
    const QJsonObject made = setup.value(QStringLiteral("app")).toObject();
    const QString app = made.value(QStringLiteral("id")).toString().isEmpty() ? QString()
                                                                              : made.value(QStringLiteral("name")).toString();
    if (!app.isEmpty() && m_app.isEmpty()) {
        m_app = app;
        emit appCreated(app);
    }
    const QString status = setup.value(QStringLiteral("status")).toString();
    const QJsonObject build = setup.value(QStringLiteral("build")).toObject();
    const QJsonValue postdeploy = setup.value(QStringLiteral("postdeploy"));
    const QString buildStatus = build.value(QStringLiteral("status")).toString();
    if (!m_app.isEmpty()) {
        set(Step::CreateApp, State::Done);
        set(Step::Configure, State::Done);
        set(Step::Addons, build.isEmpty() ? State::Running : State::Done);
    }
    if (!build.isEmpty()) {
        if (!m_stream && m_states.value(Step::Build) == State::Waiting)
            streamBuild(build.value(QStringLiteral("output_stream_url")).toString());
        set(Step::Build, buildStatus == QLatin1String("succeeded") ? State::Done
                         : buildStatus == QLatin1String("failed")  ? State::Failed
                                                                   : State::Running);
    }
    const bool built = buildStatus == QLatin1String("succeeded");
    const bool postdeployRan = postdeploy.isObject();
    if (built)
        set(Step::Release, status == QLatin1String("pending") && !postdeployRan && !m_request.postdeploy ? State::Running
                                                                                                          : State::Done);
    if (built && m_request.postdeploy)
        set(Step::Postdeploy, postdeployRan ? State::Done : State::Running);
    if (postdeployRan) {
        const QJsonObject run = postdeploy.toObject();
        emit postdeployOutput(run.value(QStringLiteral("output")).toString());
        if (run.value(QStringLiteral("exit_code")).toInt() != 0)
            set(Step::Postdeploy, State::Failed);
    }
    if (status == QLatin1String("succeeded")) {
        set(Step::Release, State::Done);
        if (!m_request.postdeploy)
            set(Step::Postdeploy, State::Skipped);
        return afterStream([this, setup] {
            m_running = false;
            emit succeeded(setup);
        });
    }
    if (status == QLatin1String("failed")) {
        QStringList errors;
        for (const QJsonValue &e : setup.value(QStringLiteral("manifest_errors")).toArray())
            errors.append(e.toString());
        const QString message = setup.value(QStringLiteral("failure_message")).toString();
        return afterStream([this, message, errors] { fail(message, errors); });
    }
    m_poll->start();
}

void SetupRunner::afterStream(std::function<void()> end)
{
    if (!m_stream || !m_stream->isRunning())
        return end();
    m_end = std::move(end);
    QTimer::singleShot(5000, this, [this, run = m_run] {
        if (m_end && run == m_run)
            std::exchange(m_end, {})();
    });
}

void SetupRunner::streamBuild(const QString &url)
{
    if (url.isEmpty())
        return;
    m_stream = new StreamReader(m_client.network(), QUrl(url), StreamReader::Format::PlainText, this);
    connect(m_stream, &StreamReader::line, this, &SetupRunner::buildOutput);
    connect(m_stream, &StreamReader::finished, this, [this] {
        m_stream->deleteLater();
        if (m_end)
            std::exchange(m_end, {})();
    });
    m_stream->start();
}

void SetupRunner::set(Step step, State state)
{
    if (m_states.contains(step) && m_states.value(step) == state)
        return;
    // A finished step does not go back (a late poll may lag the stream).
    if (m_states.value(step) == State::Done && state == State::Running)
        return;
    m_states.insert(step, state);
    emit stepChanged(step, state);
}

void SetupRunner::fail(const QString &message, const QStringList &errors)
{
    m_poll->stop();
    bool marked = false;
    for (Step step : steps())
        if (m_states.value(step) == State::Running || m_states.value(step) == State::Failed) {
            set(step, State::Failed);
            marked = true;
        }
    // Refused before anything ran (the manifest's errors): the first step, making the app, failed.
    if (!marked && m_states.value(Step::CreateApp, State::Waiting) == State::Waiting)
        set(Step::CreateApp, State::Failed);
    m_running = false;
    emit failed(message.isEmpty() && !errors.isEmpty() ? tr("The app.json manifest has errors.") : message, errors,
                m_app);
}

void SetupRunner::cancel()
{
    if (!m_running)
        return;
    m_poll->stop();
    m_end = {};
    if (m_pending)
        m_pending->cancel();
    if (m_stream)
        m_stream->stop();
    fail(tr("Cancelled. The platform finishes a setup it has started; the app stays."));
}

} // namespace dynodesk::ideplugin
