#include "drainlistener.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

namespace dynodesk::testing {

QStringList takeSyslogFrames(QByteArray &buffer)
{
    QStringList out;
    for (;;) {
        const int space = buffer.indexOf(' ');
        if (space <= 0)
            return out;
        bool ok = false;
        const int length = buffer.left(space).toInt(&ok);
        if (!ok || buffer.size() < space + 1 + length)
            return out;
        out << QString::fromUtf8(buffer.mid(space + 1, length));
        buffer.remove(0, space + 1 + length);
    }
}

static QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

DrainListener::DrainListener(bool http, const QString &certificatePem, const QString &keyPem) : m_http(http)
{
    if (certificatePem.isEmpty()) {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, &DrainListener::accept);
        return;
    }
    auto *server = new QSslServer(this);
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(QSslCertificate(contents(certificatePem)));
    config.setPrivateKey(QSslKey(contents(keyPem), QSsl::Ec));
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    server->setSslConfiguration(config);
    m_server = server;
    connect(server, &QSslServer::pendingConnectionAvailable, this, &DrainListener::accept);
}

bool DrainListener::listen(quint16 port) { return m_server->listen(QHostAddress::LocalHost, port); }

quint16 DrainListener::port() const { return m_server->serverPort(); }

void DrainListener::releaseResponses()
{
    holdResponses = false;
    for (QTcpSocket *s : std::exchange(m_held, {}))
        respond(s);
}

void DrainListener::accept()
{
    while (QTcpSocket *s = m_server->nextPendingConnection()) {
        connect(s, &QTcpSocket::readyRead, this, [this, s] { read(s); });
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        connect(s, &QObject::destroyed, this, [this, s] {
            m_buffers.remove(s);
            m_held.removeAll(s);
        });
    }
}

void DrainListener::read(QTcpSocket *s)
{
    QByteArray &buffer = m_buffers[s];
    buffer += s->readAll();
    if (!m_http) {
        frames += takeSyslogFrames(buffer);
        return;
    }
    for (;;) {
        const int end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        Post post;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        post.path = lines.value(0).split(' ').value(1);
        for (const QByteArray &line : lines.mid(1)) {
            const int colon = line.indexOf(':');
            post.headers[line.left(colon).trimmed().toLower()] = line.mid(colon + 1).trimmed();
        }
        const int length = post.headers.value("content-length").toInt();
        if (buffer.size() < end + 4 + length)
            return;
        QByteArray body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        post.frames = takeSyslogFrames(body);
        frames += post.frames;
        posts << post;
        if (holdResponses)
            m_held << s;
        else
            respond(s);
    }
}

void DrainListener::respond(QTcpSocket *s) { s->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"); }

} // namespace dynodesk::testing
