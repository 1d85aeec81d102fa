#pragma once

#include "database.h"
#include "records.h"

#include <optional>
#include <string>
#include <vector>

namespace dynodesk::store {

// Labs features switched on or off per app (absent: the feature's default, off).
class FeatureRepository final {
public:
    explicit FeatureRepository(Database &db) : m_db(db) {}
    std::vector<FeatureRecord> listFor(const std::string &appId);
    void set(const FeatureRecord &f);

private:
    Database &m_db;
};

// Log drains: where an app's log lines are forwarded.
class DrainRepository final {
public:
    explicit DrainRepository(Database &db) : m_db(db) {}
    void insert(const DrainRecord &d);
    std::vector<DrainRecord> listFor(const std::string &appId);
    std::vector<DrainRecord> all();
    std::optional<DrainRecord> find(const std::string &appId, const std::string &idOrUrl);
    void remove(const std::string &id);

private:
    Database &m_db;
};

} // namespace dynodesk::store
