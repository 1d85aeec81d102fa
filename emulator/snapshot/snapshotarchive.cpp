#include "snapshotarchive.h"

#include "snapshotmanifest.h"

#include "core/childprocess.h"

#include <QDir>
#include <QFile>
#include <QProcess>

namespace dynodesk::snapshot {

using core::ApiError;

namespace {

struct TarRun {
    int exitCode = -1;
    QByteArray out, err;
};

TarRun tar(const QStringList &args)
{
    QProcess p;
    core::inheritOnlyStdio(p);
    p.start(QStringLiteral("tar"), args);
    TarRun r;
    if (!p.waitForStarted(10000) || !p.waitForFinished(-1)) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

ApiError refused(const QString &why)
{
    return ApiError::invalidParams(("This is not a usable Dynodesk snapshot: " + why + ". Nothing was written.").toStdString());
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
    const TarRun r = tar(QStringList{QStringLiteral("-cf"), partial, QStringLiteral("--hard-dereference"), QStringLiteral("-C"), root}
                         + members);
    if (r.exitCode != 0) {
        QFile::remove(partial);
        return ApiError::internal("tar could not write " + partial.toStdString() + ": " + r.err.trimmed().toStdString());
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
    const TarRun r = tar({QStringLiteral("-xOf"), file, SnapshotManifest::fileName()});
    if (r.exitCode != 0)
        return refused(QStringLiteral("it is not a tar archive with a manifest (%1)").arg(QString::fromUtf8(r.err.trimmed())));
    return r.out;
}

core::Status SnapshotArchive::extract(const QString &file, const QString &dir)
{
    const TarRun names = tar({QStringLiteral("-tf"), file});
    const TarRun long_ = tar({QStringLiteral("-tvf"), file});
    if (names.exitCode != 0 || long_.exitCode != 0)
        return refused(QStringLiteral("tar cannot read it to the end (%1)").arg(QString::fromUtf8((names.err + long_.err).trimmed())));
    for (const QByteArray &line : long_.out.split('\n'))
        if (!line.isEmpty() && line[0] != '-' && line[0] != 'd')
            return refused(QStringLiteral("it holds a member that is neither a file nor a directory"));
    for (const QByteArray &name : names.out.split('\n'))
        if (!name.isEmpty() && !safeName(QString::fromUtf8(name)))
            return refused(QStringLiteral("it names a path outside itself (%1)").arg(QString::fromUtf8(name)));
    const TarRun r = tar({QStringLiteral("-xf"), file, QStringLiteral("--no-same-owner"), QStringLiteral("-C"), dir});
    if (r.exitCode != 0)
        return refused(QStringLiteral("tar could not extract it (%1)").arg(QString::fromUtf8(r.err.trimmed())));
    return core::Done{};
}

} // namespace dynodesk::snapshot
