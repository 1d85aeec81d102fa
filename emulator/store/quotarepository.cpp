#include "quotarepository.h"
#include "database.h"

namespace dynodesk::store {

static std::optional<int64_t> optionalInteger(const Statement &st, int column)
{
    if (st.isNull(column))
        return std::nullopt;
    return st.integer(column);
}

static TeamQuotaRecord readQuota(const Statement &st)
{
    return {st.text(0), st.text(1), optionalInteger(st, 2), optionalInteger(st, 3), optionalInteger(st, 4)};
}

static constexpr const char *kQuotaColumns =
        "SELECT t.id, t.name, q.apps, q.dynos, q.addons FROM team_quotas q JOIN teams t ON t.id = q.team_id ";

static Statement &bindLimit(Statement &st, int index, const std::optional<int64_t> &limit)
{
    return limit ? st.bind(index, *limit) : st.bindNull(index);
}

std::optional<TeamQuotaRecord> QuotaRepository::forTeam(const std::string &teamId)
{
    auto st = m_db.prepare(std::string(kQuotaColumns) + "WHERE q.team_id = ?");
    st.bind(1, teamId);
    return first(st, readQuota);
}

void QuotaRepository::put(const TeamQuotaRecord &quota)
{
    auto st = m_db.prepare("INSERT INTO team_quotas (team_id, apps, dynos, addons) VALUES (?,?,?,?) "
                           "ON CONFLICT (team_id) DO UPDATE SET apps = excluded.apps, dynos = excluded.dynos, "
                           "addons = excluded.addons");
    st.bind(1, quota.teamId);
    bindLimit(st, 2, quota.apps);
    bindLimit(st, 3, quota.dynos);
    bindLimit(st, 4, quota.addons);
    st.run();
}

std::vector<TeamQuotaRecord> QuotaRepository::forAccount(const std::string &accountId)
{
    auto st = m_db.prepare(std::string(kQuotaColumns)
                           + "JOIN team_members m ON m.team_id = q.team_id "
                             "WHERE m.account_id = ? AND m.role IN ('member', 'viewer') ORDER BY t.name");
    st.bind(1, accountId);
    return collect(st, readQuota);
}

static int64_t count(Database &db, const char *sql, const std::string &accountId)
{
    auto st = db.prepare(sql);
    st.bind(1, accountId);
    st.step();
    return st.integer(0);
}

int64_t QuotaRepository::appsOf(const std::string &accountId)
{
    return count(m_db, "SELECT count(*) FROM apps WHERE owner_id = ?", accountId);
}

int64_t QuotaRepository::formationDynosOf(const std::string &accountId)
{
    return count(m_db, "SELECT coalesce(sum(f.quantity), 0) FROM formations f JOIN apps a ON a.id = f.app_id "
                       "WHERE a.owner_id = ?", accountId);
}

int64_t QuotaRepository::addonsOf(const std::string &accountId)
{
    return count(m_db, "SELECT count(*) FROM addons d JOIN apps a ON a.id = d.app_id "
                       "WHERE a.owner_id = ? AND d.state != 'deprovisioned'",
                 accountId);
}

std::vector<std::string> QuotaRepository::appIdsOf(const std::string &accountId)
{
    auto st = m_db.prepare("SELECT id FROM apps WHERE owner_id = ?");
    st.bind(1, accountId);
    return collect(st, [](const Statement &s) { return s.text(0); });
}

} // namespace dynodesk::store
