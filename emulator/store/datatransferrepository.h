#pragma once

#include "database.h"
#include "records.h"

#include <optional>
#include <string>
#include <vector>

namespace dynodesk::store {

// The data API's transfers (backups and restores), by the app they are listed under. A deleted
// transfer is kept as a row, hidden, so its number is never used again.
class DataTransferRepository final {
public:
    explicit DataTransferRepository(Database &db) : m_db(db) {}
    void insert(const DataTransferRecord &t);
    // State, file, sizes, logs and times as `t` has them.
    void update(const DataTransferRecord &t);
    std::optional<DataTransferRecord> byId(const std::string &id);
    // By id or number, among the app's transfers that are not deleted.
    std::optional<DataTransferRecord> find(const std::string &appId, const std::string &idOrNum);
    std::vector<DataTransferRecord> listForApp(const std::string &appId);
    std::vector<DataTransferRecord> unfinished();
    // The files of every backup of the app, deleted ones included.
    std::vector<std::string> filesForApp(const std::string &appId);
    int64_t nextNum(const std::string &appId);
    void markDeleted(const std::string &id, const std::string &at);

private:
    Database &m_db;
};

} // namespace dynodesk::store
