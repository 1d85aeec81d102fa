#include "service.h"
#include "platformevents.h"

#include "store/store.h"

namespace dynodesk::platform::detail {

using core::ApiError;

Service::Service(Environment &env)
    : m_env(env), m_store(env.store), m_clock(env.clock), m_settings(env.settings), m_events(*env.events)
{
}

std::string Service::now() const { return core::formatTimestamp(m_clock.now()); }

void Service::apiLog(const std::string &appId, const std::string &message) const
{
    if (m_env.log)
        m_env.log->append(appId, "app", "api", message);
}

Result<AppAccess> Service::app(const Actor &actor, const std::string &idOrName, Action action) const
{
    auto found = m_store.apps.byIdOrName(idOrName);
    if (!found)
        return ApiError::notFound("Couldn't find that app.");
    Role role = Role::Stranger;
    if (found->ownerId == actor.id)
        role = Role::Owner;
    else if (m_store.collaborators.find(found->id, actor.id))
        role = Role::Collaborator;
    if (role == Role::Stranger)
        return ApiError::forbidden("You do not have access to the app " + found->name + ".");
    if (!isAllowed(role, action)) {
        return ApiError::forbidden("You must be the owner of " + found->name + " to "
                                   + std::string(toString(action)) + " it.");
    }
    return AppAccess{std::move(*found), role};
}

} // namespace dynodesk::platform::detail
