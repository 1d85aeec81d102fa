#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dynodesk::platform {

using ConfigMap = std::map<std::string, std::string>;

// One key of a config PATCH: a value sets, nullopt removes.
using ConfigPatch = std::vector<std::pair<std::string, std::optional<std::string>>>;

struct Release final {
    std::string id, appId, appName;
    int64_t version = 0;
    std::string description, status, userId, userEmail;
    std::optional<std::string> slugId;
    ConfigMap config;
    std::string createdAt, updatedAt;
    bool current = false;
};

} // namespace dynodesk::platform
