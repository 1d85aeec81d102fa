#pragma once

#include "database.h"
#include "records.h"

#include <optional>
#include <string>
#include <vector>

namespace dynodesk::store {

// Custom domains. Hostnames are stored lower case and are unique across all apps.
class DomainRepository final {
public:
    explicit DomainRepository(Database &db) : m_db(db) {}
    void insert(const DomainRecord &d);
    std::vector<DomainRecord> listFor(const std::string &appId);
    // Every app's domains, for the route table.
    std::vector<DomainRecord> all();
    std::optional<DomainRecord> find(const std::string &appId, const std::string &idOrHostname);
    // The domain with this hostname, whichever app has it.
    std::optional<DomainRecord> byHostname(const std::string &hostname);
    void remove(const std::string &id);

private:
    Database &m_db;
};

} // namespace dynodesk::store
