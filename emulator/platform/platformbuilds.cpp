// Platform: builds, slugs, buildpacks and uploaded sources.
#include "catalog.h"
#include "platform.h"
#include "platformtransaction.h"

#include "core/ids.h"
#include "store/store.h"

#include <algorithm>
#include <map>

namespace dynodesk::platform {

using core::ApiError;
using store::BuildRecord;
using store::ReleaseRecord;

Result<NewBuild> Platform::createBuild(const Actor &actor, const std::string &appName, const BuildRequest &request)
{
    auto access = app(actor, appName, Action::Deploy);
    if (!access)
        return access.error();
    const std::string at = now();
    BuildRecord b{core::newId(), access->app.id, access->app.name, "pending", request.sourceUrl,
                  request.commit ? request.commit : request.version, actor.id, actor.email,
                  request.buildpacks.empty() ? m_store.buildpacks.list(access->app.id) : request.buildpacks,
                  std::nullopt, std::nullopt, m_settings.stackName, at, at};
    auto made = inTransaction([&]() -> Result<NewBuild> {
        m_store.builds.insert(b);
        return NewBuild{b, access->app, m_store.config.get(access->app.id)};
    });
    if (made)
        apiLog(b.appId, "Build started by " + actor.email);
    return made;
}

void Platform::applyProcessTypes(const store::AppRecord &app, const store::SlugRecord &slug)
{
    const std::string at = now();
    for (const auto &f : m_store.formations.list(app.id)) {
        if (!slug.processTypes.count(f.type))
            m_store.db.prepare("DELETE FROM formations WHERE id = ?").bind(1, f.id).run();
    }
    for (const auto &[type, command] : slug.processTypes) {
        if (type == "release")
            continue;
        auto existing = m_store.formations.find(app.id, type);
        store::FormationRecord f = existing.value_or(store::FormationRecord{
                core::newId(), app.id, app.name, type, type == "web" ? 1 : 0, "Standard-1X", command, at, at});
        f.command = command;
        f.updatedAt = at;
        m_store.formations.upsert(f);
    }
}

Result<ReleaseRecord> Platform::completeBuild(const std::string &buildId, const BuildOutcome &outcome, bool releasePhase)
{
    auto b = m_store.builds.byId(buildId);
    if (!b)
        return ApiError::notFound("Couldn't find that build.");
    auto appRecord = m_store.apps.byIdOrName(b->appId);
    if (!appRecord)
        return ApiError::notFound("Couldn't find that app.");
    auto result = inTransaction([&]() -> Result<ReleaseRecord> {
        const std::string at = now();
        store::SlugRecord slug{outcome.slugId, b->appId, outcome.commit, {}, outcome.size,
                               outcome.buildpackDescription, m_settings.stackName, outcome.slugPath, at, at};
        for (const auto &[type, command] : outcome.processTypes)
            slug.processTypes[type] = command;
        m_store.slugs.insert(slug);
        const std::string version = outcome.commit.value_or(b->sourceVersion.value_or(b->id));
        auto account = m_store.accounts.byId(b->userId);
        Actor actor{b->userId, account ? account->email : b->userEmail};
        ReleaseRecord release = newRelease(*appRecord, actor, "Deploy " + version.substr(0, 7),
                                           m_store.config.get(b->appId), slug.id);
        if (releasePhase) {
            release.status = "pending";
            release.current = false;
            m_store.releases.setStatus(release.id, "pending", at);
        } else {
            applyProcessTypes(*appRecord, slug);
        }
        auto updated = m_store.apps.byIdOrName(b->appId);
        updated->slugSize = outcome.size;
        updated->buildpackProvidedDescription = outcome.buildpackDescription;
        m_store.apps.update(*updated);
        b->status = "succeeded";
        b->slugId = slug.id;
        b->releaseId = release.id;
        b->updatedAt = at;
        m_store.builds.update(*b);
        return release;
    });
    if (result) {
        apiLog(b->appId, "Build succeeded");
        emit buildFinished(QString::fromStdString(b->appId), QString::fromStdString(buildId), true);
        if (!releasePhase) {
            releaseLog(*result, result->description);
            emit releaseCreated(QString::fromStdString(b->appId), result->version);
        }
    }
    return result;
}

void Platform::failBuild(const std::string &buildId)
{
    auto b = m_store.builds.byId(buildId);
    if (!b)
        return;
    auto result = inTransaction([&]() -> Result<core::Done> {
        b->status = "failed";
        b->updatedAt = now();
        m_store.builds.update(*b);
        return core::Done{};
    });
    if (result) {
        apiLog(b->appId, "Build failed");
        emit buildFinished(QString::fromStdString(b->appId), QString::fromStdString(buildId), false);
    }
}

Result<ReleaseRecord> Platform::finishRelease(const std::string &releaseId, bool succeeded)
{
    auto st = m_store.db.prepare("SELECT app_id, version FROM releases WHERE id = ?");
    st.bind(1, releaseId);
    if (!st.step())
        return ApiError::notFound("Couldn't find that release.");
    const std::string appId = st.text(0);
    const int64_t version = st.integer(1);
    auto result = inTransaction([&]() -> Result<ReleaseRecord> {
        m_store.releases.setStatus(releaseId, succeeded ? "succeeded" : "failed", now());
        auto release = m_store.releases.byVersion(appId, version);
        if (succeeded && release->slugId) {
            auto appRecord = m_store.apps.byIdOrName(appId);
            if (auto slug = m_store.slugs.byId(*release->slugId))
                applyProcessTypes(*appRecord, *slug);
        }
        return *release;
    });
    if (result && succeeded) {
        releaseLog(*result, result->description);
        emit releaseCreated(QString::fromStdString(appId), version);
    }
    if (result && !succeeded)
        apiLog(appId, "Release v" + std::to_string(version) + " failed: its release command did not succeed");
    return result;
}

std::vector<std::string> Platform::failInterruptedBuilds()
{
    std::vector<std::string> ids;
    for (const auto &b : m_store.builds.withStatus("pending")) {
        failBuild(b.id);
        ids.push_back(b.id);
    }
    // A release left pending by a release phase that never finished failed too.
    auto st = m_store.db.prepare("SELECT id FROM releases WHERE status = 'pending'");
    std::vector<std::string> pending;
    while (st.step())
        pending.push_back(st.text(0));
    for (const auto &id : pending)
        (void)finishRelease(id, false);
    return ids;
}

Result<std::vector<BuildRecord>> Platform::builds(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    return m_store.builds.list(access->app.id);
}

Result<BuildRecord> Platform::build(const Actor &actor, const std::string &appName, const std::string &id)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    auto b = m_store.builds.byId(id);
    if (!b || b->appId != access->app.id)
        return ApiError::notFound("Couldn't find that build.");
    return *b;
}

