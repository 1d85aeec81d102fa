#pragma once

#include "clusterhome.h"
#include "credentials.h"
#include "databaseinfo.h"
#include "postgresbackups.h"
#include "postgresbinaries.h"
#include "postgresdatabases.h"
#include "postgresserver.h"
#include "serviceuser.h"

#include "core/apierror.h"

#include <QString>

namespace dynodesk::addons::postgres {

// One PostgreSQL cluster in `dir` (the server's data in `dir/data`), owned by the emulator: the
// server's lifecycle (PostgresServer), the add-ons' databases and roles (PostgresDatabases),
// their backups (PostgresBackups) and what pg:info shows (DatabaseInfo), behind one face. Every
// call blocks; the platform runs them on a worker thread. The server is stopped on destruction.
class PostgresCluster final {
public:
    // Under root, a `dir` its service user cannot reach becomes a link to a directory under
    // `homeBase` (see ClusterHome).
    PostgresCluster(QString dir, Binaries binaries, QString homeBase = ClusterHome::defaultBase());
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster &) = delete;
    PostgresCluster &operator=(const PostgresCluster &) = delete;

    // Whether a server (ours or another process's) runs on the cluster in `dir`.
    static bool serverRunsIn(const QString &dir);

    core::Status start() { return m_server.start(); }
    // For an owner that holds the directory exclusively (the emulator's data-dir lock): a server
    // that a crashed owner left running on it is stopped, so start() can run it again.
    core::Status stopLeftover() { return m_server.stopLeftover(); }
    core::Status stop() { return m_server.stop(); }
    bool running() const { return m_server.running(); }
    int port() const { return m_server.port(); }
    QString dataDir() const { return m_server.dataDir(); }

    core::Result<Credentials> createDatabase(const QString &name, int connectionLimit)
    {
        return m_databases.create(name, connectionLimit);
    }
    core::Status dropDatabase(const QString &name) { return m_databases.drop(name); }
    core::Result<Credentials> rotatePassword(const QString &name) { return m_databases.rotatePassword(name); }
    core::Status setConnectionLimit(const QString &name, int connectionLimit)
    {
        return m_databases.setConnectionLimit(name, connectionLimit);
    }
    core::Result<DatabaseInfo> info(const QString &name) { return DatabaseInfo::of(m_server, name); }
    core::Status reset(const QString &name) { return m_databases.reset(name); }
    core::Status killConnections(const QString &name) { return m_databases.killConnections(name); }

    // See PostgresBackups.
    core::Status dump(const Credentials &db, const QString &file) { return m_backups.dump(db, file); }
    core::Status restore(const Credentials &db, const QString &file) { return m_backups.restore(db, file); }
    core::Status dumpDatabase(const QString &name, const QString &file) { return m_backups.dumpDatabase(name, file); }
    core::Result<QString> backupsDir() { return m_backups.backupsDir(); }

    // Runs SQL as the cluster's superuser; the unaligned, tuples-only output.
    core::Result<QString> query(const QString &sql, const QString &database = QStringLiteral("postgres"))
    {
        return m_server.query(sql, database);
    }

private:
    PostgresServer m_server;
    PostgresDatabases m_databases{m_server};
    PostgresBackups m_backups{m_server};
};

} // namespace dynodesk::addons::postgres
