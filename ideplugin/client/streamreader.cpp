#include "streamreader.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace dynodesk::ideplugin {

StreamReader::StreamReader(QNetworkAccessManager &network, QUrl url, Format format, QObject *parent)
    : QObject(parent), m_network(network), m_url(std::move(url)), m_format(format)
{
}

StreamReader::~StreamReader()
{
    m_stopped = true;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void StreamReader::start()
{
    QNetworkRequest request(m_url);
    if (m_format == Format::EventStream)
        request.setRawHeader("Accept", "text/event-stream");
    request.setRawHeader("User-Agent", "dynodesk-ide");
    m_stopped = false;
    m_reply = m_network.get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &StreamReader::read);
    connect(m_reply, &QNetworkReply::finished, this, &StreamReader::end);
}

void StreamReader::stop()
{
    m_stopped = true;
    if (m_reply)
        m_reply->abort();
}

void StreamReader::read()
{
    if (!m_reply)
        return;
    m_partial += m_reply->readAll();
    qsizetype start = 0;
    for (qsizetype nl; (nl = m_partial.indexOf('\n', start)) >= 0; start = nl + 1) {
        QByteArray text = m_partial.mid(start, nl - start);
        if (text.endsWith('\r'))
            text.chop(1);
        if (m_format == Format::EventStream) {
            // Only data fields carry lines; comments (`: tailing`) and blank separators do not.
            if (!text.startsWith("data:"))
                continue;
            text = text.mid(text.startsWith("data: ") ? 6 : 5);
        }
        emit line(QString::fromUtf8(text));
    }
    m_partial.remove(0, start);
}

void StreamReader::end()
{
    if (!m_reply)
        return;
    read();
    if (!m_partial.isEmpty() && m_format == Format::PlainText)
        emit line(QString::fromUtf8(std::exchange(m_partial, {})));
    QString error;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!m_stopped && m_reply->error() != QNetworkReply::NoError && m_reply->error() != QNetworkReply::OperationCanceledError)
        error = status >= 400 ? tr("The stream answered with HTTP %1.").arg(status) : m_reply->errorString();
    m_reply->deleteLater();
    m_reply = nullptr;
    emit finished(error);
}

} // namespace dynodesk::ideplugin
