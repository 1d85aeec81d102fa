#pragma once

#include "apptypes.h"

#include "platform/service.h"

#include "core/routetable.h"

#include <string>
#include <vector>

namespace dynodesk::platform {

class AddonJobs;
class AttachmentService;
class DataService;
class QuotaService;
class ReleaseService;

// Apps: create (with release v1), list, rename, maintenance, destroy (with their add-ons and
// backups); the app access rule every service applies; what the router and git need of them.
class AppService final : public detail::Service {
public:
    AppService(detail::Environment &env, ReleaseService &releases, AttachmentService &attachments, AddonJobs &addonJobs,
               DataService &data, QuotaService &quotas);

    std::string gitUrl(const std::string &appName) const;
    std::string webUrl(const std::string &appName) const;

    Result<App> createApp(const Actor &actor, const AppCreate &params);
    // The apps the actor owns or collaborates on (`/users/~/apps`).
    std::vector<App> apps(const Actor &actor);
    // Those and the apps of the actor's teams it may see (`GET /apps`).
    std::vector<App> visibleApps(const Actor &actor);
    // Looks an app up and checks that the actor may do `action` to it: 404, then 403.
    using Service::app;
    Result<App> updateApp(const Actor &actor, const std::string &idOrName, const AppUpdate &update);
    Result<App> destroyApp(const Actor &actor, const std::string &idOrName);

    std::vector<std::string> appIds();
    // Every app as the router needs it (name, maintenance, error pages, domains), without dynos.
    std::vector<core::RouteApp> routingApps();

private:
    ReleaseService &m_releases;
    AttachmentService &m_attachments;
    AddonJobs &m_addonJobs;
    DataService &m_data;
    QuotaService &m_quotas;
};

} // namespace dynodesk::platform
