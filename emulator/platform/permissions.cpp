#include "permissions.h"

namespace dynodesk::platform {

bool isAllowed(Role role, Action action)
{
    switch (role) {
    case Role::Owner:
        return true;
    case Role::Collaborator:
        // Collaborators on a personal app deploy, configure, scale and restart; they cannot
        // rename, delete or transfer it (platform-facts §10).
        return action != Action::Rename && action != Action::Destroy && action != Action::Transfer;
    case Role::Stranger:
        return false;
    }
    return false;
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
    }
    return "unknown";
}

std::string_view toString(Role role)
{
    switch (role) {
    case Role::Owner: return "owner";
    case Role::Collaborator: return "collaborator";
    case Role::Stranger: return "stranger";
    }
    return "unknown";
}

} // namespace dynodesk::platform
