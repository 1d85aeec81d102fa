#pragma once

#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QStringList>

class QTcpServer;
class QTcpSocket;

namespace dynodesk::testing {

// Takes the complete octet-counted syslog frames off the front of `buffer`.
QStringList takeSyslogFrames(QByteArray &buffer);

// A log drain's far end on loopback: a syslog listener, or a small HTTP server recording logplex
// batches; either over TLS with the given certificate and key. Runs on the test's event loop.
class DrainListener : public QObject {
public:
    struct Post {
        QByteArray path;
        QMap<QByteArray, QByteArray> headers; // lower-case names
        QStringList frames;
    };

    explicit DrainListener(bool http, const QString &certificatePem = {}, const QString &keyPem = {});

    bool listen(quint16 port = 0);
    quint16 port() const;

    QStringList frames; // every frame received, in order
    QList<Post> posts;  // HTTP: every request
    // HTTP: while set, requests are read but not answered, as by a slow drain.
    bool holdResponses = false;
    void releaseResponses();

private:
    void accept();
    void read(QTcpSocket *s);
    void respond(QTcpSocket *s);

    bool m_http;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<QTcpSocket *> m_held;
};

} // namespace dynodesk::testing
