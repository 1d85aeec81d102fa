#pragma once

#include <optional>
#include <string>
#include <vector>

namespace dynodesk::platform {

// An app setup (`POST /app-setups`): a new app made from a source tarball's app.json, pending →
// succeeded or failed. `manifest` is the app.json the setup read (its `environments` and
// `scripts` kept for review apps and CI).
struct AppSetup final {
    std::string id, accountId, status;
    std::optional<std::string> failureMessage;
    std::vector<std::string> manifestErrors;
    std::optional<std::string> postdeployOutput;
    std::optional<int> postdeployExitCode;
    std::optional<std::string> resolvedSuccessUrl;
    // The app: its name from the request until it is made, then its id and name.
    std::optional<std::string> appId, appName;
    std::optional<std::string> buildId;
    std::string manifest = "{}";
    std::string createdAt, updatedAt;
};

} // namespace dynodesk::platform
