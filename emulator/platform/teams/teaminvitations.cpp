// Invitations to a team: made and revoked by its admins, accepted by the invitee.
#include "teamservice.h"

#include "platform/transaction.h"

#include "core/ids.h"
#include "store/store.h"

namespace dynodesk::platform {

using core::ApiError;

Result<std::vector<TeamInvitation>> TeamService::invitations(const Actor &actor, const std::string &idOrName)
{
    auto team = membership(actor, idOrName);
    if (!team)
        return team.error();
    return m_store.teamInvitations.list(team->id);
}

Result<TeamInvitation> TeamService::invite(const Actor &actor, const std::string &idOrName, const std::string &email,
                                           const std::string &role)
{
    auto team = membership(actor, idOrName, true);
    if (!team)
        return team.error();
    auto user = joiner(email, role);
    if (!user)
        return user.error();
    if (m_store.teamMembers.find(team->id, user->id))
        return ApiError::invalidParams(user->email + " is already a member of " + team->name + ".");
    const std::string at = now();
    auto again = m_store.teamInvitations.find(team->id, user->email);
    const std::string id = core::newId();
    // The token that accepts it is its id: no email carries it here, the admin hands it on, and
    // only the invitee can accept it.
    TeamInvitation made = again.value_or(TeamInvitation{id, id, team->id, team->name, role, at, at,
                                                        user->id, user->email, user->name.value_or(""), actor.id, actor.email, ""});
    made.role = role;
    made.updatedAt = at;
    return inTransaction([&]() -> Result<TeamInvitation> {
        m_store.teamInvitations.insert(made);
        return m_store.teamInvitations.find(team->id, made.id).value_or(made);
    });
}

Result<TeamInvitation> TeamService::revokeInvitation(const Actor &actor, const std::string &idOrName, const std::string &id)
{
    auto team = membership(actor, idOrName, true);
    if (!team)
        return team.error();
    auto found = m_store.teamInvitations.find(team->id, id);
    if (!found)
        return ApiError::notFound("Couldn't find that invitation.");
    return inTransaction([&]() -> Result<TeamInvitation> {
        m_store.teamInvitations.remove(found->id);
        return *found;
    });
}

Result<TeamInvitation> TeamService::invitation(const Actor &actor, const std::string &token)
{
    auto found = m_store.teamInvitations.byToken(token);
    // Only its invitee and the team's admins look it up by token; to anyone else it does not exist.
    if (!found || (found->userId != actor.id && !membership(actor, found->teamId, true)))
        return ApiError::notFound("Couldn't find that invitation.");
    return *found;
}

Result<TeamMember> TeamService::acceptInvitation(const Actor &actor, const std::string &token)
{
    auto found = m_store.teamInvitations.byToken(token);
    if (!found || found->userId != actor.id)
        return ApiError::notFound("Couldn't find that invitation.");
    const std::string at = now();
    TeamMember member{core::newId(), found->teamId, actor.id, actor.email, found->role, at, at};
    return inTransaction([&]() -> Result<TeamMember> {
        m_store.teamInvitations.remove(found->id);
        if (auto existing = m_store.teamMembers.find(found->teamId, actor.id))
            return *existing; // a member meanwhile: the invitation is spent
        m_store.teamMembers.insert(member);
        return member;
    });
}

} // namespace dynodesk::platform