Result<store::SlugRecord> Platform::slug(const Actor &actor, const std::string &appName, const std::string &id)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    auto s = m_store.slugs.byId(id);
    if (!s || s->appId != access->app.id)
        return ApiError::notFound("Couldn't find that slug.");
    return *s;
}

std::optional<store::SlugRecord> Platform::slugById(const std::string &id) { return m_store.slugs.byId(id); }

Result<std::vector<std::string>> Platform::buildpacks(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    return m_store.buildpacks.list(access->app.id);
}

Result<std::vector<std::string>> Platform::setBuildpacks(const Actor &actor, const std::string &appName,
                                                         const std::vector<std::string> &urls)
{
    auto access = app(actor, appName, Action::Deploy);
    if (!access)
        return access.error();
    for (const auto &url : urls)
        if (url.empty())
            return ApiError::invalidParams("A buildpack must have a name or URL.");
    return inTransaction([&]() -> Result<std::vector<std::string>> {
        m_store.buildpacks.replace(access->app.id, urls);
        return urls;
    });
}

Result<store::SourceRecord> Platform::createSource(const Actor &actor, const std::string &appName, const std::string &dir)
{
    auto access = app(actor, appName, Action::Deploy);
    if (!access)
        return access.error();
    const std::string id = core::newId();
    store::SourceRecord s{id, access->app.id, core::newId(), dir + "/" + id + ".tgz", now()};
    return inTransaction([&]() -> Result<store::SourceRecord> {
        m_store.sources.insert(s);
        return s;
    });
}

std::optional<store::SourceRecord> Platform::source(const std::string &id) { return m_store.sources.byId(id); }

Result<AppAccess> Platform::gitAccess(const Actor &actor, const std::string &appName, bool push)
{
    return app(actor, appName, push ? Action::Deploy : Action::View);
}

void Platform::setRepoSize(const std::string &appId, int64_t bytes)
{
    (void)inTransaction([&]() -> Result<core::Done> {
        auto a = m_store.apps.byIdOrName(appId);
        if (a) {
            a->repoSize = bytes;
            m_store.apps.update(*a);
        }
        return core::Done{};
    });
}

dynos::DesiredApp Platform::desiredDynos(const std::string &appId)
{
    dynos::DesiredApp want;
    auto a = m_store.apps.byIdOrName(appId);
    if (!a)
        return want;
    want.appId = a->id;
    want.appName = a->name;
    auto current = m_store.releases.byVersion(a->id, m_store.releases.currentVersion(a->id));
    if (!current || !current->slugId)
        return want;
    auto slug = m_store.slugs.byId(*current->slugId);
    if (!slug)
        return want;
    want.releaseId = current->id;
    want.releaseVersion = current->version;
    want.slugPath = slug->path;
    want.config = current->config;
    for (const auto &f : m_store.features.listFor(a->id))
        if (f.name == "log-runtime-metrics")
            want.runtimeMetrics = f.enabled;
        else if (f.name == "idling")
            want.idling = f.enabled;
    for (const auto &f : m_store.formations.list(a->id)) {
        const auto size = findDynoSize(f.size);
        want.formation.push_back({f.type, f.command, f.size, static_cast<int>(f.quantity), size ? size->memoryMb : 512});
    }
    return want;
}

Result<dynos::DesiredApp> Platform::oneOffRelease(const Actor &actor, const std::string &app)
{
    auto access = this->app(actor, app, Action::Scale);
    if (!access)
        return access.error();
    auto want = desiredDynos(access->app.id);
    if (want.slugPath.empty())
        return ApiError::invalidParams("This app has no release to run a command on yet. Deploy it first (git push).");
    return want;
}

std::vector<std::string> Platform::appIds()
{
    std::vector<std::string> ids;
    for (const auto &a : m_store.apps.all())
        ids.push_back(a.id);
    return ids;
}

std::vector<core::RouteApp> Platform::routingApps()
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
