// Dynos: list, info, restart, stop and one-off runs, checked here and done by the dyno manager.
#include "dynoservice.h"

#include "platform/formation/formationservice.h"
#include "platform/quotas/quotaservice.h"

#include "store/store.h"

namespace dynodesk::platform {

using core::ApiError;

static ApiError noDynoManager() { return ApiError{503, "service_unavailable", "This emulator runs no dynos."}; }

DynoService::DynoService(detail::Environment &env, FormationService &formation, QuotaService &quotas)
    : Service(env), m_formation(formation), m_quotas(quotas)
{
}

void DynoService::setSupervisor(dynos::ISupervisor *supervisor)
{
    m_supervisor = supervisor;
    m_quotas.setSupervisor(supervisor);
}

Result<std::pair<App, std::vector<dynos::DynoInfo>>> DynoService::dynos(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    std::vector<dynos::DynoInfo> list;
    if (m_supervisor)
        list = m_supervisor->dynos(access->app.id);
    return std::pair{access->app, std::move(list)};
}

Result<std::pair<App, dynos::DynoInfo>> DynoService::dyno(const Actor &actor, const std::string &appName,
                                                          const std::string &nameOrId)
{
    auto all = dynos(actor, appName);
    if (!all)
        return all.error();
    for (const auto &d : all->second)
        if (d.name == nameOrId || d.id == nameOrId)
            return std::pair{all->first, d};
    return ApiError::notFound("Couldn't find that dyno.");
}

Status DynoService::act(const Actor &actor, const std::string &appName, const std::string &which, bool stop)
{
    auto access = app(actor, appName, Action::Scale);
    if (!access)
        return access.error();
    if (!m_supervisor)
        return noDynoManager();
    const bool any = stop ? m_supervisor->stop(access->app.id, which) : m_supervisor->restart(access->app.id, which);
    if (!any && !which.empty())
        return ApiError::notFound("Couldn't find that "
                                  + std::string(which.find('.') != std::string::npos ? "dyno" : "process type") + ".");
    return core::Done{};
}

Status DynoService::restart(const Actor &actor, const std::string &app, const std::string &which)
{
    return act(actor, app, which, false);
}

Status DynoService::stop(const Actor &actor, const std::string &app, const std::string &which)
{
    return act(actor, app, which, true);
}

Result<StartedDyno> DynoService::runOneOff(const Actor &actor, const std::string &appName,
                                           const dynos::OneOffRequest &request)
{
    auto release = m_formation.oneOffRelease(actor, appName);
    if (!release)
        return release.error();
    if (!m_supervisor)
        return noDynoManager();
    if (auto app = m_store.apps.byIdOrName(release->appId))
        if (auto allowed = m_quotas.allowMoreDynos(app->ownerId, 1); !allowed)
            return allowed.error();
    auto [dyno, secret] = m_supervisor->runOneOff(release.value(), request);
    return StartedDyno{std::move(dyno), release->appName, std::move(secret)};
}

} // namespace dynodesk::platform
