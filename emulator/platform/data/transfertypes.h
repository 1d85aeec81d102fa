#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dynodesk::platform {

// One line of a data transfer's log, as `pg:backups:info` shows it.
struct DataTransferLog final {
    std::string createdAt, message;
};

// A transfer of the data API (`pg:backups`): a backup of a database (`b001`) or a restore into
// one (`r002`), listed under the database's owning app and numbered per app, a number never
// used twice. `state` is pending, running, succeeded or failed.
struct DataTransfer final {
    std::string id, appId, appName;
    int64_t num = 0;
    std::string kind;    // "backup" or "restore"
    std::string addonId; // the database dumped (backup) or restored into (restore)
    std::string fromName, toName; // as the CLI shows them: the database's add-on name, `BACKUP`, ...
    std::string state;
    std::optional<std::string> file;     // a backup's file
    std::optional<std::string> sourceId; // a restore's backup
    int64_t sourceBytes = 0, processedBytes = 0;
    std::vector<DataTransferLog> logs;
    std::string createdAt, updatedAt;
    std::optional<std::string> startedAt, finishedAt;
};

} // namespace dynodesk::platform
