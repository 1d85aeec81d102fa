#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dynodesk::platform {

// What a caller is to an app. Owner and Collaborator are the roles on a personal app; on a team
// app the caller's team role decides (Admin, the team's owner included; Member; Viewer), and an
// outside Collaborator has only the permissions granted to it.
enum class Role { Owner, Collaborator, Stranger, Admin, Member, Viewer };

// Everything a caller can do to an app. The matrix in permissions.cpp says who may.
enum class Action {
    View,
    Rename,
    Destroy,
    Transfer,
    SetMaintenance,
    ReadConfig,
    WriteConfig,
    Rollback,
    AddCollaborator,
    RemoveCollaborator,
    Scale,
    Deploy,
    ManageDomains,
    Lock, // lock or unlock a team app
};

inline constexpr Action kAllActions[] = {Action::View,        Action::Rename,         Action::Destroy,
                                         Action::Transfer,    Action::SetMaintenance, Action::ReadConfig,
                                         Action::WriteConfig, Action::Rollback,       Action::AddCollaborator,
                                         Action::RemoveCollaborator, Action::Scale, Action::Deploy,
                                         Action::ManageDomains, Action::Lock};

// The permissions of a team app (`team-app-permission`), as a set of bits.
enum class Permission : unsigned { View = 1, Deploy = 2, Operate = 4, Manage = 8 };
using Permissions = unsigned;
inline constexpr Permissions kNoPermissions = 0;
inline constexpr Permissions kAllPermissions = 15;
inline constexpr Permission kAllPermissionList[] = {Permission::View, Permission::Deploy, Permission::Operate,
                                                    Permission::Manage};
constexpr Permissions bit(Permission p) { return static_cast<Permissions>(p); }

// A personal app: owners may do everything, collaborators all but rename, destroy and transfer.
bool isAllowed(Role role, Action action);
// A team app: the action needs any one of `requiredPermissions(action)`.
bool isAllowed(Permissions granted, Action action);
Permissions requiredPermissions(Action action);
// What a role holds on a team app: admins everything; members and viewers `view` unless the app
// is locked, members also what they were granted, viewers never more than `view`; outside
// collaborators what they were granted.
Permissions effectivePermissions(Role role, Permissions granted, bool locked);

std::string_view toString(Action action);
std::string_view toString(Role role);
std::string_view toString(Permission permission);
std::string_view describe(Permission permission);
// Names → bits; false when a name is not a permission.
bool parsePermissions(const std::vector<std::string> &names, Permissions &out);
// Bits → names, in the platform's order (deploy, manage, operate, view: sorted by name).
std::vector<std::string> permissionNames(Permissions permissions);
// A team role by its name (`owner`, `admin`, `member`, `viewer`); Stranger for anything else.
Role teamRole(std::string_view name);

} // namespace dynodesk::platform
