#pragma once

#include "platform/addons/addontypes.h"
#include "platform/data/transfertypes.h"

#include "addons/idatabaseprovider.h"
#include "addons/plancatalog.h"

#include <string>

namespace dynodesk::platform {

// A database add-on as `pg:info` shows it: the add-on, its plan and what the server says now.
struct DatabaseStatus final {
    Addon addon;
    addons::Plan plan;
    addons::DatabaseStats stats;
};

// The connection details of a database add-on's default credential.
struct DatabaseCredentials final {
    Addon addon;
    std::string host, database, user, password, url;
    int port = 0;
};

// A backup's download link, signed, valid until `expiresAt`.
struct BackupUrl final {
    std::string url, expiresAt;
};

} // namespace dynodesk::platform
