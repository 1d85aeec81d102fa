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
};

struct AppCreate final {
    std::optional<std::string> name, region, stack;
};

struct AppUpdate final {
    std::optional<std::string> name;
    std::optional<bool> maintenance;
};

// An app as a caller sees it: the app and what the caller is to it.
struct AppAccess final {
    App app;
    Role role = Role::Stranger;
};

} // namespace dynodesk::platform
