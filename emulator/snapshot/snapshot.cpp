#include "snapshot.h"

#include "clusterdump.h"
#include "snapshotarchive.h"
#include "snapshotdetail.h"
#include "snapshotmanifest.h"
#include "storecopy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QTemporaryDir>

#include <sys/stat.h>

namespace dynodesk::snapshot {

using core::ApiError;

namespace {

const QString StoreFile = QStringLiteral("dynodesk.sqlite3");
// What a data dir holds beside the store that a snapshot carries; dynos/, work/ and the lock are
// a running server's and start empty.
const QStringList CopiedDirs{QStringLiteral("slugs"), QStringLiteral("cache"), QStringLiteral("builds"), QStringLiteral("sources")};

// A tool's run as a status.
core::Status tool(const QString &program, const QStringList &args)
{
    const detail::ToolRun r = detail::runTool(program, args);
    if (!r.ok())
        return r.failure(program + QLatin1Char(' ') + args.value(0) + QStringLiteral(" failed"));
    return core::Done{};
}

// Each repository through git's own transport, so a push in progress is either in it or not.
core::Status copyRepositories(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QFileInfo &repo : QDir(from).entryInfoList({QStringLiteral("*.git")}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = QDir(to).filePath(repo.fileName());
        if (auto cloned = tool(QStringLiteral("git"), {QStringLiteral("clone"), QStringLiteral("--mirror"), QStringLiteral("--no-local"),
                                                          QStringLiteral("--quiet"), repo.absoluteFilePath(), target});
            !cloned)
            return cloned;
        if (auto unlinked = tool(QStringLiteral("git"), {QStringLiteral("-C"), target, QStringLiteral("remote"),
                                                            QStringLiteral("remove"), QStringLiteral("origin")});
            !unlinked)
            return unlinked;
    }
    return core::Done{};
}

// Slugs are written once; caches, build logs and sources are copied as they are. Links and
// special files are left out (a build cache's links are rebuilt by the next build).
core::Status copyFiles(const QString &dataDir, const QString &to)
{
    for (const QString &dir : CopiedDirs) {
        const QString from = QDir(dataDir).filePath(dir);
        if (!QFileInfo(from).isDir())
            continue;
        // A build running meanwhile may change its cache under cp: a cache copied in part is
        // still a cache, anything else must be whole.
        if (auto copied = tool(QStringLiteral("cp"), {QStringLiteral("-a"), from, to}); !copied && dir != QLatin1String("cache"))
            return copied;
    }
    return tool(QStringLiteral("find"), {to, QStringLiteral("!"), QStringLiteral("-type"), QStringLiteral("f"), QStringLiteral("!"),
                                            QStringLiteral("-type"), QStringLiteral("d"), QStringLiteral("-delete")});
}

bool emptyOrAbsent(const QString &dir)
{
    const QFileInfo info(dir);
    return !info.exists() || (info.isDir() && QDir(dir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System));
}

// Removes a data dir a failed load made, with the cluster home its link points at.
void discard(const QString &dataDir)
{
    const QFileInfo link(QDir(dataDir).filePath(QStringLiteral("postgres")));
    if (link.isSymLink())
        QDir(link.symLinkTarget()).removeRecursively();
    QDir(dataDir).removeRecursively();
}

core::Status moveInto(const QString &from, const QString &to)
{
    if (QFileInfo::exists(to))
        QDir().rmdir(to);
    if (!QDir().rename(from, to))
        if (auto moved = tool(QStringLiteral("mv"), {from, to}); !moved)
            return moved;
    ::chmod(QFile::encodeName(to).constData(), 0700);
    ::chmod(QFile::encodeName(to + QLatin1Char('/') + StoreFile).constData(), 0600);
    return core::Done{};
}

} // namespace

Snapshot::Snapshot(QString dataDir) : m_dataDir(QFileInfo(dataDir).absoluteFilePath()) {}

core::Status Snapshot::save(const QString &file) const
{
    if (!QFileInfo::exists(QDir(m_dataDir).filePath(StoreFile)))
        return ApiError::notFound("There is no Dynodesk data dir at " + m_dataDir.toStdString() + ".");
    const QString target = QFileInfo(file).absoluteFilePath();
    // With no server on the data dir, hold its lock, so none starts while the snapshot is taken.
    QLockFile lock(QDir(m_dataDir).filePath(QStringLiteral("emulator.lock")));
    lock.setStaleLockTime(0);
    (void)lock.tryLock(0);
    QTemporaryDir stage(QFileInfo(target).absolutePath() + QStringLiteral("/.dynodesk-snapshot-XXXXXX"));
    if (!stage.isValid())
        return ApiError::internal("Cannot make a working directory beside " + target.toStdString() + ".");
    const QString data = stage.filePath(QStringLiteral("data"));
    QDir().mkpath(data);
    // The store first: everything it names (slugs, repositories' pushed commits) exists by then.
    if (auto stored = StoreCopy::backup(QDir(m_dataDir).filePath(StoreFile), QDir(data).filePath(StoreFile)); !stored)
        return stored;
    if (auto repos = copyRepositories(QDir(m_dataDir).filePath(QStringLiteral("repos")), QDir(data).filePath(QStringLiteral("repos")));
        !repos)
        return repos;
    if (auto files = copyFiles(m_dataDir, data); !files)
        return files;
    if (auto dumped = ClusterDump::save(m_dataDir, stage.path()); !dumped)
        return dumped;
    auto manifest = SnapshotManifest::describe(stage.path(), m_dataDir);
    if (!manifest)
        return manifest.error();
    QFile out(stage.filePath(SnapshotManifest::fileName()));
    if (!out.open(QIODevice::WriteOnly) || out.write(manifest->toJson()) < 0)
        return ApiError::internal("Cannot write the manifest.");
    out.close();
    return SnapshotArchive::write(stage.path(), target);
}

core::Status Snapshot::load(const QString &file) const
{
    if (!emptyOrAbsent(m_dataDir))
        return ApiError::conflict("The data dir " + m_dataDir.toStdString()
                                  + " is not empty: a snapshot loads only into a new data dir.");
    auto bytes = SnapshotArchive::manifest(file);
    if (!bytes)
        return bytes.error();
    auto manifest = SnapshotManifest::parse(*bytes);
    if (!manifest)
        return manifest.error();
    const QString parent = QFileInfo(m_dataDir).absolutePath();
    QTemporaryDir stage((QFileInfo(parent).isDir() ? parent : QDir::tempPath()) + QStringLiteral("/.dynodesk-load-XXXXXX"));
    if (!stage.isValid())
        return ApiError::internal("Cannot make a working directory beside " + m_dataDir.toStdString() + ".");
    if (auto extracted = SnapshotArchive::extract(file, stage.path()); !extracted)
        return extracted;
    if (auto verified = manifest->verify(stage.path()); !verified)
        return verified;
    if (!QFileInfo::exists(stage.filePath(QStringLiteral("data/") + StoreFile)))
        return detail::refused(QStringLiteral("it holds no store"));
    // Verified: from here on the data dir is written, and removed again if anything fails.
    QDir().mkpath(parent);
    if (auto moved = moveInto(stage.filePath(QStringLiteral("data")), m_dataDir); !moved)
        return moved;
    auto backups = ClusterDump::restore(stage.path(), m_dataDir);
    auto relocated = backups ? StoreCopy::relocate(QDir(m_dataDir).filePath(StoreFile), m_dataDir, *backups)
                             : core::Status(backups.error());
    if (!relocated)
        discard(m_dataDir);
    return relocated;
}

} // namespace dynodesk::snapshot
