#pragma once

#include "formationtypes.h"

#include "platform/builds/buildtypes.h"
#include "platform/service.h"

#include "dynos/supervisor.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dynodesk::platform {

class QuotaService;

// The formation: the desired quantity and size per process type, which a release's process
// types shape, and what should run for an app (for the dyno manager).
class FormationService final : public detail::Service {
public:
    FormationService(detail::Environment &env, QuotaService &quotas);

    Result<std::vector<Formation>> formation(const Actor &actor, const std::string &app);
    Result<Formation> formationType(const Actor &actor, const std::string &app, const std::string &type);
    Result<std::vector<Formation>> updateFormation(const Actor &actor, const std::string &app,
                                                   const std::vector<FormationUpdate> &updates);

    // What should run for the app: its current release's slug and config, and its formation.
    dynos::DesiredApp desiredDynos(const std::string &appId);
    // The release a one-off dyno of the app runs, if the actor may run one (422 before a deploy).
    Result<dynos::DesiredApp> oneOffRelease(const Actor &actor, const std::string &app);

    // The slug's process types become the formation (new types at 0, web at 1; gone types
    // removed), inside the caller's transaction. A new web type stays at 0 when one more dyno
    // would pass the account's quota: the returned notice says so (also in the app's log).
    std::optional<std::string> applyProcessTypes(const App &app, const Slug &slug);

private:
    std::optional<std::map<std::string, std::string>> currentProcessTypes(const std::string &appId);

    QuotaService &m_quotas;
};

} // namespace dynodesk::platform
