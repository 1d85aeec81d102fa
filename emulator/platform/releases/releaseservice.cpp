// Config vars and releases: every change of either makes a release; rollbacks; the release phase's end.
#include "releaseservice.h"

#include "platform/formation/formationservice.h"
#include "platform/transaction.h"
#include "releasestate.h"

#include "core/ids.h"
#include "store/store.h"

#include <QFile>
#include <QFileInfo>

namespace dynodesk::platform {

using core::ApiError;

ReleaseService::ReleaseService(detail::Environment &env, FormationService &formation)
    : Service(env), m_formation(formation)
{
}

void ReleaseService::releaseLog(const Release &release, const std::string &what)
{
    apiLog(release.appId, what + " by " + release.userEmail);
    apiLog(release.appId, "Release v" + std::to_string(release.version) + " created by " + release.userEmail);
}

void ReleaseService::releaseMade(const Release &release)
{
    releaseLog(release, release.description);
    emit m_events.releaseCreated(QString::fromStdString(release.appId), release.version);
}

Release ReleaseService::newRelease(const App &app, const Actor &actor, std::string description,
                                   ConfigMap config, std::optional<std::string> slugId)
{
    const std::string at = now();
    Release r{core::newId(), app.id, app.name, m_store.releases.latestVersion(app.id) + 1,
                    std::move(description), std::string(releases::toString(releases::initialState(false))), actor.id, actor.email, std::move(slugId), std::move(config),
                    at, at, true};
    m_store.releases.insert(r);
    App updated = app;
    updated.releasedAt = at;
    updated.updatedAt = at;
    m_store.apps.update(updated);
    return r;
}

Result<ConfigMap> ReleaseService::configVars(const Actor &actor, const std::string &appName)
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

Result<ConfigMap> ReleaseService::updateConfigVars(const Actor &actor, const std::string &appName,
                                                    const ConfigPatch &patch)
{
    auto access = app(actor, appName, Action::WriteConfig);
    if (!access)
        return access.error();
    ConfigMap config = m_store.config.get(access->app.id);
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
    std::optional<Release> made;
    auto result = inTransaction([&]() -> Result<ConfigMap> {
        m_store.config.replace(access->app.id, config);
        made = newRelease(access->app, actor, description, config, slug);
        return config;
    });
    if (result) {
        releaseLog(*made, description);
        emit m_events.releaseCreated(QString::fromStdString(access->app.id), made->version);
    }
    return result;
}

Result<std::vector<Release>> ReleaseService::releases(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    return m_store.releases.list(access->app.id);
}

Result<Release> ReleaseService::release(const Actor &actor, const std::string &appName,
                                        const std::string &idOrVersion, Action action)
{
    auto access = app(actor, appName, action);
    if (!access)
        return access.error();
    std::optional<Release> found;
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

Result<Release> ReleaseService::rollback(const Actor &actor, const std::string &appName,
                                         const std::string &idOrVersion)
{
    auto target = release(actor, appName, idOrVersion, Action::Rollback);
    if (!target)
        return target.error();
    const auto state = releases::stateFromString(target->status);
    if (!state || !releases::canBeCurrent(*state))
        return ApiError::invalidParams("Release v" + std::to_string(target->version)
                                       + " did not succeed and cannot be rolled back to.");
    auto access = app(actor, appName, Action::Rollback);
    if (!access)
        return access.error();
    auto result = inTransaction([&]() -> Result<Release> {
        m_store.config.replace(access->app.id, target->config);
        return newRelease(access->app, actor, "Rollback to v" + std::to_string(target->version), target->config,
                          target->slugId);
    });
    if (result) {
        releaseLog(*result, result->description);
        emit m_events.releaseCreated(QString::fromStdString(access->app.id), result->version);
    }
    return result;
}

Result<Slug> ReleaseService::slugToRelease(const Actor &actor, const App &target, const std::string &slugId)
{
    auto slug = m_store.slugs.byId(slugId);
    // Another account's slug is as unknown as one that does not exist: 404, not 403.
    if (!slug || (slug->appId != target.id && !app(actor, slug->appId)))
        return ApiError::notFound("Couldn't find that slug.");
    if (!slug->uploaded)
        return ApiError::invalidParams("Slug " + slug->id + " has no tarball yet: PUT it to the slug's blob URL "
                                       "before releasing it.");
    if (slug->appId == target.id)
        return *slug;
    Slug copy = *slug;
    copy.id = core::newId();
    copy.appId = target.id;
    copy.path = QFileInfo(QString::fromStdString(slug->path)).absolutePath().toStdString() + "/" + copy.id + ".tgz";
    copy.createdAt = copy.updatedAt = now();
    if (!QFile::copy(QString::fromStdString(slug->path), QString::fromStdString(copy.path)))
        return ApiError::internal("The slug could not be copied to " + target.name + ".");
    return copy;
}

Result<Release> ReleaseService::releaseSlug(const Actor &actor, const std::string &appName, const std::string &slugId,
                                            std::optional<std::string> description)
{
    auto access = app(actor, appName, Action::Deploy);
    if (!access)
        return access.error();
    auto slug = slugToRelease(actor, access->app, slugId);
    if (!slug)
        return slug.error();
    const bool copied = slug->id != slugId;
    const bool releasePhase = slug->processTypes.count("release") > 0;
    if (!description)
        description = slug->commit ? "Deploy " + slug->commit->substr(0, 7) : std::string("Deploy");
    auto result = inTransaction([&]() -> Result<Release> {
        if (copied)
            m_store.slugs.insert(*slug);
        Release made = newRelease(access->app, actor, *description, m_store.config.get(access->app.id), slug->id);
        auto updated = m_store.apps.byIdOrName(access->app.id);
        updated->slugSize = slug->size;
        m_store.apps.update(*updated);
        if (releasePhase) { // current once its release phase succeeds (finishRelease)
            made.status = std::string(releases::toString(releases::initialState(true)));
            made.current = false;
            m_store.releases.setStatus(made.id, made.status, made.updatedAt);
        } else {
            m_formation.applyProcessTypes(*updated, *slug);
        }
        return made;
    });
    if (!result && copied)
        QFile::remove(QString::fromStdString(slug->path));
    if (result && !releasePhase)
        releaseMade(*result);
    return result;
}

Result<Release> ReleaseService::finishRelease(const std::string &releaseId, releases::Input input)
{
    std::string appId;
    int64_t version = 0;
    {
        auto st = m_store.db.prepare("SELECT app_id, version FROM releases WHERE id = ?");
        st.bind(1, releaseId);
        if (!st.step())
            return ApiError::notFound("Couldn't find that release.");
        appId = st.text(0);
        version = st.integer(1);
    }
    auto found = m_store.releases.byVersion(appId, version);
    const auto from = found ? releases::stateFromString(found->status) : std::nullopt;
    const auto to = from ? releases::transition(*from, input) : std::nullopt;
    if (!to)
        return ApiError::invalidParams("Release v" + std::to_string(version) + " is " + (found ? found->status : "gone")
                                       + ", not waiting for its release phase.");
    const bool current = releases::canBeCurrent(*to);
    auto result = inTransaction([&]() -> Result<Release> {
        m_store.releases.setStatus(releaseId, std::string(releases::toString(*to)), now());
        auto release = m_store.releases.byVersion(appId, version);
        if (current && release->slugId) {
            auto appRecord = m_store.apps.byIdOrName(appId);
            if (auto slug = m_store.slugs.byId(*release->slugId))
                m_formation.applyProcessTypes(*appRecord, *slug);
        }
        return *release;
    });
    if (result && current) {
        releaseLog(*result, result->description);
        emit m_events.releaseCreated(QString::fromStdString(appId), version);
    }
    if (result && !current)
        apiLog(appId, "Release v" + std::to_string(version) + " failed: its release command did not succeed");
    return result;
}

} // namespace dynodesk::platform
