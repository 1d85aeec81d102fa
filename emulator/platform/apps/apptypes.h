#pragma once

#include "platform/permissions.h"

#include <cstdint>
#include <optional>
#include <string>

namespace dynodesk::platform {

struct App final {
    std::string id, name, ownerId, ownerEmail, region, stack;
    bool maintenance = false;
    std::optional<std::string> buildpackProvidedDescription;
    std::optional<int64_t> repoSize, slugSize;
    std::string createdAt, updatedAt;
    std::optional<std::string> releasedAt;
    // A team app: its team (id and name) and whether it is locked to admins and those granted.
    std::optional<std::string> teamId, teamName;
    bool locked = false;
};

struct AppCreate final {
    std::optional<std::string> name, region, stack;
    // `POST /teams/apps`: the team to create it in (none: the caller's own) and whether it is locked.
    std::optional<std::string> team;
    bool locked = false;
};

struct AppUpdate final {
    std::optional<std::string> name;
    std::optional<bool> maintenance;
    std::optional<std::string> buildStack; // the stack of the next build: only the emulator's own one
};

// An app as a caller sees it: the app and what the caller is to it.
struct AppAccess final {
    App app;
    Role role = Role::Stranger;
    // On a team app, what the caller holds (effectivePermissions); on a personal app, nothing.
    Permissions permissions = kNoPermissions;
};

} // namespace dynodesk::platform
