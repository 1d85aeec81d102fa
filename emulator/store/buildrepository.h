#pragma once

#include "records.h"

#include <optional>
#include <vector>

namespace dynodesk::store {

class Database;

class SlugRepository final {
public:
    explicit SlugRepository(Database &db) : m_db(db) {}
    void insert(const SlugRecord &s);
    std::optional<SlugRecord> byId(const std::string &id);
    void markUploaded(const std::string &id, int64_t size, const std::string &at);

private:
    Database &m_db;
};

class BuildRepository final {
public:
    explicit BuildRepository(Database &db) : m_db(db) {}
    void insert(const BuildRecord &b);
    void update(const BuildRecord &b);
    std::optional<BuildRecord> byId(const std::string &id);
    std::vector<BuildRecord> list(const std::string &appId);
    std::vector<BuildRecord> withStatus(const std::string &status);

private:
    Database &m_db;
};

// The app's buildpacks, in order.
class BuildpackRepository final {
public:
    explicit BuildpackRepository(Database &db) : m_db(db) {}
    std::vector<std::string> list(const std::string &appId);
    void replace(const std::string &appId, const std::vector<std::string> &urls);

private:
    Database &m_db;
};

class SourceRepository final {
public:
    explicit SourceRepository(Database &db) : m_db(db) {}
    void insert(const SourceRecord &s);
    std::optional<SourceRecord> byId(const std::string &id);

private:
    Database &m_db;
};

} // namespace dynodesk::store
