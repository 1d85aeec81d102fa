#include "apiclient.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

namespace dynodesk::app {

ApiClient::ApiClient(QNetworkAccessManager &network, QUrl baseUrl, QString token, QObject *parent)
    : QObject(parent), m_network(network), m_baseUrl(std::move(baseUrl)), m_token(std::move(token))
{
}

void ApiClient::get(const QString &path, Callback done) { send("GET", path, {}, std::move(done)); }

void ApiClient::post(const QString &path, const QJsonDocument &body, Callback done)
{
    send("POST", path, body.toJson(QJsonDocument::Compact), std::move(done));
}

void ApiClient::remove(const QString &path, Callback done) { send("DELETE", path, {}, std::move(done)); }

static QString errorFor(QNetworkReply &reply, int status, const QJsonDocument &json, const QUrl &base)
{
    const QString message = json.object().value(QStringLiteral("message")).toString();
    if (status == 401)
        return message.isEmpty() ? ApiClient::tr("The API key was not accepted.")
                                 : ApiClient::tr("The API key was not accepted: %1").arg(message);
    if (status >= 400)
        return message.isEmpty() ? ApiClient::tr("The server answered with HTTP %1.").arg(status) : message;
    if (reply.error() != QNetworkReply::NoError)
        return ApiClient::tr("Cannot reach %1: %2").arg(base.toDisplayString(), reply.errorString());
    return {};
}

void ApiClient::send(const QByteArray &verb, const QString &path, const QByteArray &body, Callback done)
{
    QUrl url = m_baseUrl;
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + path);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/vnd.heroku+json; version=3");
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(15000);
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    reply->setParent(this);
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        reply->deleteLater();
        ApiReply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.json = QJsonDocument::fromJson(reply->readAll());
        result.error = errorFor(*reply, result.status, result.json, m_baseUrl);
        done(result);
    });
}

} // namespace dynodesk::app
