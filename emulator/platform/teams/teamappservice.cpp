// Team apps: lock, move into and out of a team, collaborators with permissions.
#include "teamappservice.h"

#include "platform/transaction.h"

#include "core/ids.h"
#include "store/store.h"

namespace dynodesk::platform {

using core::ApiError;

// What a collaborator of a personal app could do, kept when the app moves into a team.
static const std::vector<std::string> kCollaboratorPermissions = {"deploy", "operate", "view"};

TeamAppService::TeamAppService(detail::Environment &env) : Service(env) {}

Result<App> TeamAppService::teamApp(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    return access->app;
}

Result<AppAccess> TeamAppService::teamAppAccess(const Actor &actor, const std::string &appName, Action action)
{
    auto access = app(actor, appName, action);
    if (access && !access->app.teamId)
        return ApiError::invalidParams(access->app.name + " is not a team app.");
    return access;
}

Result<App> TeamAppService::updateApp(const Actor &actor, const std::string &appName, const TeamAppUpdate &update)
{
    if (update.owner) {
        if (auto team = m_store.teams.byIdOrName(*update.owner))
            return moveToTeam(actor, appName, *team);
        return moveToAccount(actor, appName, *update.owner);
    }
    if (update.locked)
        return lock(actor, appName, *update.locked);
    return teamApp(actor, appName);
}

Result<App> TeamAppService::lock(const Actor &actor, const std::string &appName, bool locked)
{
    auto access = teamAppAccess(actor, appName, Action::Lock);
    if (!access)
        return access.error();
    return inTransaction([&]() -> Result<App> {
        access->app.locked = locked;
        access->app.updatedAt = now();
        m_store.apps.update(access->app);
        return access->app;
    });
}

Result<App> TeamAppService::moveToTeam(const Actor &actor, const std::string &appName, const Team &target)
{
    auto access = app(actor, appName, Action::Transfer);
    if (!access)
        return access.error();
    auto team = teamForNewApp(actor, target.id);
    if (!team)
        return team.error();
    App moved = access->app;
    if (moved.teamId == team->id)
        return ApiError::invalidParams(moved.name + " is already in " + team->name + ".");
    const bool wasPersonal = !moved.teamId;
    return inTransaction([&]() -> Result<App> {
        const std::string at = now();
        for (auto c : m_store.collaborators.list(moved.id))
            if (c.permissions.empty()) {
                c.permissions = kCollaboratorPermissions;
                c.updatedAt = at;
                m_store.collaborators.setPermissions(c);
            }
        // Who owned it keeps every permission on it, unless the team's role already gives them.
        if (wasPersonal && teamRole(team->role) != Role::Admin)
            m_store.collaborators.insert({core::newId(), moved.id, moved.name, actor.id, actor.email, at, at,
                                          permissionNames(kAllPermissions)});
        moved.teamId = team->id;
        moved.teamName = team->name;
        moved.updatedAt = at;
        m_store.apps.update(moved);
        return moved;
    });
}

Result<App> TeamAppService::moveToAccount(const Actor &actor, const std::string &appName, const std::string &account)
{
    auto access = teamAppAccess(actor, appName, Action::Transfer);
    if (!access)
        return access.error();
    auto user = m_store.accounts.byIdOrEmail(account);
    if (!user)
        return ApiError::notFound("Couldn't find that user or team.");
    App moved = access->app;
    return inTransaction([&]() -> Result<App> {
        // On leaving its team an app keeps no collaborators: its new owner adds them again.
        m_store.collaborators.removeAll(moved.id);
        moved.teamId.reset();
        moved.teamName.reset();
        moved.locked = false;
        moved.ownerId = user->id;
        moved.ownerEmail = user->email;
        moved.updatedAt = now();
        m_store.apps.update(moved);
        return moved;
    });
}

TeamAppCollaborator TeamAppService::view(const Collaborator &c, const App &app) const
{
    auto member = m_store.teamMembers.find(*app.teamId, c.accountId);
    return {c.id, c.appId, c.appName, c.accountId, c.email, member ? member->role : "collaborator", c.createdAt,
            c.updatedAt, c.permissions};
}

Result<std::vector<TeamAppCollaborator>> TeamAppService::collaborators(const Actor &actor, const std::string &appName)
{
    auto access = teamAppAccess(actor, appName, Action::View);
    if (!access)
        return access.error();
    std::vector<TeamAppCollaborator> out;
    for (const auto &c : m_store.collaborators.list(access->app.id))
        out.push_back(view(c, access->app));
    return out;
}

Result<TeamAppCollaborator> TeamAppService::collaborator(const Actor &actor, const std::string &appName,
                                                         const std::string &who)
{
    auto access = teamAppAccess(actor, appName, Action::View);
    if (!access)
        return access.error();
    auto found = m_store.collaborators.find(access->app.id, who);
    if (!found)
        return ApiError::notFound("Couldn't find that collaborator.");
    return view(*found, access->app);
}

static Result<std::vector<std::string>> checkedPermissions(const std::vector<std::string> &names)
{
    Permissions bits = kNoPermissions;
    if (!parsePermissions(names, bits))
        return ApiError::invalidParams("Permissions must be among view, deploy, operate and manage.");
    return permissionNames(bits | bit(Permission::View));
}

Result<TeamAppCollaborator> TeamAppService::addCollaborator(const Actor &actor, const std::string &appName,
                                                            const std::string &email,
                                                            const std::optional<std::vector<std::string>> &permissions)
{
    auto user = m_store.accounts.byIdOrEmail(email);
    if (!user)
        return ApiError::notFound("Couldn't find that user.");
    // Joining: a team member adds itself to an app it can see.
    const bool joins = user->id == actor.id && !permissions;
    auto access = teamAppAccess(actor, appName, joins ? Action::View : Action::AddCollaborator);
    if (!access)
        return access.error();
    if (joins && teamRoleOf(*access->app.teamId, actor.id) == Role::Stranger)
        return ApiError::forbidden("You must be a member of " + *access->app.teamName + " to join its apps.");
    auto names = checkedPermissions(permissions.value_or(kCollaboratorPermissions));
    if (!names)
        return names.error();
    if (m_store.collaborators.find(access->app.id, user->id))
        return ApiError::invalidParams(user->email + " is already a collaborator on " + access->app.name + ".");
    const std::string at = now();
    Collaborator c{core::newId(), access->app.id, access->app.name, user->id, user->email, at, at, *names};
    return inTransaction([&]() -> Result<TeamAppCollaborator> {
        m_store.collaborators.insert(c);
        return view(c, access->app);
    });
}

Result<TeamAppCollaborator> TeamAppService::updateCollaborator(const Actor &actor, const std::string &appName,
                                                               const std::string &who,
                                                               const std::vector<std::string> &permissions)
{
    auto access = teamAppAccess(actor, appName, Action::AddCollaborator);
    if (!access)
        return access.error();
    auto found = m_store.collaborators.find(access->app.id, who);
    if (!found)
        return ApiError::notFound("Couldn't find that collaborator.");
    auto names = checkedPermissions(permissions);
    if (!names)
        return names.error();
    return inTransaction([&]() -> Result<TeamAppCollaborator> {
        found->permissions = *names;
        found->updatedAt = now();
        m_store.collaborators.setPermissions(*found);
        return view(*found, access->app);
    });
}

Result<TeamAppCollaborator> TeamAppService::removeCollaborator(const Actor &actor, const std::string &appName,
                                                               const std::string &who)
{
    auto found = collaborator(actor, appName, who);
    if (!found)
        return found;
    // A collaborator may always leave; removing others needs `manage`.
    if (found->accountId != actor.id) {
        if (auto access = app(actor, appName, Action::RemoveCollaborator); !access)
            return access.error();
    }
    return inTransaction([&]() -> Result<TeamAppCollaborator> {
        m_store.collaborators.remove(found->id);
        return *found;
    });
}

} // namespace dynodesk::platform
