#include "permissions.h"

#include <algorithm>

namespace dynodesk::platform {

bool isAllowed(Role role, Action action)
{
    switch (role) {
    case Role::Owner:
    case Role::Admin:
        return true;
    case Role::Collaborator:
        // Collaborators on a personal app deploy, configure, scale and restart; they cannot
        // rename, delete or transfer it (platform-facts §10).
        return action != Action::Rename && action != Action::Destroy && action != Action::Transfer
                && action != Action::Lock;
    case Role::Member:
    case Role::Viewer:
    case Role::Stranger:
        return false;
    }
    return false;
}

// Dev Center, "App Permissions and Allowed Actions": view shows the app, its dynos, releases and
// logs; deploy pushes code, reads and edits config vars (so add-ons and drains), rolls back;
// operate restarts, scales and sets maintenance; manage renames, deletes, transfers, locks, adds
// collaborators and their permissions, domains, and also edits config, rolls back and scales.
Permissions requiredPermissions(Action action)
{
    const Permissions view = bit(Permission::View), deploy = bit(Permission::Deploy),
                      operate = bit(Permission::Operate), manage = bit(Permission::Manage);
    switch (action) {
    case Action::View: return view;
    case Action::Rename:
    case Action::Destroy:
    case Action::Transfer:
    case Action::AddCollaborator:
    case Action::RemoveCollaborator:
    case Action::ManageDomains:
    case Action::Lock: return manage;
    case Action::ReadConfig:
    case Action::WriteConfig:
    case Action::Rollback: return deploy | manage;
    case Action::Deploy: return deploy;
    case Action::SetMaintenance:
    case Action::Scale: return operate | manage;
    }
    return manage;
}

bool isAllowed(Permissions granted, Action action) { return (granted & requiredPermissions(action)) != 0; }

Permissions effectivePermissions(Role role, Permissions granted, bool locked)
{
    const Permissions implicitView = locked ? kNoPermissions : bit(Permission::View);
    switch (role) {
    case Role::Owner:
    case Role::Admin: return kAllPermissions;
    case Role::Member: return granted | implicitView;
    case Role::Viewer: return (granted | implicitView) & bit(Permission::View);
    case Role::Collaborator: return granted;
    case Role::Stranger: return kNoPermissions;
    }
    return kNoPermissions;
}

std::string_view toString(Action action)
{
    switch (action) {
    case Action::View: return "view";
    case Action::Rename: return "rename";
    case Action::Destroy: return "destroy";
    case Action::Transfer: return "transfer";
    case Action::SetMaintenance: return "set maintenance";
    case Action::ReadConfig: return "read config";
    case Action::WriteConfig: return "write config";
    case Action::Rollback: return "rollback";
    case Action::AddCollaborator: return "add collaborator";
    case Action::RemoveCollaborator: return "remove collaborator";
    case Action::Scale: return "scale";
    case Action::Deploy: return "deploy";
    case Action::ManageDomains: return "manage domains";
    case Action::Lock: return "lock";
    }
    return "unknown";
}

std::string_view toString(Role role)
{
    switch (role) {
    case Role::Owner: return "owner";
    case Role::Collaborator: return "collaborator";
    case Role::Stranger: return "stranger";
    case Role::Admin: return "admin";
    case Role::Member: return "member";
    case Role::Viewer: return "viewer";
    }
    return "unknown";
}

std::string_view toString(Permission permission)
{
    switch (permission) {
    case Permission::View: return "view";
    case Permission::Deploy: return "deploy";
    case Permission::Operate: return "operate";
    case Permission::Manage: return "manage";
    }
    return "unknown";
}

std::string_view describe(Permission permission)
{
    switch (permission) {
    case Permission::View: return "Can view the app's basic information, dynos, releases and logs.";
    case Permission::Deploy: return "Can deploy code, manage config vars and add-ons, run commands and roll back.";
    case Permission::Operate: return "Can restart and scale dynos and turn maintenance mode on and off.";
    case Permission::Manage: return "Can rename, delete, transfer and lock the app, and manage its access and domains.";
    }
    return "";
}

bool parsePermissions(const std::vector<std::string> &names, Permissions &out)
{
    out = kNoPermissions;
    for (const auto &name : names) {
        const auto *found = std::find_if(std::begin(kAllPermissionList), std::end(kAllPermissionList),
                                         [&](Permission p) { return toString(p) == name; });
        if (found == std::end(kAllPermissionList))
            return false;
        out |= bit(*found);
    }
    return true;
}

std::vector<std::string> permissionNames(Permissions permissions)
{
    std::vector<std::string> names;
    for (Permission p : kAllPermissionList)
        if (permissions & bit(p))
            names.emplace_back(toString(p));
    std::sort(names.begin(), names.end());
    return names;
}

Role teamRole(std::string_view name)
{
    if (name == "owner" || name == "admin")
        return Role::Admin;
    if (name == "member")
        return Role::Member;
    if (name == "viewer")
        return Role::Viewer;
    return Role::Stranger;
}

} // namespace dynodesk::platform
