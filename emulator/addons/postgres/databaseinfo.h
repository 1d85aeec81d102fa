#pragma once

#include "core/apierror.h"

#include <QString>

namespace dynodesk::addons::postgres {

class PostgresServer;

// What `pg:info` shows of one database.
struct DatabaseInfo final {
    int connections = 0; // open now
    qint64 dataSizeBytes = 0;
    int tables = 0;
    QString version; // the server's, `15.8`

    // Asks the running server about database `name`.
    static core::Result<DatabaseInfo> of(const PostgresServer &server, const QString &name);
};

} // namespace dynodesk::addons::postgres
