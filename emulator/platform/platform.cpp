#include "platform.h"
#include "catalog.h"
#include "credentials.h"
#include "platformtransaction.h"

#include "core/ids.h"
#include "store/store.h"

namespace dynodesk::platform {

using core::ApiError;
using store::AppRecord;
using store::ReleaseRecord;

static constexpr int64_t kMaxAppsPerAccount = 100;

Platform::Platform(store::Store &store, const core::IClock &clock, core::Settings settings, core::NameGenerator names)
    : m_store(store), m_clock(clock), m_settings(std::move(settings)), m_names(std::move(names)),
      m_backupSecret(core::newId() + core::newId())
{
}

Platform::~Platform() = default;

std::string Platform::now() const { return core::formatTimestamp(m_clock.now()); }

void Platform::apiLog(const std::string &appId, const std::string &message)
{
    if (m_log)
        m_log->append(appId, "app", "api", message);
}

void Platform::releaseLog(const ReleaseRecord &release, const std::string &what)
{
    apiLog(release.appId, what + " by " + release.userEmail);
    apiLog(release.appId, "Release v" + std::to_string(release.version) + " created by " + release.userEmail);
}

std::string Platform::gitUrl(const std::string &appName) const
{
    return "http://" + m_settings.host + ":" + std::to_string(m_settings.apiPort) + "/" + appName + ".git";
}

std::string Platform::webUrl(const std::string &appName) const
{
    return "http://" + appName + ".localhost:" + std::to_string(m_settings.routerPort) + "/";
}

Result<AppAccess> Platform::app(const Actor &actor, const std::string &idOrName, Action action)
{
    auto found = m_store.apps.byIdOrName(idOrName);
    if (!found)
        return ApiError::notFound("Couldn't find that app.");
    Role role = Role::Stranger;
    if (found->ownerId == actor.id)
        role = Role::Owner;
    else if (m_store.collaborators.find(found->id, actor.id))
        role = Role::Collaborator;
    if (role == Role::Stranger)
        return ApiError::forbidden("You do not have access to the app " + found->name + ".");
    if (!isAllowed(role, action)) {
        return ApiError::forbidden("You must be the owner of " + found->name + " to "
                                   + std::string(toString(action)) + " it.");
    }
    return AppAccess{std::move(*found), role};
}

ReleaseRecord Platform::newRelease(const AppRecord &app, const Actor &actor, std::string description,
                                   store::ConfigMap config, std::optional<std::string> slugId)
{
    const std::string at = now();
    ReleaseRecord r{core::newId(), app.id, app.name, m_store.releases.latestVersion(app.id) + 1,
                    std::move(description), "succeeded", actor.id, actor.email, std::move(slugId), std::move(config),
                    at, at, true};
    m_store.releases.insert(r);
    AppRecord updated = app;
    updated.releasedAt = at;
    updated.updatedAt = at;
    m_store.apps.update(updated);
    return r;
}

Result<AppRecord> Platform::createApp(const Actor &actor, const AppCreate &params)
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
            name = m_names.generate();
        } while (m_store.apps.byIdOrName(name));
    }
    const auto region = findRegion(params.region.value_or("us"));
    if (!region)
        return ApiError::invalidParams("Couldn't find that region. Available regions are us and eu.");
    if (params.stack && *params.stack != m_settings.stackName)
        return ApiError::invalidParams("Couldn't find that stack. The emulator offers " + m_settings.stackName + ".");
    if (m_store.apps.countOwnedBy(actor.id) >= kMaxAppsPerAccount)
        return ApiError::invalidParams("You've reached the limit of " + std::to_string(kMaxAppsPerAccount)
                                       + " apps for this account. Delete some apps to create more.");

    auto created = inTransaction([&]() -> Result<AppRecord> {
        const std::string at = now();
        AppRecord app{core::newId(), name, actor.id, actor.email, region->name, m_settings.stackName, false,
                      std::nullopt, 0, 0, at, at, std::nullopt};
        m_store.apps.insert(app);
        const auto v1 = newRelease(app, actor, "Initial release", {}, std::nullopt);
        app.releasedAt = v1.createdAt;
        emit releaseCreated(QString::fromStdString(app.id), v1.version);
        return app;
    });
    if (created) {
        apiLog(created->id, "Initial release by " + actor.email);
        apiLog(created->id, "Release v1 created by " + actor.email);
    }
    return created;
}

std::vector<AppRecord> Platform::apps(const Actor &actor) { return m_store.apps.listFor(actor.id); }

Result<AppRecord> Platform::updateApp(const Actor &actor, const std::string &idOrName, const AppUpdate &update)
{
    const bool renames = update.name && *update.name != idOrName;
    auto access = app(actor, idOrName, renames ? Action::Rename : Action::SetMaintenance);
    if (!access)
        return access.error();
    AppRecord updated = access->app;
    if (update.name && *update.name != updated.name) {
        if (auto error = core::appNameError(*update.name))
            return ApiError::invalidParams(*error);
        if (m_store.apps.byIdOrName(*update.name))
            return ApiError::invalidParams("Name is already taken");
        updated.name = *update.name;
    }
    if (update.maintenance)
        updated.maintenance = *update.maintenance;
    const bool maintenanceChanged = update.maintenance && *update.maintenance != access->app.maintenance;
    auto result = inTransaction([&]() -> Result<AppRecord> {
        updated.updatedAt = now();
        m_store.apps.update(updated);
        return updated;
    });
    if (result && maintenanceChanged)
        apiLog(updated.id, std::string(updated.maintenance ? "Enable" : "Disable") + " Maintenance mode by " + actor.email);
    if (result)
        emit routingChanged(QString::fromStdString(updated.id));
    return result;
}

