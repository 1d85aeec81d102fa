#include "clusterdump.h"

#include "addons/postgres/postgrescluster.h"
#include "addons/postgres/postgrescommand.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <sys/stat.h>
#include <unistd.h>

namespace dynodesk::snapshot {

using addons::postgres::Binaries;
using addons::postgres::PostgresCluster;
using addons::postgres::PostgresCommand;
using core::ApiError;

namespace {

const QString Superuser = QStringLiteral("dynodesk");

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return false;
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return true;
}

ApiError failed(const QString &what, const QString &detail)
{
    return ApiError::internal((what + QStringLiteral(": ") + detail.trimmed()).toStdString());
}

core::Status dumpAll(const Binaries &bins, const QString &root, int port, const QString &password)
{
    const PostgresCommand command(root);
    const auto o = command.run(bins.tool(QStringLiteral("pg_dumpall")),
                               {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(port),
                                QStringLiteral("-U"), Superuser, QStringLiteral("-f"), root + QStringLiteral("/postgres/cluster.sql")},
                               false, password);
    if (o.exitCode != 0)
        return failed(QStringLiteral("pg_dumpall failed"), o.err);
    return core::Done{};
}

void copyBackups(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QFileInfo &f : QDir(from).entryInfoList({QStringLiteral("*.dump")}, QDir::Files))
        QFile::copy(f.absoluteFilePath(), QDir(to).filePath(f.fileName()));
}

// psql stops at nothing but reports every error; the one error expected is the superuser that
// initdb made already.
core::Status replay(const Binaries &bins, const QString &root, int port, const QString &password)
{
    const PostgresCommand command(root);
    const auto o = command.run(bins.tool(QStringLiteral("psql")),
                               {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(port),
                                QStringLiteral("-U"), Superuser, QStringLiteral("-d"), QStringLiteral("postgres"), QStringLiteral("-X"),
                                QStringLiteral("-q"), QStringLiteral("-f"), root + QStringLiteral("/postgres/cluster.sql")},
                               false, password);
    QStringList errors;
    for (const QString &line : o.err.split(QLatin1Char('\n')))
        if (line.contains(QLatin1String("ERROR:")) && !line.contains(QLatin1String("role \"dynodesk\" already exists")))
            errors << line;
    if (o.exitCode != 0 || !errors.isEmpty())
        return failed(QStringLiteral("restoring the add-on databases failed"), errors.join(QLatin1Char('\n')) + o.err.left(400));
    return core::Done{};
}

} // namespace

core::Status ClusterDump::save(const QString &dataDir, const QString &root)
{
    const QString cluster = dataDir + QStringLiteral("/postgres");
    if (!QFileInfo::exists(cluster + QStringLiteral("/data/PG_VERSION")))
        return core::Done{};
    auto bins = Binaries::find();
    if (!bins)
        return bins.error();
    const QByteArray port = readFile(cluster + QStringLiteral("/port"));
    const QByteArray password = readFile(cluster + QStringLiteral("/superuser-password"));
    if (!QDir().mkpath(root + QStringLiteral("/postgres")) || !writeFile(root + QStringLiteral("/postgres/port"), port)
        || !writeFile(root + QStringLiteral("/postgres/superuser-password"), password))
        return ApiError::internal("Cannot write the snapshot's cluster files in " + root.toStdString() + ".");
    copyBackups(cluster + QStringLiteral("/backups"), root + QStringLiteral("/postgres/backups"));
    if (PostgresCluster::serverRunsIn(cluster))
        return dumpAll(*bins, root, port.toInt(), QString::fromUtf8(password));
    PostgresCluster own(cluster, *bins);
    if (auto started = own.start(); !started)
        return started;
    auto dumped = dumpAll(*bins, root, own.port(), QString::fromUtf8(password));
    (void)own.stop();
    return dumped;
}

core::Result<QString> ClusterDump::restore(const QString &root, const QString &dataDir)
{
    const QString snapshotCluster = root + QStringLiteral("/postgres");
    if (!QFileInfo::exists(snapshotCluster + QStringLiteral("/cluster.sql")))
        return QString();
    auto bins = Binaries::find();
    if (!bins)
        return bins.error();
    const QByteArray password = readFile(snapshotCluster + QStringLiteral("/superuser-password"));
    if (password.isEmpty() || !QRegularExpression(QStringLiteral("^[0-9a-f]+$")).match(QString::fromLatin1(password)).hasMatch())
        return ApiError::invalidParams("The snapshot's cluster has no usable superuser password.");
    PostgresCluster cluster(dataDir + QStringLiteral("/postgres"), *bins);
    if (auto started = cluster.start(); !started)
        return started.error();
    auto restored = [&]() -> core::Result<QString> {
        // The dump's \connect lines log in again with the password it gives the superuser.
        if (auto set = cluster.query(QStringLiteral("ALTER ROLE dynodesk PASSWORD '%1'").arg(QString::fromLatin1(password))); !set)
            return set.error();
        if (auto replayed = replay(*bins, root, cluster.port(), QString::fromLatin1(password)); !replayed)
            return replayed.error();
        auto backups = cluster.backupsDir();
        if (!backups)
            return backups.error();
        copyBackups(snapshotCluster + QStringLiteral("/backups"), *backups);
        struct stat st = {};
        if (::stat(QFile::encodeName(*backups).constData(), &st) == 0)
            for (const QFileInfo &f : QDir(*backups).entryInfoList(QDir::Files))
                (void)::chown(QFile::encodeName(f.absoluteFilePath()).constData(), st.st_uid, st.st_gid);
        return *backups;
    }();
    if (auto stopped = cluster.stop(); !stopped && restored)
        return stopped.error();
    if (!restored)
        return restored;
    // The add-ons' URLs name the old port; the emulator reads the superuser's password here.
    const QString home = QFileInfo(cluster.dataDir()).absolutePath();
    if (!writeFile(home + QStringLiteral("/port"), readFile(snapshotCluster + QStringLiteral("/port")))
        || !writeFile(home + QStringLiteral("/superuser-password"), password))
        return ApiError::internal("Cannot write the cluster's files in " + home.toStdString() + ".");
    return restored;
}

} // namespace dynodesk::snapshot
