#pragma once

#include <string>
#include <vector>

namespace dynodesk::platform {

struct Collaborator final {
    std::string id, appId, appName, accountId, email, createdAt, updatedAt;
    // On a team app, the permissions granted (`view`, `deploy`, `operate`, `manage`).
    std::vector<std::string> permissions;
};

// An app transfer to another account (`app-transfer`): pending, accepted, declined.
struct AppTransfer final {
    std::string id, appId, appName, ownerId, ownerEmail, recipientId, recipientEmail, state, createdAt, updatedAt;
};

} // namespace dynodesk::platform
