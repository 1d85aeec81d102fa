#include "postgresbackups.h"

#include "postgresdetail.h"
#include "postgresserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace dynodesk::addons::postgres {

using detail::failure;

PostgresBackups::PostgresBackups(const PostgresServer &server) : m_server(server) {}

core::Result<QString> PostgresBackups::backupsDir() const
{
    const QString dir = QDir(m_server.dir()).filePath(QStringLiteral("backups"));
    if (!QDir().mkpath(dir))
        return failure(QStringLiteral("cannot create the backups directory"), dir);
    const auto &user = m_server.command().serviceUser();
    if (!m_server.command().giveToServiceUser(dir, 0700))
        return failure(QStringLiteral("cannot give the backups directory to user ") + (user ? user->name : QString()), dir);
    return dir;
}

// pg_dump and pg_restore run as the service user when we are root, as the server does: the
// backups are that user's files, in its directory.
core::Status PostgresBackups::dump(const Credentials &db, const QString &file) const
{
    const auto o = m_server.command().run(m_server.binaries().tool(QStringLiteral("pg_dump")),
                                          {QStringLiteral("-Fc"), QStringLiteral("--no-acl"), QStringLiteral("--no-owner"),
                                           QStringLiteral("-f"), file, QStringLiteral("-h"), db.host, QStringLiteral("-p"),
                                           QString::number(db.port), QStringLiteral("-U"), db.user, db.database},
                                          true, db.password);
    if (o.exitCode != 0) {
        QFile::remove(file);
        return failure(QStringLiteral("pg_dump failed"), o.err);
    }
    return core::Done{};
}

core::Status PostgresBackups::dumpDatabase(const QString &name, const QString &file) const
{
    if (!detail::validName(name))
        return detail::invalidName();
    if (!m_server.running())
        return core::ApiError::internal("the PostgreSQL server is not running");
    return dump(Credentials{name, detail::Superuser, m_server.superuserPassword(), QStringLiteral("127.0.0.1"), m_server.port()},
                file);
}

core::Status PostgresBackups::restore(const Credentials &db, const QString &file) const
{
    if (!QFileInfo::exists(file))
        return core::ApiError::notFound("The backup does not exist.");
    const QString pgRestore = m_server.binaries().tool(QStringLiteral("pg_restore"));
    const auto check = m_server.command().run(pgRestore, {QStringLiteral("-l"), file}, true);
    if (check.exitCode != 0)
        return core::ApiError::invalidParams(
                (QStringLiteral("The backup is not a valid pg_dump archive: ") + check.err.trimmed()).toStdString());
    const auto o = m_server.command().run(pgRestore,
                                          {QStringLiteral("--clean"), QStringLiteral("--if-exists"), QStringLiteral("--no-acl"),
                                           QStringLiteral("--no-owner"), QStringLiteral("--single-transaction"),
                                           QStringLiteral("--exit-on-error"), QStringLiteral("-h"), db.host, QStringLiteral("-p"),
                                           QString::number(db.port), QStringLiteral("-U"), db.user, QStringLiteral("-d"),
                                           db.database, file},
                                          true, db.password);
    if (o.exitCode != 0)
        return failure(QStringLiteral("pg_restore failed"), o.err);
    return core::Done{};
}

} // namespace dynodesk::addons::postgres
