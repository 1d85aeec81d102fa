#pragma once

#include <string>

namespace dynodesk::platform {

struct Drain final {
    std::string id, appId, appName, url, token, createdAt, updatedAt;
};

} // namespace dynodesk::platform
