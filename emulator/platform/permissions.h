#pragma once

#include <string_view>

namespace dynodesk::platform {

// What a caller is to an app.
enum class Role { Owner, Collaborator, Stranger };

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
};

inline constexpr Action kAllActions[] = {Action::View,        Action::Rename,         Action::Destroy,
                                         Action::Transfer,    Action::SetMaintenance, Action::ReadConfig,
                                         Action::WriteConfig, Action::Rollback,       Action::AddCollaborator,
                                         Action::RemoveCollaborator, Action::Scale, Action::Deploy,
                                         Action::ManageDomains};

bool isAllowed(Role role, Action action);
std::string_view toString(Action action);
std::string_view toString(Role role);

} // namespace dynodesk::platform
