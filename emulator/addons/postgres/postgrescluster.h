#pragma once

#include "core/apierror.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace dynodesk::addons::postgres {

// Where the PostgreSQL server programs are: `pg_config --bindir`, else the newest Debian
// `/usr/lib/postgresql/<v>/bin`. Missing programs are an error naming the package to install.
struct Binaries final {
    QString binDir;

    static core::Result<Binaries> find();
    static core::Result<Binaries> findIn(const QStringList &candidates); // the first that has the programs
    QString tool(const QString &name) const;
};

// The system user the server runs as when the emulator runs as root (PostgreSQL refuses root):
// Debian's `postgres`, else `dynodesk-postgres`, created with useradd if missing.
struct ServiceUser final {
    QString name;
    unsigned uid = 0;
    unsigned gid = 0;

    static core::Result<std::optional<ServiceUser>> forCurrentProcess();
};

// What an add-on's app uses to connect.
struct Credentials final {
    QString database;
    QString user;
    QString password;
    QString host;
    int port = 0;

    QString url() const; // postgres://user:password@host:port/database
};

// What `pg:info` shows of one database.
struct DatabaseInfo final {
    int connections = 0; // open now
    qint64 dataSizeBytes = 0;
    int tables = 0;
    QString version; // the server's, `15.8`
};

// One PostgreSQL cluster in `dir` (the server's data in `dir/data`), owned by the emulator: made
// with initdb on first start (scram-sha-256, loopback only, a port chosen once and kept so that
// the URLs in config vars stay valid), started and stopped with pg_ctl. Every call blocks; the
// platform runs them on a worker thread. Each add-on has one database and one role of the same
// name, closed to every other role.
class PostgresCluster final {
public:
    PostgresCluster(QString dir, Binaries binaries);
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster &) = delete;
    PostgresCluster &operator=(const PostgresCluster &) = delete;

    core::Status start();
    // For an owner that holds the directory exclusively (the emulator's data-dir lock): a server
    // that a crashed owner left running on it is stopped, so start() can run it again.
    core::Status stopLeftover();
    core::Status stop();
    bool running() const { return m_running; }
    int port() const { return m_port; }
    QString dataDir() const;

    core::Result<Credentials> createDatabase(const QString &name, int connectionLimit);
    core::Status dropDatabase(const QString &name);
    core::Result<Credentials> rotatePassword(const QString &name);
    core::Status setConnectionLimit(const QString &name, int connectionLimit);
    core::Result<DatabaseInfo> info(const QString &name);
    core::Status reset(const QString &name); // drops every object and schema, leaves an empty public schema
    core::Status killConnections(const QString &name); // ends every session on the database

    // Backups: `pg_dump -Fc` into `file`; `pg_restore --clean --no-acl --no-owner` from it, in one
    // transaction, after checking that the file is a valid archive: a bad file changes nothing.
    // Both run as the service user when the emulator runs as root, like the server, so the files
    // are that user's: backups live in backupsDir(), which belongs to it.
    core::Status dump(const Credentials &db, const QString &file);
    core::Status restore(const Credentials &db, const QString &file);
    // Dumps a database as the cluster's superuser (exempt from the plan's connection limit).
    core::Status dumpDatabase(const QString &name, const QString &file);
    // `<dir>/backups`, made (and given to the service user) on first use.
    core::Result<QString> backupsDir();

    // Runs SQL as the cluster's superuser; the unaligned, tuples-only output.
    core::Result<QString> query(const QString &sql, const QString &database = QStringLiteral("postgres"));

private:
    struct Output {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Output run(const QString &program, const QStringList &args, bool asServiceUser,
               const QString &password = {}) const;
    core::Status initdb();
    core::Status ensureDir();
    bool ensureTls();
    core::Result<Credentials> credentialsFor(const QString &name, const QString &password) const;
    core::Status superuserSql(const QStringList &statements);

    QString m_dir;
    Binaries m_bins;
    std::optional<ServiceUser> m_user;
    QString m_superPassword;
    int m_port = 0;
    bool m_running = false;
};

} // namespace dynodesk::addons::postgres
