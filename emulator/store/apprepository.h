#pragma once

#include "records.h"

#include <optional>
#include <vector>

namespace dynodesk::store {

class Database;

class AppRepository final {
public:
    explicit AppRepository(Database &db) : m_db(db) {}
    void insert(const AppRecord &a);
    std::optional<AppRecord> byIdOrName(const std::string &idOrName);
    // Apps the account owns (not in a team) or collaborates on.
    std::vector<AppRecord> listFor(const std::string &accountId);
    std::vector<AppRecord> listByTeam(const std::string &teamId);
    // Those and the apps of its teams it may see (all for admins, the unlocked ones for others).
    std::vector<AppRecord> listVisibleTo(const std::string &accountId);
    std::vector<AppRecord> all();
    void update(const AppRecord &a);
    void remove(const std::string &id);
    int64_t countOwnedBy(const std::string &accountId);

private:
    Database &m_db;
};

class ConfigRepository final {
public:
    explicit ConfigRepository(Database &db) : m_db(db) {}
    ConfigMap get(const std::string &appId);
    void replace(const std::string &appId, const ConfigMap &config);

private:
    Database &m_db;
};

class ReleaseRepository final {
public:
    explicit ReleaseRepository(Database &db) : m_db(db) {}
    void insert(const ReleaseRecord &r);
    std::vector<ReleaseRecord> list(const std::string &appId);
    std::optional<ReleaseRecord> byVersion(const std::string &appId, int64_t version);
    std::optional<ReleaseRecord> byId(const std::string &appId, const std::string &id);
    int64_t latestVersion(const std::string &appId);
    // The version of the release that is live: the newest that succeeded; 0 when none.
    int64_t currentVersion(const std::string &appId);
    void setStatus(const std::string &id, const std::string &status, const std::string &updatedAt);

private:
    std::vector<ReleaseRecord> query(const std::string &where, const std::string &appId, const std::string &arg);
    Database &m_db;
};

class CollaboratorRepository final {
public:
    explicit CollaboratorRepository(Database &db) : m_db(db) {}
    void insert(const CollaboratorRecord &c);
    std::vector<CollaboratorRecord> list(const std::string &appId);
    std::optional<CollaboratorRecord> find(const std::string &appId, const std::string &idOrEmailOrAccountId);
    void setPermissions(const CollaboratorRecord &c);
    void remove(const std::string &id);
    void removeAll(const std::string &appId);
    // An account leaving a team leaves its apps too.
    void removeFromTeamApps(const std::string &teamId, const std::string &accountId);

private:
    Database &m_db;
};

class FormationRepository final {
public:
    explicit FormationRepository(Database &db) : m_db(db) {}
    std::vector<FormationRecord> list(const std::string &appId);
    std::optional<FormationRecord> find(const std::string &appId, const std::string &idOrType);
    // Inserts or updates the row for (app, type).
    void upsert(const FormationRecord &f);

private:
    Database &m_db;
};

class TransferRepository final {
public:
    explicit TransferRepository(Database &db) : m_db(db) {}
    void insert(const TransferRecord &t);
    std::optional<TransferRecord> byIdOrAppName(const std::string &idOrAppName);
    std::vector<TransferRecord> listFor(const std::string &accountId);
    void update(const TransferRecord &t);
    void remove(const std::string &id);

private:
    Database &m_db;
};

} // namespace dynodesk::store
