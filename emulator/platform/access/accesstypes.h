#pragma once

#include <string>

namespace dynodesk::platform {

struct Collaborator final {
    std::string id, appId, appName, accountId, email, createdAt, updatedAt;
};

// An app transfer to another account (`app-transfer`): pending, accepted, declined.
struct AppTransfer final {
    std::string id, appId, appName, ownerId, ownerEmail, recipientId, recipientEmail, state, createdAt, updatedAt;
};

} // namespace dynodesk::platform
