#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dynodesk::platform {

// What one account may have, set per team (`dynodesk-server teams:quota`): at most `apps` apps,
// `dynos` dynos and `addons` add-ons; an unset limit is unlimited. A team's limits hold for each
// of its members and viewers (not for its owner and admins); an account in several teams gets
// the smallest limit of each kind.
struct TeamQuota final {
    std::string teamId, teamName;
    std::optional<int64_t> apps, dynos, addons;
};

// A change to a team's quota: each limit given is set (a negative one clears it), the others kept.
struct TeamQuotaUpdate final {
    std::optional<int64_t> apps, dynos, addons;
};

// The limit that holds for an account, and the team that sets it.
struct AccountLimit final {
    int64_t limit = 0;
    std::string teamName;
};

} // namespace dynodesk::platform
