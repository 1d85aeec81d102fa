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
    s.status = "pending";
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

std::optional<AppSetup> AppSetupService::failSetup(const std::string &id, const std::string &message,
                                                   std::vector<std::string> manifestErrors)
{
    return updateSetup(id, [&](AppSetup &s) {
        if (s.status != "pending")
            return;
        s.status = "failed";
        s.failureMessage = message;
        s.manifestErrors = std::move(manifestErrors);
    });
}

void AppSetupService::failInterruptedSetups()
{
    (void)inTransaction([&]() -> Result<core::Done> {
        for (auto s : m_store.setups.pending()) {
            s.status = "failed";
            s.failureMessage = "The emulator stopped before the setup finished.";
            s.updatedAt = now();
            m_store.setups.update(s);
        }
        return core::Done{};
    });
}

} // namespace dynodesk::platform
