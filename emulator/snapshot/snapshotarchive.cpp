#include "snapshotarchive.h"

#include "snapshotdetail.h"
#include "snapshotmanifest.h"

#include <QDir>
#include <QFile>

namespace dynodesk::snapshot {

using core::ApiError;

namespace {

using detail::refused;

detail::ToolRun tar(const QStringList &args)
{
    return detail::runTool(QStringLiteral("tar"), args);
}

bool safeName(const QString &name)
{
    if (name.startsWith(QLatin1Char('/')))
        return false;
    for (const QString &part : name.split(QLatin1Char('/')))
        if (part == QLatin1String(".."))
            return false;
    return true;
}

} // namespace

core::Status SnapshotArchive::write(const QString &root, const QString &file)
{
    QStringList members{SnapshotManifest::fileName()};
    for (const QString &entry : QDir(root).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        if (entry != SnapshotManifest::fileName())
            members << entry;
    const QString partial = file + QStringLiteral(".partial");
    QFile::remove(partial);
    const detail::ToolRun r = tar(QStringList{QStringLiteral("-cf"), partial, QStringLiteral("--hard-dereference"), QStringLiteral("-C"), root}
                         + members);
    if (!r.ok()) {
        QFile::remove(partial);
        return r.failure(QStringLiteral("tar could not write ") + partial);
    }
    QFile::setPermissions(partial, QFile::ReadOwner | QFile::WriteOwner);
    QFile::remove(file);
    if (!QFile::rename(partial, file))
        return ApiError::internal("Cannot write " + file.toStdString() + ".");
    return core::Done{};
}

core::Result<QByteArray> SnapshotArchive::manifest(const QString &file)
{
    if (!QFile::exists(file))
        return ApiError::notFound("There is no snapshot at " + file.toStdString() + ".");
    const detail::ToolRun r = tar({QStringLiteral("-xOf"), file, SnapshotManifest::fileName()});
    if (!r.ok())
        return refused(QStringLiteral("it is not a tar archive with a manifest (%1)").arg(QString::fromUtf8(r.err.trimmed())));
    return r.out;
}

core::Status SnapshotArchive::extract(const QString &file, const QString &dir)
{
    const detail::ToolRun names = tar({QStringLiteral("-tf"), file});
    const detail::ToolRun long_ = tar({QStringLiteral("-tvf"), file});
    if (!names.ok() || !long_.ok())
        return refused(QStringLiteral("tar cannot read it to the end (%1)").arg(QString::fromUtf8((names.err + long_.err).trimmed())));
    for (const QByteArray &line : long_.out.split('\n'))
        if (!line.isEmpty() && line[0] != '-' && line[0] != 'd')
            return refused(QStringLiteral("it holds a member that is neither a file nor a directory"));
    for (const QByteArray &name : names.out.split('\n'))
        if (!name.isEmpty() && !safeName(QString::fromUtf8(name)))
            return refused(QStringLiteral("it names a path outside itself (%1)").arg(QString::fromUtf8(name)));
    const detail::ToolRun r = tar({QStringLiteral("-xf"), file, QStringLiteral("--no-same-owner"), QStringLiteral("-C"), dir});
    if (!r.ok())
        return refused(QStringLiteral("tar could not extract it (%1)").arg(QString::fromUtf8(r.err.trimmed())));
    return core::Done{};
}

} // namespace dynodesk::snapshot
