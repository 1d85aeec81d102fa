#include "postgresbinaries.h"

#include "core/childprocess.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>

#include <algorithm>

namespace dynodesk::addons::postgres {

core::Result<Binaries> Binaries::find()
{
    QStringList candidates;
    QProcess pgConfig;
    core::inheritOnlyStdio(pgConfig);
    pgConfig.start(QStringLiteral("pg_config"), {QStringLiteral("--bindir")});
    if (pgConfig.waitForFinished(10000) && pgConfig.exitCode() == 0)
        candidates << QString::fromLocal8Bit(pgConfig.readAllStandardOutput()).trimmed();
    QDir debian(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = debian.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &v : versions)
        candidates << debian.filePath(v + QStringLiteral("/bin"));
    return findIn(candidates);
}

core::Result<Binaries> Binaries::findIn(const QStringList &candidates)
{
    for (const QString &dir : candidates) {
        const Binaries b{dir};
        if (QFileInfo(b.tool(QStringLiteral("initdb"))).isExecutable() && QFileInfo(b.tool(QStringLiteral("pg_ctl"))).isExecutable())
            return b;
    }
    return core::ApiError::internal("PostgreSQL server programs (initdb, pg_ctl) were not found: install the "
                                    "postgresql package (apt-get install postgresql).");
}

QString Binaries::tool(const QString &name) const
{
    return QDir(binDir).filePath(name);
}

} // namespace dynodesk::addons::postgres
