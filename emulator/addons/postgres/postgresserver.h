#pragma once

#include "postgresbinaries.h"
#include "postgrescommand.h"

#include "core/apierror.h"

#include <QString>

namespace dynodesk::addons::postgres {

// The server's lifecycle in `dir` (its data in `dir/data`): made with initdb on first start
// (scram-sha-256, loopback only, a port chosen once and kept so that the URLs in config vars stay
// valid), started and stopped with pg_ctl, as the service user when the emulator runs as root.
// Also runs SQL as the cluster's superuser. Every call blocks.
class PostgresServer final {
public:
    // `homeBase`: where the cluster lives under root when the service user cannot reach `dir`
    // (see ClusterHome).
    PostgresServer(QString dir, Binaries binaries, QString homeBase);

    core::Status start();
    core::Status stopLeftover(); // a server a crashed owner left running on the directory
    core::Status stop();
    bool running() const { return m_running; }
    int port() const { return m_port; }
    QString dir() const { return m_dir; } // where the cluster really lives, once started
    QString dataDir() const;
    const Binaries &binaries() const { return m_bins; }
    const PostgresCommand &command() const { return m_command; }
    QString superuserPassword() const { return m_superPassword; }

    // Runs SQL as the cluster's superuser; the unaligned, tuples-only output.
    core::Result<QString> query(const QString &sql, const QString &database = QStringLiteral("postgres")) const;

private:
    core::Status ensureDir();
    core::Status initdb();
    core::Status readSuperuserPassword();
    core::Status ensurePort();
    core::Status pgCtlStop(const QString &what);
    QString serverLogTail() const;

    QString m_dir;
    QString m_homeBase;
    Binaries m_bins;
    PostgresCommand m_command;
    QString m_superPassword;
    int m_port = 0;
    bool m_running = false;
};

} // namespace dynodesk::addons::postgres
