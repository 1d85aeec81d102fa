#include "postgresdatabases.h"

#include "postgresdetail.h"
#include "postgresserver.h"

namespace dynodesk::addons::postgres {

using detail::invalidName;
using detail::validName;

PostgresDatabases::PostgresDatabases(const PostgresServer &server) : m_server(server) {}

core::Status PostgresDatabases::queryIn(const QString &sql, const QString &database)
{
    auto r = m_server.query(sql, database);
    if (!r)
        return r.error();
    return core::Done{};
}

// Each statement on its own: CREATE and DROP DATABASE cannot run inside a transaction.
core::Status PostgresDatabases::superuserSql(const QStringList &statements)
{
    for (const QString &sql : statements) {
        if (auto s = queryIn(sql); !s)
            return s;
    }
    return core::Done{};
}

Credentials PostgresDatabases::credentialsFor(const QString &name, const QString &password) const
{
    return Credentials{name, name, password, QStringLiteral("127.0.0.1"), m_server.port()};
}

core::Result<Credentials> PostgresDatabases::create(const QString &name, int connectionLimit)
{
    if (!validName(name))
        return invalidName();
    const QString password = detail::randomHex(64);
    const auto made = superuserSql({
        QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2' CONNECTION LIMIT %3").arg(name, password).arg(connectionLimit),
        QStringLiteral("CREATE DATABASE %1 OWNER %1 CONNECTION LIMIT %2").arg(name).arg(connectionLimit),
        QStringLiteral("REVOKE ALL ON DATABASE %1 FROM PUBLIC").arg(name),
    });
    if (!made) {
        (void)drop(name); // nothing half-made stays behind
        return made.error();
    }
    return credentialsFor(name, password);
}

core::Status PostgresDatabases::drop(const QString &name)
{
    if (!validName(name))
        return invalidName();
    return superuserSql({QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name),
                         QStringLiteral("DROP ROLE IF EXISTS %1").arg(name)});
}

core::Result<Credentials> PostgresDatabases::rotatePassword(const QString &name)
{
    if (!validName(name))
        return invalidName();
    const QString password = detail::randomHex(64);
    const auto done = superuserSql({
        QStringLiteral("ALTER ROLE %1 PASSWORD '%2'").arg(name, password),
        QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '%1'").arg(name),
    });
    if (!done)
        return done.error();
    return credentialsFor(name, password);
}

core::Status PostgresDatabases::setConnectionLimit(const QString &name, int connectionLimit)
{
    if (!validName(name))
        return invalidName();
    return superuserSql({QStringLiteral("ALTER ROLE %1 CONNECTION LIMIT %2").arg(name).arg(connectionLimit),
                         QStringLiteral("ALTER DATABASE %1 CONNECTION LIMIT %2").arg(name).arg(connectionLimit)});
}

core::Status PostgresDatabases::reset(const QString &name)
{
    if (!validName(name))
        return invalidName();
    return queryIn(QStringLiteral("DROP OWNED BY %1 CASCADE; DROP SCHEMA IF EXISTS public CASCADE; "
                                  "CREATE SCHEMA public AUTHORIZATION %1").arg(name),
                   name);
}

core::Status PostgresDatabases::killConnections(const QString &name)
{
    if (!validName(name))
        return invalidName();
    return queryIn(QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                  "WHERE datname = '%1' AND pid <> pg_backend_pid()").arg(name));
}

} // namespace dynodesk::addons::postgres
