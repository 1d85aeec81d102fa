#pragma once

#include "credentials.h"

#include "core/apierror.h"

#include <QString>

namespace dynodesk::addons::postgres {

class PostgresServer;

// Backups: `pg_dump -Fc` into a file; `pg_restore --clean --no-acl --no-owner` from it, in one
// transaction, after checking that the file is a valid archive: a bad file changes nothing.
// Both run as the service user when the emulator runs as root, like the server, so the files
// are that user's: backups live in backupsDir(), which belongs to it.
class PostgresBackups final {
public:
    explicit PostgresBackups(const PostgresServer &server);

    core::Status dump(const Credentials &db, const QString &file) const;
    core::Status restore(const Credentials &db, const QString &file) const;
    // Dumps a database as the cluster's superuser (exempt from the plan's connection limit).
    core::Status dumpDatabase(const QString &name, const QString &file) const;
    // `<dir>/backups`, made (and given to the service user) on first use.
    core::Result<QString> backupsDir() const;

private:
    const PostgresServer &m_server;
};

} // namespace dynodesk::addons::postgres
