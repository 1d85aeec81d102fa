#pragma once

#include <optional>
#include <string>
#include <vector>

namespace dynodesk::platform {

// A team (`team`). `role` is the caller's role in it: owner (who made it), admin, member, viewer.
struct Team final {
    std::string id, name, createdAt, updatedAt;
    std::string role;
};

// A member of a team (`team-member`).
struct TeamMember final {
    std::string id, teamId, accountId, email, role, createdAt, updatedAt;
};

// An invitation to a team (`team-invitation`): the invitee becomes a member with `role` when
// it accepts with the token.
struct TeamInvitation final {
    std::string id, token, teamId, teamName, role, createdAt, updatedAt;
    std::string userId, userEmail, userName;
    std::string inviterId, inviterEmail, inviterName;
};

// How `setMember` treats a member that is (not) there: POST creates, PATCH updates, PUT either.
enum class MemberWrite { Create, Update, CreateOrUpdate };

// A collaborator of a team app as the platform lists it (`team-app-collaborator`): the account,
// its role (its team role, or `collaborator` from outside the team) and its permissions.
struct TeamAppCollaborator final {
    std::string id, appId, appName, accountId, email, role, createdAt, updatedAt;
    std::vector<std::string> permissions;
};

// `PATCH /teams/apps/{app}`: lock or unlock, or move it to a team or an account.
struct TeamAppUpdate final {
    std::optional<bool> locked;
    std::optional<std::string> owner; // a team's name, or an account's email or id
};

// A feature of a team (`team-feature`): fixed here.
struct TeamFeature final {
    std::string id, name, displayName, description;
    bool enabled = false;
};

} // namespace dynodesk::platform
