#pragma once

#include "credentials.h"

#include "core/apierror.h"

#include <QString>
#include <QStringList>

namespace dynodesk::addons::postgres {

class PostgresServer;

// The add-ons' databases and roles on a running server: each add-on has one database and one
// role of the same name, closed to every other role, limited to the plan's connections.
class PostgresDatabases final {
public:
    explicit PostgresDatabases(const PostgresServer &server);

    core::Result<Credentials> create(const QString &name, int connectionLimit);
    core::Status drop(const QString &name);
    core::Result<Credentials> rotatePassword(const QString &name);
    core::Status setConnectionLimit(const QString &name, int connectionLimit);
    core::Status reset(const QString &name); // drops every object and schema, leaves an empty public schema
    core::Status killConnections(const QString &name); // ends every session on the database

private:
    core::Status superuserSql(const QStringList &statements);
    core::Status queryIn(const QString &sql, const QString &database = QStringLiteral("postgres"));
    Credentials credentialsFor(const QString &name, const QString &password) const;

    const PostgresServer &m_server;
};

} // namespace dynodesk::addons::postgres
