#pragma once

#include "records.h"

#include <optional>
#include <vector>

namespace dynodesk::store {

class Database;

// App setups (`app_setups`): written whole, read by id.
class AppSetupRepository final {
public:
    explicit AppSetupRepository(Database &db) : m_db(db) {}
    void insert(const AppSetupRecord &s);
    void update(const AppSetupRecord &s);
    std::optional<AppSetupRecord> byId(const std::string &id);
    std::vector<AppSetupRecord> pending();

private:
    Database &m_db;
};

} // namespace dynodesk::store
