#pragma once

#include "draintypes.h"

#include "platform/service.h"

#include "logs/drainforwarder.h"

#include <string>
#include <vector>

namespace dynodesk::platform {

// Log drains of an app (at most 5); one is named by its id, URL or token.
class DrainService final : public detail::Service {
public:
    explicit DrainService(detail::Environment &env);

    Result<std::vector<Drain>> drains(const Actor &actor, const std::string &app);
    Result<Drain> drain(const Actor &actor, const std::string &app, const std::string &idOrUrl);
    Result<Drain> addDrain(const Actor &actor, const std::string &app, const std::string &url);
    Result<Drain> removeDrain(const Actor &actor, const std::string &app, const std::string &idOrUrl);
    // Where the app's lines go, for the forwarder.
    std::vector<logs::DrainTarget> drainTargets(const std::string &appId);
};

} // namespace dynodesk::platform
