#pragma once

#include "featuretypes.h"

#include "platform/service.h"

#include <string>
#include <vector>

namespace dynodesk::platform {

// Labs features of an app (`log-runtime-metrics` makes the dynos report samples to the logs,
// `idling` lets an eco app sleep).
class FeatureService final : public detail::Service {
public:
    explicit FeatureService(detail::Environment &env);

    Result<std::vector<AppFeature>> features(const Actor &actor, const std::string &app);
    Result<AppFeature> feature(const Actor &actor, const std::string &app, const std::string &name);
    Result<AppFeature> setFeature(const Actor &actor, const std::string &app, const std::string &name, bool enabled);
};

} // namespace dynodesk::platform
