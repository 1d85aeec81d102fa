#pragma once

#include "quotatypes.h"

#include "platform/service.h"

#include "dynos/isupervisor.h"

#include <cstdint>
#include <optional>
#include <string>

namespace dynodesk::platform {

// Per-account quotas, set per team (see TeamQuota): the operator sets them (`dynodesk-server
// teams:quota`), and the services ask here before an account gets another app, more dynos or
// another add-on. Each check answers the platform's 422 when the limit would be passed, and
// nothing when it would not (or when no team of the account sets one).
class QuotaService final : public detail::Service {
public:
    explicit QuotaService(detail::Environment &env);

    // One-off dynos count too; the dyno manager says how many an app has (none without one).
    void setSupervisor(const dynos::ISupervisor *supervisor) { m_supervisor = supervisor; }

    // For the operator (no actor): the team's quota, and a change to it.
    Result<TeamQuota> teamQuota(const std::string &teamIdOrName);
    Result<TeamQuota> setTeamQuota(const std::string &teamIdOrName, const TeamQuotaUpdate &update);

    // May the account make one more app?
    Status allowNewApp(const std::string &accountId);
    // May the account's dynos grow by `added` (the formation's change, or 1 for a one-off)?
    // A change that does not add dynos is always allowed.
    Status allowMoreDynos(const std::string &accountId, int64_t added);
    // May the account's apps get one more add-on?
    Status allowNewAddon(const std::string &accountId);

    // What the account uses now.
    int64_t dynosOf(const std::string &accountId);

private:
    // The smallest limit of that kind among the account's teams, if any sets one.
    std::optional<AccountLimit> limitFor(const std::string &accountId, std::optional<int64_t> TeamQuota::*kind);
    // What the 422 of a kind says: `app`, `apps`, `Delete some apps`.
    struct Words final {
        const char *one, *many, *remedy;
    };
    // One more of a kind while `used` is below the account's limit of it (if it has one).
    Status allowOneMore(const std::string &accountId, std::optional<int64_t> TeamQuota::*kind, int64_t used,
                        const Words &words);

    const dynos::ISupervisor *m_supervisor = nullptr;
};

} // namespace dynodesk::platform
