#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace dynodesk::ideplugin {

// Reads a streamed HTTP answer as it arrives and hands it on line by line: a log session's
// `text/event-stream` (each `data:` field is one log line) or a build's plain-text output
// stream. `finished` comes once, with an error sentence when the stream broke.
class StreamReader final : public QObject {
    Q_OBJECT
public:
    enum class Format { EventStream, PlainText };

    StreamReader(QNetworkAccessManager &network, QUrl url, Format format, QObject *parent = nullptr);
    ~StreamReader() override;

    void start();
    void stop();
    bool isRunning() const { return !m_reply.isNull(); }

signals:
    void line(const QString &text);
    void finished(const QString &error);

private:
    void read();
    void end();

    QNetworkAccessManager &m_network;
    QUrl m_url;
    Format m_format;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_partial;
    bool m_stopped = false;
};

} // namespace dynodesk::ideplugin
