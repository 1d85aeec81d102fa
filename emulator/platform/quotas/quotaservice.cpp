// Per-account quotas set per team: the limits, what an account uses, and the platform's errors.
#include "quotaservice.h"

#include "platform/transaction.h"

#include "store/store.h"

namespace dynodesk::platform {

using core::ApiError;

QuotaService::QuotaService(detail::Environment &env) : Service(env) {}

static std::string counted(int64_t n, const char *one, const char *many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

static std::string raiseIt(const AccountLimit &limit)
{
    return " or ask an admin of " + limit.teamName + " to have this limit increased.";
}

Result<TeamQuota> QuotaService::teamQuota(const std::string &teamIdOrName)
{
    auto team = m_store.teams.byIdOrName(teamIdOrName);
    if (!team)
        return ApiError::notFound("Couldn't find that team.");
    return m_store.quotas.forTeam(team->id).value_or(TeamQuota{team->id, team->name, {}, {}, {}});
}

Result<TeamQuota> QuotaService::setTeamQuota(const std::string &teamIdOrName, const TeamQuotaUpdate &update)
{
    auto quota = teamQuota(teamIdOrName);
    if (!quota)
        return quota;
    auto apply = [](std::optional<int64_t> &limit, const std::optional<int64_t> &change) {
        if (change)
            limit = *change < 0 ? std::nullopt : change;
    };
    apply(quota->apps, update.apps);
    apply(quota->dynos, update.dynos);
    apply(quota->addons, update.addons);
    return inTransaction([&]() -> Result<TeamQuota> {
        m_store.quotas.put(*quota);
        return *quota;
    });
}

std::optional<AccountLimit> QuotaService::limitFor(const std::string &accountId,
                                                   std::optional<int64_t> TeamQuota::*kind)
{
    std::optional<AccountLimit> smallest;
    for (const auto &quota : m_store.quotas.forAccount(accountId)) {
        const auto &limit = quota.*kind;
        if (limit && (!smallest || *limit < smallest->limit))
            smallest = AccountLimit{*limit, quota.teamName};
    }
    return smallest;
}

Status QuotaService::allowOneMore(const std::string &accountId, std::optional<int64_t> TeamQuota::*kind, int64_t used,
                                  const Words &words)
{
    const auto limit = limitFor(accountId, kind);
    if (!limit || used < limit->limit)
        return core::Done{};
    return ApiError::invalidParams("You've reached your " + std::string(words.one) + " limit of "
                                   + counted(limit->limit, words.one, words.many) + ". " + words.remedy + raiseIt(*limit));
}

Status QuotaService::allowNewApp(const std::string &accountId)
{
    return allowOneMore(accountId, &TeamQuota::apps, m_store.quotas.appsOf(accountId), {"app", "apps", "Delete some apps"});
}

int64_t QuotaService::dynosOf(const std::string &accountId)
{
    int64_t running = m_store.quotas.formationDynosOf(accountId);
    if (!m_supervisor)
        return running;
    for (const auto &appId : m_store.quotas.appIdsOf(accountId))
        for (const auto &dyno : m_supervisor->dynos(appId))
            running += dyno.oneOff ? 1 : 0;
    return running;
}

Status QuotaService::allowMoreDynos(const std::string &accountId, int64_t added)
{
    if (added <= 0)
        return core::Done{};
    const auto limit = limitFor(accountId, &TeamQuota::dynos);
    if (!limit || dynosOf(accountId) + added <= limit->limit)
        return core::Done{};
    return ApiError{422, "cannot_run_above_limit",
                    "Cannot run more than " + counted(limit->limit, "dyno", "dynos") + ". Scale down other dynos"
                            + raiseIt(*limit)};
}

Status QuotaService::allowNewAddon(const std::string &accountId)
{
    return allowOneMore(accountId, &TeamQuota::addons, m_store.quotas.addonsOf(accountId),
                        {"add-on", "add-ons", "Destroy some add-ons"});
}

} // namespace dynodesk::platform
