#include "clusterhome.h"

#include "postgresdetail.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

namespace dynodesk::addons::postgres {

using detail::failure;

static const QString OwnerFile = QStringLiteral("owner");

static QString idOf(const QString &dataDir)
{
    const QByteArray path = QFile::encodeName(QFileInfo(dataDir).canonicalFilePath());
    return QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha256).toHex().left(24));
}

static QString readOwner(const QString &clusterDir)
{
    QFile f(QDir(clusterDir).filePath(OwnerFile));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

// A cluster is orphaned when its data dir was deleted (its parent still exists, so this is not an
// unmounted disk) or its data dir's link now names another place.
static bool orphaned(const QString &clusterDir)
{
    const QString owner = readOwner(clusterDir);
    if (owner.isEmpty())
        return false;
    const QFileInfo ownerInfo(owner);
    if (!ownerInfo.exists())
        return ownerInfo.absoluteDir().exists();
    const QFileInfo link(QDir(owner).filePath(QStringLiteral("postgres")));
    return !link.isSymLink() || QFileInfo(link.symLinkTarget()).canonicalFilePath() != QFileInfo(clusterDir).canonicalFilePath();
}

static void removeOrphans(const QString &base)
{
    for (const QFileInfo &entry : QDir(base).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString path = entry.absoluteFilePath();
        if (orphaned(path) && !detail::livePostmaster(path + QStringLiteral("/data/postmaster.pid")))
            QDir(path).removeRecursively();
    }
}

static bool serviceUserReaches(const PostgresCommand &command, const QString &dir)
{
    PostgresCommand probe = command; // from `/`: the cluster's own directory may not exist yet
    probe.setWorkDir(QStringLiteral("/"));
    return probe.run(QStringLiteral("test"), {QStringLiteral("-x"), dir}, true).exitCode == 0;
}

// The base directories it creates belong to root and may be traversed, not listed, by others.
static bool makeBase(const QString &base)
{
    QStringList missing;
    for (QString d = QFileInfo(base).absoluteFilePath(); !QFileInfo::exists(d); d = QFileInfo(d).absolutePath())
        missing.prepend(d);
    if (!QDir().mkpath(base))
        return false;
    for (const QString &d : missing)
        chmod(QFile::encodeName(d).constData(), 0711);
    return true;
}

// A cluster made in place before (its data dir then reachable) moves with it; anything else
// there (an attempt that failed to start) is dropped.
static core::Status vacate(const QString &dir, const QString &target)
{
    if (!QFileInfo(dir).isDir())
        return core::Done{};
    if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("data/PG_VERSION")))) {
        if (QFileInfo::exists(target) && !QDir(target).removeRecursively())
            return failure(QStringLiteral("cannot replace"), target);
        if (!QDir().rename(dir, target))
            return failure(QStringLiteral("cannot move the PostgreSQL cluster to"), target);
        return core::Done{};
    }
    if (!QDir(dir).removeRecursively())
        return failure(QStringLiteral("cannot remove"), dir);
    return core::Done{};
}

// Records which data dir the cluster belongs to (root's file, so its removal can be decided).
static core::Status claim(const QString &target, const QString &dataDir)
{
    QFile owner(QDir(target).filePath(OwnerFile));
    if (!owner.open(QIODevice::WriteOnly) || owner.write(QFile::encodeName(QFileInfo(dataDir).canonicalFilePath())) < 0)
        return failure(QStringLiteral("cannot write"), owner.fileName());
    owner.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return core::Done{};
}

core::Result<QString> ClusterHome::resolve(const QString &dir, const PostgresCommand &command, const QString &base)
{
    const QFileInfo info(dir);
    if (!command.serviceUser())
        return dir;
    const QString dataDir = info.absolutePath();
    if (info.isSymLink()) {
        const QString target = info.symLinkTarget();
        if (!QDir().mkpath(target))
            return failure(QStringLiteral("cannot create the PostgreSQL cluster directory"), target);
        if (QFileInfo(target).absolutePath() == QFileInfo(base).absoluteFilePath())
            if (auto claimed = claim(target, dataDir); !claimed)
                return claimed.error();
        return target;
    }
    if (serviceUserReaches(command, dataDir))
        return dir;
    if (!makeBase(base))
        return failure(QStringLiteral("cannot create"), base);
    removeOrphans(base);
    const QString target = QDir(base).filePath(idOf(dataDir));
    if (auto moved = vacate(dir, target); !moved)
        return moved.error();
    if (!QDir().mkpath(target))
        return failure(QStringLiteral("cannot create the PostgreSQL cluster directory"), target);
    // The link first: a home without its owner file is never taken for an orphan by another
    // emulator placing its cluster at the same time.
    if (!QFile::link(target, dir))
        return failure(QStringLiteral("cannot link the PostgreSQL cluster directory"), dir + QStringLiteral(" -> ") + target);
    if (auto claimed = claim(target, dataDir); !claimed)
        return claimed.error();
    return target;
}

} // namespace dynodesk::addons::postgres
