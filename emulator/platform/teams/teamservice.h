#pragma once

#include "teamtypes.h"

#include "platform/apps/apptypes.h"
#include "platform/service.h"

#include <string>
#include <vector>

namespace dynodesk::platform {

// Teams and their members. Who made a team is its `owner`; owners and admins manage members
// (roles admin, member, viewer); every member sees the team, its members and its apps.
class TeamService final : public detail::Service {
public:
    explicit TeamService(detail::Environment &env);

    std::vector<Team> teams(const Actor &actor);
    Result<Team> team(const Actor &actor, const std::string &idOrName);
    Result<Team> createTeam(const Actor &actor, const std::string &name);
    Result<Team> renameTeam(const Actor &actor, const std::string &idOrName, const std::string &name);
    Result<Team> deleteTeam(const Actor &actor, const std::string &idOrName);

    Result<std::vector<TeamMember>> members(const Actor &actor, const std::string &team);
    Result<TeamMember> setMember(const Actor &actor, const std::string &team, const std::string &email,
                                 const std::string &role, MemberWrite write);
    Result<TeamMember> removeMember(const Actor &actor, const std::string &team, const std::string &who);
    // The team's apps; with `member`, only those that member collaborates on.
    Result<std::vector<App>> apps(const Actor &actor, const std::string &team,
                                  const std::optional<std::string> &member = std::nullopt);
    std::vector<TeamFeature> features() const;

    // Invitations (teaminvitations.cpp): admins invite an account with a role and revoke
    // invitations, members list them; the invitee (and only it) accepts with the invitation's
    // token, here its id.
    Result<std::vector<TeamInvitation>> invitations(const Actor &actor, const std::string &team);
    Result<TeamInvitation> invite(const Actor &actor, const std::string &team, const std::string &email,
                                  const std::string &role);
    Result<TeamInvitation> revokeInvitation(const Actor &actor, const std::string &team, const std::string &id);
    Result<TeamInvitation> invitation(const Actor &actor, const std::string &token);
    Result<TeamMember> acceptInvitation(const Actor &actor, const std::string &token);

private:
    // The team, with the caller's role in it: 404 for those outside it, 403 when `adminOnly`
    // and the caller is not an admin.
    Result<Team> membership(const Actor &actor, const std::string &idOrName, bool adminOnly = false);
    // The account `email` names, to join a team as `role`: 422 for another role, 404 for nobody.
    Result<Account> joiner(const std::string &email, const std::string &role);
};

} // namespace dynodesk::platform
