// Teams and their members.
#include "teamservice.h"

#include "platform/transaction.h"

#include "core/ids.h"
#include "core/names.h"
#include "store/store.h"

namespace dynodesk::platform {

using core::ApiError;

static constexpr const char *kOwnerRole = "owner";

TeamService::TeamService(detail::Environment &env) : Service(env) {}

std::vector<Team> TeamService::teams(const Actor &actor) { return m_store.teams.listFor(actor.id); }

Result<Team> TeamService::membership(const Actor &actor, const std::string &idOrName, bool adminOnly)
{
    auto found = m_store.teams.byIdOrName(idOrName);
    auto member = found ? m_store.teamMembers.find(found->id, actor.id) : std::nullopt;
    if (!member)
        return ApiError::notFound("Couldn't find that team.");
    if (adminOnly && teamRole(member->role) != Role::Admin)
        return ApiError::forbidden("You must be an admin of " + found->name + " to do this.");
    found->role = member->role;
    return *found;
}

Result<Team> TeamService::team(const Actor &actor, const std::string &idOrName) { return membership(actor, idOrName); }

Result<Account> TeamService::joiner(const std::string &email, const std::string &role)
{
    if (role != "admin" && role != "member" && role != "viewer")
        return ApiError::invalidParams("Role must be one of admin, member or viewer.");
    auto user = m_store.accounts.byIdOrEmail(email);
    if (!user)
        return ApiError::notFound("Couldn't find that user.");
    return *user;
}

Result<Team> TeamService::createTeam(const Actor &actor, const std::string &name)
{
    if (auto error = core::appNameError(name))
        return ApiError::invalidParams(*error);
    if (m_store.teams.byIdOrName(name))
        return ApiError::invalidParams("Name is already taken");
    const std::string at = now();
    Team team{core::newId(), name, at, at, kOwnerRole};
    return inTransaction([&]() -> Result<Team> {
        m_store.teams.insert(team);
        m_store.teamMembers.insert({core::newId(), team.id, actor.id, actor.email, kOwnerRole, at, at});
        return team;
    });
}

Result<Team> TeamService::renameTeam(const Actor &actor, const std::string &idOrName, const std::string &name)
{
    auto team = membership(actor, idOrName, true);
    if (!team)
        return team;
    if (auto error = core::appNameError(name))
        return ApiError::invalidParams(*error);
    if (name != team->name && m_store.teams.byIdOrName(name))
        return ApiError::invalidParams("Name is already taken");
    return inTransaction([&]() -> Result<Team> {
        team->name = name;
        team->updatedAt = now();
        m_store.teams.update(*team);
        return *team;
    });
}

Result<Team> TeamService::deleteTeam(const Actor &actor, const std::string &idOrName)
{
    auto team = membership(actor, idOrName, true);
    if (!team)
        return team;
    if (!m_store.apps.listByTeam(team->id).empty())
        return ApiError::invalidParams(team->name + " still has apps. Delete them or transfer them out of it first.");
    return inTransaction([&]() -> Result<Team> {
        m_store.teams.remove(team->id);
        return *team;
    });
}

Result<std::vector<TeamMember>> TeamService::members(const Actor &actor, const std::string &idOrName)
{
    auto team = membership(actor, idOrName);
    if (!team)
        return team.error();
    return m_store.teamMembers.list(team->id);
}

Result<TeamMember> TeamService::setMember(const Actor &actor, const std::string &idOrName, const std::string &email,
                                          const std::string &role, MemberWrite write)
{
    auto team = membership(actor, idOrName, true);
    if (!team)
        return team.error();
    auto user = joiner(email, role);
    if (!user)
        return user.error();
    auto existing = m_store.teamMembers.find(team->id, user->id);
    if (existing && write == MemberWrite::Create)
        return ApiError::invalidParams(user->email + " is already a member of " + team->name + ".");
    if (!existing && write == MemberWrite::Update)
        return ApiError::notFound("Couldn't find that member.");
    if (existing && existing->role == kOwnerRole)
        return ApiError::invalidParams(user->email + " is the owner of " + team->name + "; that role cannot change.");
    const std::string at = now();
    TeamMember member = existing.value_or(TeamMember{core::newId(), team->id, user->id, user->email, role, at, at});
    member.role = role;
    member.updatedAt = at;
    return inTransaction([&]() -> Result<TeamMember> {
        existing ? m_store.teamMembers.setRole(member) : m_store.teamMembers.insert(member);
        return member;
    });
}

Result<TeamMember> TeamService::removeMember(const Actor &actor, const std::string &idOrName, const std::string &who)
{
    auto team = membership(actor, idOrName);
    if (!team)
        return team.error();
    auto member = m_store.teamMembers.find(team->id, who);
    if (!member)
        return ApiError::notFound("Couldn't find that member.");
    // A member may always leave; removing others is for admins.
    if (member->accountId != actor.id && teamRole(team->role) != Role::Admin)
        return ApiError::forbidden("You must be an admin of " + team->name + " to do this.");
    if (member->role == kOwnerRole)
        return ApiError::invalidParams(member->email + " is the owner of " + team->name + " and cannot be removed.");
    return inTransaction([&]() -> Result<TeamMember> {
        m_store.teamMembers.remove(member->id);
        m_store.collaborators.removeFromTeamApps(team->id, member->accountId);
        return *member;
    });
}

Result<std::vector<App>> TeamService::apps(const Actor &actor, const std::string &idOrName,
                                           const std::optional<std::string> &memberKey)
{
    auto team = membership(actor, idOrName);
    if (!team)
        return team.error();
    auto apps = m_store.apps.listByTeam(team->id);
    if (!memberKey)
        return apps;
    auto member = m_store.teamMembers.find(team->id, *memberKey);
    if (!member)
        return ApiError::notFound("Couldn't find that member.");
    std::vector<App> theirs;
    for (auto &a : apps)
        if (teamRole(member->role) == Role::Admin || m_store.collaborators.find(a.id, member->accountId))
            theirs.push_back(std::move(a));
    return theirs;
}

// `access:add --permissions` needs `org-access-controls`; members:add adds at once (no invitations).
std::vector<TeamFeature> TeamService::features() const
{
    return {{"5a7a0a3e-4b1f-4f39-9d3a-7b9f3f1a0c01", "org-access-controls", "App permissions",
             "Fine-grained permissions (view, deploy, operate, manage) on the team's apps.", true},
            {"5a7a0a3e-4b1f-4f39-9d3a-7b9f3f1a0c02", "team-invite-acceptance", "Team invitations",
             "Members are added at once; no invitation has to be accepted.", false}};
}

} // namespace dynodesk::platform
