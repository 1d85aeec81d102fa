#pragma once

#include "platform/accounts/accounttypes.h"
#include "platform/apps/apptypes.h"
#include "platform/permissions.h"
#include "platform/teams/teamtypes.h"

#include "core/apierror.h"
#include "core/clock.h"
#include "core/coresettings.h"
#include "core/ilogsink.h"
#include "core/names.h"

#include <memory>
#include <string>

namespace dynodesk::store {
class Store;
}

namespace dynodesk::platform {

using core::Result;
using core::Status;

class PlatformEvents;

namespace detail {

// What every service of the platform shares: the store (private to the platform), the clock,
// the settings, the name generator, where `app[api]` lines go and the events. Owned by Platform.
struct Environment final {
    store::Store &store;
    const core::IClock &clock;
    core::Settings settings;
    core::NameGenerator names;
    core::ILogSink *log = nullptr;
    std::unique_ptr<PlatformEvents> events;
};

// The base of every service: the shared environment, the app access rule (404, then 403) and
// the store transaction every change runs in. Each service runs on the core thread.
class Service {
protected:
    explicit Service(Environment &env);
    ~Service() = default;

    std::string now() const;
    // `app[api]: <message>`, written only after the change it tells of has committed.
    void apiLog(const std::string &appId, const std::string &message) const;
    // Looks an app up and checks that the actor may do `action` to it: 404, then 403.
    Result<AppAccess> app(const Actor &actor, const std::string &idOrName, Action action = Action::View) const;
    // The account's role in a team: Admin (the team's owner too), Member, Viewer; else Stranger.
    Role teamRoleOf(const std::string &teamId, const std::string &accountId) const;
    // The team an app is made in or moved to: admins and members may, viewers and others not.
    // The team comes back with the caller's role in it.
    Result<Team> teamForNewApp(const Actor &actor, const std::string &idOrName) const;
    // Runs `body` in one store transaction, committed only when it returns a value: a returned
    // error or a store failure leaves nothing half-applied (platform/transaction.h).
    template <typename F>
    auto inTransaction(F &&body) const -> decltype(body());

    Environment &m_env;
    store::Store &m_store;
    const core::IClock &m_clock;
    const core::Settings &m_settings;
    PlatformEvents &m_events;

private:
    Result<AppAccess> teamApp(const Actor &actor, App found, Action action) const;
};

} // namespace detail
} // namespace dynodesk::platform
