// The platform over a data dir's store, for the server's commands that run without serving.
#include "offlineplatform.h"
#include "emulator.h"

#include "core/clock.h"
#include "core/coresettings.h"
#include "store/store.h"


#include <functional>
#include <optional>

namespace dynodesk::wiring {

using core::ApiError;

// The platform over the data dir's store, for `work`; a store that cannot be opened is an error.
static core::Status withOfflinePlatform(const std::string &dataDir, const std::function<core::Status(platform::Platform &)> &work)
{
    try {
        if (auto made = ensurePrivateDataDir(dataDir); !made)
            return made.error();
        store::Store store(dataDir + "/dynodesk.sqlite3");
        core::SystemClock clock;
        core::Settings settings;
        settings.dataDir = dataDir;
        platform::Platform platform(store, clock, settings);
        return work(platform);
    } catch (const std::exception &e) {
        return ApiError::internal(std::string("Cannot open the store: ") + e.what());
    }
}

// Runs `action` offline and hands back its value.
template <typename T, typename Action>
static core::Result<T> offline(const std::string &dataDir, Action action)
{
    std::optional<core::Result<T>> result;
    auto opened = withOfflinePlatform(dataDir, [&](platform::Platform &p) -> core::Status {
        result.emplace(action(p));
        return core::Done{};
    });
    if (!opened)
        return opened.error();
    return std::move(*result);
}

core::Result<platform::AccountCreated> addAccount(const std::string &dataDir, const std::string &email,
                                                  std::optional<std::string> password)
{
    return offline<platform::AccountCreated>(
            dataDir, [&](platform::Platform &p) { return p.accounts().createAccount(email, std::move(password)); });
}

core::Result<platform::RosterOutcome> importRoster(const std::string &dataDir, const std::string &csv)
{
    return offline<platform::RosterOutcome>(dataDir, [&](platform::Platform &p) { return p.roster().import(csv); });
}

core::Result<platform::TeamQuota> setTeamQuota(const std::string &dataDir, const std::string &team,
                                               const platform::TeamQuotaUpdate &update)
{
    return offline<platform::TeamQuota>(dataDir, [&](platform::Platform &p) { return p.quotas().setTeamQuota(team, update); });
}

} // namespace dynodesk::wiring
