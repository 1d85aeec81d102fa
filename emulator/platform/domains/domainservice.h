#pragma once

#include "domaintypes.h"

#include "platform/service.h"

#include <optional>
#include <string>
#include <vector>

namespace dynodesk::platform {

// Domains: the app's default one first, then its custom ones. A hostname belongs to one app.
class DomainService final : public detail::Service {
public:
    explicit DomainService(detail::Environment &env);

    Result<std::vector<AppDomain>> domains(const Actor &actor, const std::string &app);
    Result<AppDomain> domain(const Actor &actor, const std::string &app, const std::string &idOrHostname);
    Result<AppDomain> addDomain(const Actor &actor, const std::string &app, const std::string &hostname);
    Result<AppDomain> removeDomain(const Actor &actor, const std::string &app, const std::string &idOrHostname);
    // Associates an SNI endpoint; the emulator has none, so only null is accepted.
    Result<AppDomain> updateDomain(const Actor &actor, const std::string &app, const std::string &idOrHostname,
                                   const std::optional<std::string> &sniEndpoint);

private:
    AppDomain defaultDomain(const App &app) const;
};

} // namespace dynodesk::platform
