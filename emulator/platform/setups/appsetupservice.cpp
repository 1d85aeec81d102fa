#include "appsetupservice.h"

#include "platform/transaction.h"

#include "core/ids.h"
#include "store/store.h"

namespace dynodesk::platform {

using core::ApiError;

AppSetupService::AppSetupService(detail::Environment &env) : Service(env) {}

Result<AppSetup> AppSetupService::createSetup(const Actor &actor, const std::optional<std::string> &appName)
{
    AppSetup s;
    s.id = core::newId();
    s.accountId = actor.id;
    s.status = toString(setups::State::Pending);
    s.appName = appName;
    s.createdAt = s.updatedAt = now();
    return inTransaction([&]() -> Result<AppSetup> {
        m_store.setups.insert(s);
        return s;
    });
}

Result<AppSetup> AppSetupService::setup(const Actor &actor, const std::string &id)
{
    auto s = m_store.setups.byId(id);
    if (!s || s->accountId != actor.id)
        return ApiError::notFound("Couldn't find that app setup.");
    return *s;
}

std::optional<AppSetup> AppSetupService::setupById(const std::string &id) { return m_store.setups.byId(id); }

std::optional<AppSetup> AppSetupService::updateSetup(const std::string &id, const std::function<void(AppSetup &)> &change)
{
    auto result = inTransaction([&]() -> Result<AppSetup> {
        auto s = m_store.setups.byId(id);
        if (!s)
            return ApiError::notFound("Couldn't find that app setup.");
        change(*s);
        s->updatedAt = now();
        m_store.setups.update(*s);
        return *s;
    });
    return result ? std::optional(*result) : std::nullopt;
}

std::optional<AppSetup> AppSetupService::endSetup(const std::string &id, setups::Input input,
                                                  const std::function<void(AppSetup &)> &change)
{
    return updateSetup(id, [&](AppSetup &s) {
        const auto from = setups::stateFromString(s.status);
        const auto next = from ? setups::transition(*from, input) : std::nullopt;
        if (!next)
            return;
        s.status = toString(*next);
        change(s);
    });
}

std::optional<AppSetup> AppSetupService::failSetup(const std::string &id, setups::Input why, const std::string &message,
                                                   std::vector<std::string> manifestErrors)
{
    return endSetup(id, why, [&](AppSetup &s) {
        s.failureMessage = message;
        s.manifestErrors = std::move(manifestErrors);
    });
}

std::optional<AppSetup> AppSetupService::succeedSetup(const std::string &id, std::optional<std::string> resolvedSuccessUrl)
{
    return endSetup(id, setups::Input::Completed, [&](AppSetup &s) { s.resolvedSuccessUrl = std::move(resolvedSuccessUrl); });
}

void AppSetupService::failInterruptedSetups()
{
    for (const auto &s : m_store.setups.pending())
        failSetup(s.id, setups::Input::Interrupted, "The emulator stopped before the setup finished.");
}

} // namespace dynodesk::platform
