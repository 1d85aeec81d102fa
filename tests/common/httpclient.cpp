#include "httpclient.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcessEnvironment>
#include <QTimer>

namespace dynodesk::testing {

QProcessEnvironment gitEnvironment(const QProcessEnvironment &base, const QString &home)
{
    QProcessEnvironment env = base;
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    for (const char *who : {"AUTHOR", "COMMITTER"}) {
        env.insert(QStringLiteral("GIT_%1_NAME").arg(QLatin1String(who)), QStringLiteral("Dev"));
        env.insert(QStringLiteral("GIT_%1_EMAIL").arg(QLatin1String(who)), QStringLiteral("dev@example.com"));
    }
    return env;
}

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

nlohmann::json HttpResult::json() const
{
    return nlohmann::json::parse(body.toStdString(), nullptr, false);
}

HttpClient::HttpClient(QString baseUrl, QString token) : m_base(std::move(baseUrl)), m_token(std::move(token)) {}

HttpResult HttpClient::request(const QByteArray &method, const QString &path, const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers) const
{
    QNetworkAccessManager nam;
    QNetworkRequest req(QUrl(m_base + path));
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setRawHeader("Accept", "application/vnd.heroku+json; version=3");
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    if (!m_token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    for (const auto &[k, v] : headers)
        req.setRawHeader(k, v);
    QNetworkReply *reply = nam.sendCustomRequest(req, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.headers = reply->rawHeaderPairs();
    result.body = reply->readAll();
    delete reply;
    return result;
}

} // namespace dynodesk::testing
