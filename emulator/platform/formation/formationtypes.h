#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dynodesk::platform {

// The desired quantity and size of one process type.
struct Formation final {
    std::string id, appId, appName, type;
    int64_t quantity = 0;
    std::string size, command, createdAt, updatedAt;
};

struct FormationUpdate final {
    std::string type;
    std::optional<int64_t> quantity;
    std::optional<std::string> size;
    bool relative = false; // quantity is a change (`web+2`, `web-1`), not a new value
};

} // namespace dynodesk::platform
