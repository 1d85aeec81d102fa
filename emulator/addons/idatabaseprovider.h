#pragma once

#include "iaddonprovider.h"

#include <cstdint>
#include <string>

namespace dynodesk::addons {

// What `pg:info` shows of one database.
struct DatabaseStats final {
    int connections = 0; // open now
    int64_t dataSizeBytes = 0;
    int tables = 0;
    std::string version; // the server's, `16.4`
};

// A backup the provider wrote.
struct BackupMade final {
    std::string file;
    int64_t sourceBytes = 0; // the database's size when it was dumped
    int64_t processedBytes = 0; // the backup's size
};

// What a database add-on does besides provisioning: the data API behind the CLI's `pg:*`
// commands. `resource` is the provider's name for the database; `config` is the add-on's config
// as the platform keeps it (its URL holds the role's password). Every call may block; the
// AddonProvisioner runs them on its worker thread.
class IDatabaseProvider {
public:
    virtual ~IDatabaseProvider() = default;

    virtual core::Result<DatabaseStats> stats(const std::string &resource) = 0;
    // Drops every table, view, function and schema of the database's role: an empty database.
    virtual core::Status reset(const std::string &resource) = 0;
    // Ends every open connection to the database.
    virtual core::Status killConnections(const std::string &resource) = 0;
    // Dumps the database into a new backup file named after `backupId`.
    virtual core::Result<BackupMade> backup(const std::string &resource, const std::string &backupId) = 0;
    // Restores a backup file into the database; a missing or invalid file changes nothing.
    virtual core::Status restore(const std::string &resource, const AddonConfig &config, const std::string &file) = 0;
    // Deletes a backup file; one already gone is no error.
    virtual core::Status deleteBackup(const std::string &file) = 0;
    // Provisions `resource` as a copy of `fromResource` (a fork): the same tables and rows.
    virtual core::Result<AddonConfig> fork(const std::string &resource, const Plan &plan, const std::string &fromResource) = 0;
};

} // namespace dynodesk::addons
