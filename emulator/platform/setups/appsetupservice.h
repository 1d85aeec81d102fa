#pragma once

#include "setupstate.h"
#include "setuptypes.h"

#include "platform/service.h"

#include <functional>
#include <optional>
#include <string>

namespace dynodesk::platform {

// App setups: the record of each one (pending → succeeded or failed) and who may see it: only
// the account that made it (anyone else gets 404, as for a setup that does not exist). The
// SetupRunner (setuprunner.h) does the work and tells this service what happened.
class AppSetupService final : public detail::Service {
public:
    explicit AppSetupService(detail::Environment &env);

    // A new pending setup of the actor; `appName` is the name asked for, if any.
    Result<AppSetup> createSetup(const Actor &actor, const std::optional<std::string> &appName);
    Result<AppSetup> setup(const Actor &actor, const std::string &id);
    std::optional<AppSetup> setupById(const std::string &id);
    // Applies `change` to a setup and stores it (its updated_at now); nullopt when it is gone.
    std::optional<AppSetup> updateSetup(const std::string &id, const std::function<void(AppSetup &)> &change);
    // Ends a pending setup: failed (`why`) with `message` and the manifest's errors, if any. A
    // setup that ended already stays as it is.
    std::optional<AppSetup> failSetup(const std::string &id, setups::Input why, const std::string &message,
                                      std::vector<std::string> manifestErrors = {});
    // Ends a pending setup as succeeded, with its resolved success URL.
    std::optional<AppSetup> succeedSetup(const std::string &id, std::optional<std::string> resolvedSuccessUrl);
    // Setups left pending by an emulator that stopped are failed (on start).
    void failInterruptedSetups();

private:
    // Moves a setup to the state `input` leads to, then applies `change`; nothing when it ended.
    std::optional<AppSetup> endSetup(const std::string &id, setups::Input input,
                                     const std::function<void(AppSetup &)> &change);
};

} // namespace dynodesk::platform
