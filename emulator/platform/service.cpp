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
    if (found->teamId)
        return teamApp(actor, std::move(*found), action);
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

Role Service::teamRoleOf(const std::string &teamId, const std::string &accountId) const
{
    auto member = m_store.teamMembers.find(teamId, accountId);
    return member ? teamRole(member->role) : Role::Stranger;
}

// The team a new app goes to: admins and members create apps in it, viewers and others do not.
Result<Team> Service::teamForNewApp(const Actor &actor, const std::string &idOrName) const
{
    auto team = m_store.teams.byIdOrName(idOrName);
    if (!team)
        return ApiError::notFound("Couldn't find that team.");
    auto member = m_store.teamMembers.find(team->id, actor.id);
    if (!member)
        return ApiError::forbidden("You do not have access to the team " + team->name + ".");
    const Role role = teamRole(member->role);
    if (role != Role::Admin && role != Role::Member)
        return ApiError::forbidden("You must be an admin or member of " + team->name + " to create apps in it.");
    team->role = member->role;
    return *team;
}

// A team app: the caller's team role and the permissions granted to it on the app decide.
Result<AppAccess> Service::teamApp(const Actor &actor, App found, Action action) const
{
    Role role = teamRoleOf(*found.teamId, actor.id);
    Permissions granted = kNoPermissions;
    if (auto collaborator = m_store.collaborators.find(found.id, actor.id)) {
        parsePermissions(collaborator->permissions, granted);
        if (role == Role::Stranger)
            role = Role::Collaborator;
    }
    const Permissions held = effectivePermissions(role, granted, found.locked);
    if (held == kNoPermissions)
        return ApiError::forbidden("You do not have access to the app " + found.name + ".");
    if (!isAllowed(held, action)) {
        const auto needed = permissionNames(requiredPermissions(action));
        std::string names;
        for (const auto &n : needed)
            names += (names.empty() ? "" : " or ") + n;
        return ApiError::forbidden("You must have the " + names + " permission on " + found.name + " to do this.");
    }
    return AppAccess{std::move(found), role, held};
}

} // namespace dynodesk::platform::detail
