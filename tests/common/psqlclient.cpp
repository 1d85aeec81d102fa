#include "psqlclient.h"

#include <QProcess>

namespace dynodesk::testing {

PsqlResult runPsql(const QString &psql, const QString &url, const QString &sql)
{
    QProcess p;
    p.start(psql, {url, QStringLiteral("-X"), QStringLiteral("-At"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                   QStringLiteral("-c"), sql});
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {-1, {}, QStringLiteral("psql did not end within a minute")};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()).trimmed(),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace dynodesk::testing
