#pragma once

#include <string>

namespace dynodesk::platform {

// A labs feature as one app has it.
struct AppFeature final {
    std::string id, name, displayName, description, docUrl, state, createdAt, updatedAt;
    bool enabled = false;
};

} // namespace dynodesk::platform
