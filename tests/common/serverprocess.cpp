#include "serverprocess.h"

#include <QElapsedTimer>
#include <QRegularExpression>

namespace dynodesk::testing {

ServerProcess::ServerProcess(QString dataDir, QStringList extraArgs)
    : m_dataDir(std::move(dataDir)), m_extraArgs(std::move(extraArgs))
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning)
        kill();
}

bool ServerProcess::start(int timeoutMs)
{
    m_output.clear();
    m_apiUrl.clear();
    m_token.clear();
    QElapsedTimer timer;
    timer.start();
    m_process.start(QStringLiteral(DYNODESK_SERVER_BIN),
                    QStringList{QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--api-port"),
                                QStringLiteral("0"), QStringLiteral("--router-port"), QStringLiteral("0")}
                            + m_extraArgs);
    static const QRegularExpression host(QStringLiteral("export HEROKU_HOST=(\\S+)"));
    static const QRegularExpression key(QStringLiteral("export HEROKU_API_KEY=(\\S+)"));
    static const QRegularExpression router(QStringLiteral("apps answer at http://<app>\\.localhost:(\\d+)/"));
    while (timer.elapsed() < timeoutMs) {
        if (!m_process.waitForReadyRead(100) && m_process.state() == QProcess::NotRunning)
            break;
        m_output += QString::fromUtf8(m_process.readAll());
        const auto h = host.match(m_output);
        const auto k = key.match(m_output);
        if (h.hasMatch() && k.hasMatch()) {
            m_apiUrl = h.captured(1);
            m_token = k.captured(1);
            m_routerPort = static_cast<quint16>(router.match(m_output).captured(1).toUInt());
            m_startupMs = timer.elapsed();
            return true;
        }
    }
    m_output += QString::fromUtf8(m_process.readAll());
    return false;
}

void ServerProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished(5000);
}

bool ServerProcess::terminate(int timeoutMs)
{
    m_process.terminate();
    const bool ok = m_process.waitForFinished(timeoutMs);
    m_output += QString::fromUtf8(m_process.readAll());
    return ok && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
}

} // namespace dynodesk::testing
