#include "databaseinfo.h"

#include "postgresdetail.h"
#include "postgresserver.h"

#include <QStringList>

namespace dynodesk::addons::postgres {

core::Result<DatabaseInfo> DatabaseInfo::of(const PostgresServer &server, const QString &name)
{
    if (!detail::validName(name))
        return detail::invalidName();
    auto row = server.query(QStringLiteral("SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()) - 1, "
                                           "pg_database_size(current_database()), "
                                           "(SELECT count(*) FROM information_schema.tables "
                                           " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')), "
                                           "current_setting('server_version')"),
                            name);
    if (!row)
        return row.error();
    const QStringList f = row->split(QLatin1Char('|'));
    if (f.size() != 4)
        return core::ApiError::internal("unexpected answer from PostgreSQL: " + row->toStdString());
    // The first count leaves out the superuser's own connection that asks.
    return DatabaseInfo{f[0].toInt(), f[1].toLongLong(), f[2].toInt(), f[3].section(QLatin1Char(' '), 0, 0)};
}

} // namespace dynodesk::addons::postgres
