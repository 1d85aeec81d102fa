#include "servercertificate.h"

#include "postgrescommand.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

namespace dynodesk::addons::postgres {

ServerCertificate::ServerCertificate(const PostgresCommand &command, QString dataDir)
    : m_command(command), m_dataDir(std::move(dataDir))
{
}

bool ServerCertificate::ensure() const
{
    const QDir data(m_dataDir);
    const QString crt = data.filePath(QStringLiteral("server.crt")), key = data.filePath(QStringLiteral("server.key"));
    if (QFileInfo::exists(crt) && QFileInfo::exists(key))
        return true;
    const auto o = m_command.run(QStringLiteral("openssl"),
                                 {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                                  QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                                  QStringLiteral("-keyout"), key, QStringLiteral("-out"), crt, QStringLiteral("-days"),
                                  QStringLiteral("3650"), QStringLiteral("-subj"), QStringLiteral("/O=Dynodesk/CN=localhost")},
                                 true);
    chmod(QFile::encodeName(key).constData(), 0600);
    if (o.exitCode != 0) {
        QFile::remove(crt);
        QFile::remove(key);
        return false;
    }
    return true;
}

} // namespace dynodesk::addons::postgres
