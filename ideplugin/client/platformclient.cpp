#include "platformclient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace dynodesk::ideplugin {

void PendingRequest::cancel()
{
    m_cancelled = true;
    if (reply)
        reply->abort();
}

PlatformClient::PlatformClient(QNetworkAccessManager &network, QObject *parent)
    : QObject(parent), m_network(network)
{
}

void PlatformClient::setEndpoint(const QUrl &baseUrl, const QString &token)
{
    m_baseUrl = baseUrl;
    m_token = token;
    m_cache.clear();
    emit endpointChanged();
}

QString PlatformClient::pathPart(const QString &segment)
{
    return QString::fromUtf8(QUrl::toPercentEncoding(segment));
}

PendingRequest *PlatformClient::get(const QString &path, QObject *context, Callback done)
{
    return send("GET", path, {}, context, std::move(done));
}

PendingRequest *PlatformClient::getCached(const QString &path, QObject *context, Callback done)
{
    return send("GET", path, {}, context, std::move(done), true);
}

PendingRequest *PlatformClient::post(const QString &path, const QJsonObject &body, QObject *context, Callback done)
{
    return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), context, std::move(done));
}

PendingRequest *PlatformClient::patch(const QString &path, const QJsonObject &body, QObject *context, Callback done)
{
    return send("PATCH", path, QJsonDocument(body).toJson(QJsonDocument::Compact), context, std::move(done));
}

PendingRequest *PlatformClient::put(const QString &path, const QJsonObject &body, QObject *context, Callback done)
{
    return send("PUT", path, QJsonDocument(body).toJson(QJsonDocument::Compact), context, std::move(done));
}

PendingRequest *PlatformClient::remove(const QString &path, QObject *context, Callback done)
{
    return send("DELETE", path, {}, context, std::move(done));
}

PendingRequest *PlatformClient::send(const QByteArray &verb, const QString &path, const QByteArray &body,
                                     QObject *context, Callback done, bool cached)
{
    auto *pending = new PendingRequest(this);
    sendPage(pending, verb, path, body, {}, {}, cached, context, std::move(done), context != nullptr);
    return pending;
}

static QString errorFor(const QNetworkReply &reply, int status, const QJsonObject &body, const QUrl &base)
{
    const QString message = body.value(QStringLiteral("message")).toString();
    if (status == 401)
        return message.isEmpty() ? PlatformClient::tr("The API key was not accepted (HTTP 401).")
                                 : PlatformClient::tr("The API key was not accepted: %1").arg(message);
    if (status >= 400)
        return message.isEmpty() ? PlatformClient::tr("The platform answered with HTTP %1.").arg(status) : message;
    if (reply.error() != QNetworkReply::NoError && status == 0)
        return PlatformClient::tr("Cannot reach the platform at %1: %2").arg(base.toDisplayString(), reply.errorString());
    return {};
}

void PlatformClient::sendPage(PendingRequest *pending, const QByteArray &verb, const QString &path,
                              const QByteArray &body, const QByteArray &range, QJsonArray collected, bool cached,
                              QPointer<QObject> context, Callback done, bool hasContext)
{
    QUrl url = m_baseUrl;
    const QString base = url.path().endsWith(QLatin1Char('/')) ? url.path().chopped(1) : url.path();
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    url.setPath(base + (query < 0 ? path : path.left(query)), QUrl::TolerantMode);
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/vnd.heroku+json; version=3");
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("User-Agent", "dynodesk-ide");
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!range.isEmpty())
        request.setRawHeader("Range", range);
    const QString cacheKey = url.toString();
    if (cached && range.isEmpty())
        if (auto it = m_cache.constFind(cacheKey); it != m_cache.constEnd())
            request.setRawHeader("If-None-Match", it->etag);
    request.setTransferTimeout(30000);
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    pending->reply = reply;
    connect(reply, &QNetworkReply::finished, this,
            [=, this, collected = std::move(collected), done = std::move(done)]() mutable {
                reply->deleteLater();
                if (pending->cancelled() || (hasContext && !context)) {
                    pending->deleteLater();
                    return;
                }
                Reply result;
                result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                result.requestId = QString::fromUtf8(reply->rawHeader("Request-Id"));
                if (!result.requestId.isEmpty())
                    m_lastRequestId = result.requestId;
                const QByteArray bytes = reply->readAll();
                if (result.status == 304 && m_cache.contains(cacheKey)) {
                    result.json = m_cache.value(cacheKey).json;
                    result.notModified = true;
                    result.status = 200;
                } else {
                    result.json = QJsonDocument::fromJson(bytes);
                }
                result.error = errorFor(*reply, result.status, result.json.object(), m_baseUrl);
                result.errorId = result.json.object().value(QStringLiteral("id")).toString();
                // A list continues on the next Range page: gather them all into one answer.
                if (result.status == 206 && result.json.isArray()) {
                    for (const QJsonValue &v : result.json.array())
                        collected.append(v);
                    const QByteArray next = reply->rawHeader("Next-Range");
                    if (!next.isEmpty()) {
                        sendPage(pending, verb, path, body, next, std::move(collected), false, context, std::move(done),
                                 hasContext);
                        return;
                    }
                    result.status = 200;
                    result.json = QJsonDocument(collected);
                } else if (!collected.isEmpty() && result.json.isArray()) {
                    for (const QJsonValue &v : result.json.array())
                        collected.append(v);
                    result.json = QJsonDocument(collected);
                }
                if (cached && result.status == 200 && !result.notModified && range.isEmpty()) {
                    const QByteArray etag = reply->rawHeader("ETag");
                    if (!etag.isEmpty())
                        m_cache.insert(cacheKey, {etag, result.json});
                }
                pending->deleteLater();
                done(result);
            });
}

} // namespace dynodesk::ideplugin