Result<AppRecord> Platform::destroyApp(const Actor &actor, const std::string &idOrName)
{
    auto access = app(actor, idOrName, Action::Destroy);
    if (!access)
        return access.error();
    // Its add-ons go with it: detached from other apps (a release each) and dropped by their provider.
    const auto addons = m_store.addons.listFor(access->app.id);
    const auto backupFiles = m_store.dataTransfers.filesForApp(access->app.id);
    std::vector<ReleaseRecord> detached;
    auto result = inTransaction([&]() -> Result<AppRecord> {
        for (const auto &addon : addons)
            for (const auto &attachment : m_store.attachments.listForAddon(addon.id))
                if (attachment.appId != access->app.id)
                    if (auto made = detachInTransaction(attachment, actor))
                        detached.push_back(*made);
        m_store.apps.remove(access->app.id);
        return access->app;
    });
    if (result) {
        for (const auto &r : detached)
            releaseMade(r);
        for (const auto &addon : addons)
            if (addon.state != "deprovisioned")
                queueAddonJob(addon, AddonJob::Deprovision);
        // Its backups go too.
        for (const auto &file : backupFiles)
            if (m_provisioner)
                m_provisioner->database<core::Done>(
                        "heroku-postgresql", [file](addons::IDatabaseProvider &p) { return p.deleteBackup(file); },
                        [](core::Status) {});
        emit appDestroyed(QString::fromStdString(access->app.id));
    }
    return result;
}

Result<store::ConfigMap> Platform::configVars(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName, Action::ReadConfig);
    if (!access)
        return access.error();
    return m_store.config.get(access->app.id);
}

static std::string joinKeys(const std::vector<std::string> &keys)
{
    std::string out;
    for (const auto &k : keys)
        out += (out.empty() ? "" : ", ") + k;
    return out;
}

Result<store::ConfigMap> Platform::updateConfigVars(const Actor &actor, const std::string &appName,
                                                    const ConfigPatch &patch)
{
    auto access = app(actor, appName, Action::WriteConfig);
    if (!access)
        return access.error();
    store::ConfigMap config = m_store.config.get(access->app.id);
    std::vector<std::string> set, removed;
    for (const auto &[key, value] : patch) {
        if (auto error = core::configKeyError(key))
            return ApiError::invalidParams(*error);
        if (value) {
            auto it = config.find(key);
            if (it == config.end() || it->second != *value)
                set.push_back(key);
            config[key] = *value;
        } else if (config.erase(key)) {
            removed.push_back(key);
        }
    }
    size_t bytes = 0;
    for (const auto &[key, value] : config)
        bytes += key.size() + value.size();
    if (bytes > m_settings.maxConfigBytes)
        return ApiError::invalidParams("Config vars of an app are limited to "
                                       + std::to_string(m_settings.maxConfigBytes / 1024)
                                       + " kB in total; this change would make them " + std::to_string(bytes)
                                       + " bytes.");
    if (set.empty() && removed.empty())
        return config;

    std::string description;
    if (!set.empty() && !removed.empty())
        description = "Set " + joinKeys(set) + " and remove " + joinKeys(removed) + " config vars";
    else if (!set.empty())
        description = "Set " + joinKeys(set) + " config vars";
    else
        description = "Remove " + joinKeys(removed) + " config vars";

    std::optional<std::string> slug;
    if (auto current = m_store.releases.byVersion(access->app.id, m_store.releases.currentVersion(access->app.id)))
        slug = current->slugId;
    std::optional<ReleaseRecord> made;
    auto result = inTransaction([&]() -> Result<store::ConfigMap> {
        m_store.config.replace(access->app.id, config);
        made = newRelease(access->app, actor, description, config, slug);
        return config;
    });
    if (result) {
        releaseLog(*made, description);
        emit releaseCreated(QString::fromStdString(access->app.id), made->version);
    }
    return result;
}

Result<std::vector<ReleaseRecord>> Platform::releases(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    return m_store.releases.list(access->app.id);
}

Result<ReleaseRecord> Platform::release(const Actor &actor, const std::string &appName,
                                        const std::string &idOrVersion, Action action)
{
    auto access = app(actor, appName, action);
    if (!access)
        return access.error();
    std::optional<ReleaseRecord> found;
    std::string version = idOrVersion;
    if (!version.empty() && (version[0] == 'v' || version[0] == 'V'))
        version.erase(0, 1);
    const bool numeric = !version.empty() && version.size() < 12
            && version.find_first_not_of("0123456789") == std::string::npos;
    if (numeric)
        found = m_store.releases.byVersion(access->app.id, std::stoll(version));
    else
        found = m_store.releases.byId(access->app.id, idOrVersion);
    if (!found)
        return ApiError::notFound("Couldn't find that release.");
    return *found;
}

Result<ReleaseRecord> Platform::rollback(const Actor &actor, const std::string &appName,
                                         const std::string &idOrVersion)
{
    auto target = release(actor, appName, idOrVersion, Action::Rollback);
    if (!target)
        return target.error();
    if (target->status != "succeeded")
        return ApiError::invalidParams("Release v" + std::to_string(target->version)
                                       + " did not succeed and cannot be rolled back to.");
    auto access = app(actor, appName, Action::Rollback);
    if (!access)
        return access.error();
    auto result = inTransaction([&]() -> Result<ReleaseRecord> {
        m_store.config.replace(access->app.id, target->config);
        return newRelease(access->app, actor, "Rollback to v" + std::to_string(target->version), target->config,
                          target->slugId);
    });
    if (result) {
        releaseLog(*result, result->description);
        emit releaseCreated(QString::fromStdString(access->app.id), result->version);
    }
    return result;
}

} // namespace dynodesk::platform
