#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace dynodesk::ideplugin {

// One answer of the Platform API. `error` is a sentence for the user when the call failed: the
// platform's own message (`{"id":…, "message":…}`), an unreachable server, or a refused key.
// `requestId` is the server's Request-Id, kept for diagnostics.
struct Reply {
    int status = 0;
    QJsonDocument json;
    QString error;
    QString errorId;
    QString requestId;
    bool notModified = false; // answered from the ETag cache after a 304
    bool ok() const { return error.isEmpty(); }
    QJsonObject object() const { return json.object(); }
    QJsonArray array() const { return json.array(); }
};

// A request in flight; cancel() aborts it and its callback never runs.
class PendingRequest final : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    void cancel();
    bool cancelled() const { return m_cancelled; }
    QPointer<QNetworkReply> reply;

private:
    bool m_cancelled = false;
};

// The Platform API v3 client of the IDE plugin, on QNetworkAccessManager. JSON with the version
// Accept header and the token as a Bearer credential; lists are read across every Range page
// (206 + Next-Range); `getCached` sends If-None-Match and answers a 304 from its cache. Callbacks
// run on the GUI thread and never run after `context` is destroyed. Nothing here blocks.
class PlatformClient final : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const Reply &)>;

    explicit PlatformClient(QNetworkAccessManager &network, QObject *parent = nullptr);

    void setEndpoint(const QUrl &baseUrl, const QString &token);
    QUrl baseUrl() const { return m_baseUrl; }
    QString token() const { return m_token; }
    bool isConnected() const { return m_baseUrl.isValid() && !m_baseUrl.isEmpty(); }
    QNetworkAccessManager &network() { return m_network; }

    PendingRequest *get(const QString &path, QObject *context, Callback done);
    PendingRequest *getCached(const QString &path, QObject *context, Callback done);
    PendingRequest *post(const QString &path, const QJsonObject &body, QObject *context, Callback done);
    PendingRequest *patch(const QString &path, const QJsonObject &body, QObject *context, Callback done);
    PendingRequest *put(const QString &path, const QJsonObject &body, QObject *context, Callback done);
    PendingRequest *remove(const QString &path, QObject *context, Callback done);
    // Any verb, for the few calls with other shapes (e.g. PATCH of a config-var object with nulls).
    PendingRequest *send(const QByteArray &verb, const QString &path, const QByteArray &body, QObject *context,
                         Callback done, bool cached = false);

    // The Request-Id of the last answer, for a diagnostics line.
    QString lastRequestId() const { return m_lastRequestId; }

    static QString pathPart(const QString &segment); // percent-encodes one path segment

signals:
    void endpointChanged();

private:
    struct CacheEntry {
        QByteArray etag;
        QJsonDocument json;
    };
    void sendPage(PendingRequest *pending, const QByteArray &verb, const QString &path, const QByteArray &body,
                  const QByteArray &range, QJsonArray collected, bool cached, QPointer<QObject> context,
                  Callback done, bool hasContext);

    QNetworkAccessManager &m_network;
    QUrl m_baseUrl;
    QString m_token;
    QString m_lastRequestId;
    QHash<QString, CacheEntry> m_cache;
};

} // namespace dynodesk::ideplugin
