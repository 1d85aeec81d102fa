#pragma once

#include "records.h"

#include <optional>
#include <string>
#include <vector>

namespace dynodesk::store {

class Database;

// Teams' quotas (`team_quotas`) and what an account uses of them: its apps, the dynos of its
// apps' formations and its apps' add-ons. An account's apps are those it made (`owner_id`),
// personal and team apps alike.
class QuotaRepository final {
public:
    explicit QuotaRepository(Database &db) : m_db(db) {}
    std::optional<TeamQuotaRecord> forTeam(const std::string &teamId);
    void put(const TeamQuotaRecord &quota);
    // The quotas of the teams where the account is a member or a viewer.
    std::vector<TeamQuotaRecord> forAccount(const std::string &accountId);
    int64_t appsOf(const std::string &accountId);
    int64_t formationDynosOf(const std::string &accountId);
    int64_t addonsOf(const std::string &accountId);
    std::vector<std::string> appIdsOf(const std::string &accountId);

private:
    Database &m_db;
};

} // namespace dynodesk::store
