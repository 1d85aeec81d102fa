// Apps: create, list, rename, maintenance, destroy; what the router and git need of them.
#include "appservice.h"

#include "platform/addons/addonjobs.h"
#include "platform/addons/attachmentservice.h"
#include "platform/catalog.h"
#include "platform/data/dataservice.h"
#include "platform/quotas/quotaservice.h"
#include "platform/releases/releaseservice.h"
#include "platform/transaction.h"

#include "core/ids.h"
#include "store/store.h"

namespace dynodesk::platform {

using core::ApiError;

static constexpr int64_t kMaxAppsPerAccount = 100;

AppService::AppService(detail::Environment &env, ReleaseService &releases, AttachmentService &attachments,
                       AddonJobs &addonJobs, DataService &data, QuotaService &quotas)
    : Service(env), m_releases(releases), m_attachments(attachments), m_addonJobs(addonJobs), m_data(data),
      m_quotas(quotas)
{
}

std::string AppService::gitUrl(const std::string &appName) const
{
    return "http://" + m_settings.host + ":" + std::to_string(m_settings.apiPort) + "/" + appName + ".git";
}

std::string AppService::webUrl(const std::string &appName) const
{
    return "http://" + appName + ".localhost:" + std::to_string(m_settings.routerPort) + "/";
}

Result<App> AppService::createApp(const Actor &actor, const AppCreate &params)
{
    std::string name;
    if (params.name && !params.name->empty()) {
        name = *params.name;
        if (auto error = core::appNameError(name))
            return ApiError::invalidParams(*error);
        if (m_store.apps.byIdOrName(name))
            return ApiError::invalidParams("Name is already taken");
    } else {
        do {
            name = m_env.names.generate();
        } while (m_store.apps.byIdOrName(name));
    }
    const auto region = findRegion(params.region.value_or("us"));
    if (!region)
        return ApiError::invalidParams("Couldn't find that region. Available regions are us and eu.");
    if (params.stack && *params.stack != m_settings.stackName)
        return ApiError::invalidParams("Couldn't find that stack. The emulator offers " + m_settings.stackName + ".");
    std::optional<Team> team;
    if (params.team) {
        auto found = teamForNewApp(actor, *params.team);
        if (!found)
            return found.error();
        team = *found;
    } else if (m_store.apps.countOwnedBy(actor.id) >= kMaxAppsPerAccount) {
        return ApiError::invalidParams("You've reached the limit of " + std::to_string(kMaxAppsPerAccount)
                                       + " apps for this account. Delete some apps to create more.");
    }
    if (auto allowed = m_quotas.allowNewApp(actor.id); !allowed)
        return allowed.error();

    auto created = inTransaction([&]() -> Result<App> {
        const std::string at = now();
        App app{core::newId(), name, actor.id, actor.email, region->name, m_settings.stackName, false,
                      std::nullopt, 0, 0, at, at, std::nullopt};
        if (team) {
            app.teamId = team->id;
            app.teamName = team->name;
            app.locked = params.locked;
        }
        m_store.apps.insert(app);
        // Who makes a team app holds every permission on it, whatever its team role.
        if (team && teamRole(team->role) != Role::Admin)
            m_store.collaborators.insert({core::newId(), app.id, app.name, actor.id, actor.email, at, at,
                                          permissionNames(kAllPermissions)});
        const auto v1 = m_releases.newRelease(app, actor, "Initial release", {}, std::nullopt);
        app.releasedAt = v1.createdAt;
        emit m_events.releaseCreated(QString::fromStdString(app.id), v1.version);
        return app;
    });
    if (created) {
        apiLog(created->id, "Initial release by " + actor.email);
        apiLog(created->id, "Release v1 created by " + actor.email);
    }
    return created;
}

std::vector<App> AppService::apps(const Actor &actor) { return m_store.apps.listFor(actor.id); }

std::vector<App> AppService::visibleApps(const Actor &actor) { return m_store.apps.listVisibleTo(actor.id); }

Result<App> AppService::updateApp(const Actor &actor, const std::string &idOrName, const AppUpdate &update)
{
    const bool renames = update.name && *update.name != idOrName;
    auto access = app(actor, idOrName, renames ? Action::Rename : Action::SetMaintenance);
    if (!access)
        return access.error();
    App updated = access->app;
    if (update.name && *update.name != updated.name) {
        if (auto error = core::appNameError(*update.name))
            return ApiError::invalidParams(*error);
        if (m_store.apps.byIdOrName(*update.name))
            return ApiError::invalidParams("Name is already taken");
        updated.name = *update.name;
    }
    if (update.buildStack && *update.buildStack != m_settings.stackName && *update.buildStack != stack(m_settings.stackName).id)
        return ApiError::invalidParams("This emulator builds and runs apps on " + m_settings.stackName + " only; "
                                       + *update.buildStack + " is not available, so the stack stays "
                                       + m_settings.stackName + ".");
    if (update.maintenance)
        updated.maintenance = *update.maintenance;
    const bool maintenanceChanged = update.maintenance && *update.maintenance != access->app.maintenance;
    auto result = inTransaction([&]() -> Result<App> {
        updated.updatedAt = now();
        m_store.apps.update(updated);
        return updated;
    });
    if (result && maintenanceChanged)
        apiLog(updated.id, std::string(updated.maintenance ? "Enable" : "Disable") + " Maintenance mode by " + actor.email);
    if (result)
        emit m_events.routingChanged(QString::fromStdString(updated.id));
    return result;
}

Result<App> AppService::destroyApp(const Actor &actor, const std::string &idOrName)
{
    auto access = app(actor, idOrName, Action::Destroy);
    if (!access)
        return access.error();
    // Its add-ons go with it: detached from other apps (a release each) and dropped by their provider.
    const auto addons = m_store.addons.listFor(access->app.id);
    const auto backupFiles = m_store.dataTransfers.filesForApp(access->app.id);
    std::vector<Release> detached;
    auto result = inTransaction([&]() -> Result<App> {
        detached = m_attachments.detachFromOtherAppsInTransaction(access->app, addons, actor);
        m_store.apps.remove(access->app.id);
        return access->app;
    });
    if (result) {
        for (const auto &r : detached)
            m_releases.releaseMade(r);
        m_addonJobs.deprovisionAll(addons);
        m_data.deleteBackupFiles(backupFiles); // its backups go too
        emit m_events.appDestroyed(QString::fromStdString(access->app.id));
    }
    return result;
}

std::vector<std::string> AppService::appIds()
{
    std::vector<std::string> ids;
    for (const auto &a : m_store.apps.all())
        ids.push_back(a.id);
    return ids;
}

std::vector<core::RouteApp> AppService::routingApps()
{
    std::map<std::string, std::vector<std::string>> domains;
    for (const auto &d : m_store.domains.all())
        domains[d.appId].push_back(d.hostname);
    std::vector<core::RouteApp> apps;
    for (const auto &a : m_store.apps.all()) {
        core::RouteApp r;
        r.domains = std::move(domains[a.id]);
        r.id = a.id;
        r.name = a.name;
        r.maintenance = a.maintenance;
        if (auto current = m_store.releases.byVersion(a.id, m_store.releases.currentVersion(a.id))) {
            auto pick = [&](const char *key) {
                auto it = current->config.find(key);
                return it == current->config.end() ? std::string() : it->second;
            };
            r.maintenancePageUrl = pick("MAINTENANCE_PAGE_URL");
            r.errorPageUrl = pick("ERROR_PAGE_URL");
        }
        apps.push_back(std::move(r));
    }
    return apps;
}

} // namespace dynodesk::platform
