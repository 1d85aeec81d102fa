#pragma once

#include <optional>
#include <string>

namespace dynodesk::platform {

// A domain of an app as the API shows it: the default `<app>.localhost` (kind `heroku`, not
// stored) or a custom one.
struct AppDomain final {
    std::string id, appId, appName, hostname, kind, status, createdAt, updatedAt;
    std::optional<std::string> cname; // the DNS target of a custom domain
};

} // namespace dynodesk::platform
