#pragma once

#include <QJsonDocument>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace dynodesk::app {

// One answer of the Platform API: the status, the JSON body, and a sentence for the user when
// it failed (unreachable server, refused key, the platform's own error message).
struct ApiReply final {
    int status = 0;
    QJsonDocument json;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// A small asynchronous Platform API v3 client: JSON over HTTP with the version Accept header
// and the token as a Bearer credential. It never blocks the GUI thread.
class ApiClient final : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiReply &)>;

    ApiClient(QNetworkAccessManager &network, QUrl baseUrl, QString token, QObject *parent = nullptr);

    void get(const QString &path, Callback done);
    void post(const QString &path, const QJsonDocument &body, Callback done);
    void remove(const QString &path, Callback done);

private:
    void send(const QByteArray &verb, const QString &path, const QByteArray &body, Callback done);

    QNetworkAccessManager &m_network;
    QUrl m_baseUrl;
    QString m_token;
};

} // namespace dynodesk::app
