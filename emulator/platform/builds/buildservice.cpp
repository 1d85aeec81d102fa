// Builds, slugs, buildpacks and uploaded sources.
#include "buildservice.h"

#include "platform/formation/formationservice.h"
#include "platform/releases/releaseservice.h"
#include "platform/transaction.h"
#include "platform/releases/releasestate.h"
#include "buildstate.h"
#include "slugtarball.h"
#include "platform/catalog.h"

#include "core/ids.h"
#include "store/store.h"

#include <QDir>
#include <QFile>

namespace dynodesk::platform {

using core::ApiError;

static std::string word(builds::State s) { return std::string(builds::toString(s)); }

// A build's next status for `input`, from the table (buildstate.h); nullopt when the build is
// not in a state the input applies to (it finished already).
static std::optional<builds::State> next(const Build &b, builds::Input input)
{
    const auto from = builds::stateFromString(b.status);
    return from ? builds::transition(*from, input) : std::nullopt;
}

BuildService::BuildService(detail::Environment &env, ReleaseService &releases, FormationService &formation)
    : Service(env), m_releases(releases), m_formation(formation)
{
}

Result<NewBuild> BuildService::createBuild(const Actor &actor, const std::string &appName, const BuildRequest &request)
{
    auto access = app(actor, appName, Action::Deploy);
    if (!access)
        return access.error();
    const std::string at = now();
    Build b{core::newId(), access->app.id, access->app.name, word(builds::State::Pending), request.sourceUrl,
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

Result<Release> BuildService::completeBuild(const std::string &buildId, const BuildOutcome &outcome, bool releasePhase,
                                           std::optional<std::string> *notice)
{
    auto b = m_store.builds.byId(buildId);
    if (!b)
        return ApiError::notFound("Couldn't find that build.");
    auto appRecord = m_store.apps.byIdOrName(b->appId);
    if (!appRecord)
        return ApiError::notFound("Couldn't find that app.");
    const auto compiled = next(*b, builds::Input::SlugCompiled);
    if (!compiled)
        return ApiError::invalidParams("The build is " + b->status + " already.");
    auto result = inTransaction([&]() -> Result<Release> {
        const std::string at = now();
        Slug slug{outcome.slugId, b->appId, outcome.commit, {}, outcome.size,
                               outcome.buildpackDescription, m_settings.stackName, outcome.slugPath, at, at};
        for (const auto &[type, command] : outcome.processTypes)
            slug.processTypes[type] = command;
        m_store.slugs.insert(slug);
        const std::string version = outcome.commit.value_or(b->sourceVersion.value_or(b->id));
        auto account = m_store.accounts.byId(b->userId);
        Actor actor{b->userId, account ? account->email : b->userEmail};
        Release release = m_releases.newRelease(*appRecord, actor, "Deploy " + version.substr(0, 7),
                                           m_store.config.get(b->appId), slug.id);
        if (releasePhase) {
            release.status = std::string(releases::toString(releases::initialState(true)));
            release.current = false;
            m_store.releases.setStatus(release.id, release.status, at);
        } else if (auto note = m_formation.applyProcessTypes(*appRecord, slug); note && notice) {
            *notice = note;
        }
        auto updated = m_store.apps.byIdOrName(b->appId);
        updated->slugSize = outcome.size;
        updated->buildpackProvidedDescription = outcome.buildpackDescription;
        m_store.apps.update(*updated);
        // The detected buildpack stays set for the next pushes, as if set by hand.
        if (!outcome.detectedBuildpack.empty() && m_store.buildpacks.list(b->appId).empty())
            m_store.buildpacks.replace(b->appId, {outcome.detectedBuildpack});
        b->status = word(*compiled);
        b->slugId = slug.id;
        b->releaseId = release.id;
        b->updatedAt = at;
        m_store.builds.update(*b);
        return release;
    });
    if (result) {
        apiLog(b->appId, "Build succeeded");
        emit m_events.buildFinished(QString::fromStdString(b->appId), QString::fromStdString(buildId), true);
        if (!releasePhase) {
            m_releases.releaseLog(*result, result->description);
            emit m_events.releaseCreated(QString::fromStdString(b->appId), result->version);
        }
    }
    return result;
}

void BuildService::failBuild(const std::string &buildId, builds::Input why)
{
    auto b = m_store.builds.byId(buildId);
    if (!b)
        return;
    const auto failed = next(*b, why);
    if (!failed)
        return; // it ended already
    auto result = inTransaction([&]() -> Result<core::Done> {
        b->status = word(*failed);
        b->updatedAt = now();
        m_store.builds.update(*b);
        return core::Done{};
    });
    if (result) {
        apiLog(b->appId, "Build failed");
        emit m_events.buildFinished(QString::fromStdString(b->appId), QString::fromStdString(buildId), false);
    }
}

std::vector<std::string> BuildService::failInterruptedBuilds()
{
    std::vector<std::string> ids;
    for (const auto &b : m_store.builds.withStatus(word(builds::State::Pending))) {
        failBuild(b.id, builds::Input::Interrupted);
        ids.push_back(b.id);
    }
    // A release left pending by a release phase that never finished failed too.
    auto st = m_store.db.prepare("SELECT id FROM releases WHERE status = ?");
    const std::string pendingWord(releases::toString(releases::State::Pending));
    st.bind(1, pendingWord);
    std::vector<std::string> pending;
    while (st.step())
        pending.push_back(st.text(0));
    for (const auto &id : pending)
        (void)m_releases.finishRelease(id, releases::Input::Interrupted);
    return ids;
}

Result<std::vector<Build>> BuildService::builds(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    return m_store.builds.list(access->app.id);
}

Result<Build> BuildService::build(const Actor &actor, const std::string &appName, const std::string &id)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    auto b = m_store.builds.byId(id);
    if (!b || b->appId != access->app.id)
        return ApiError::notFound("Couldn't find that build.");
    return *b;
}

Result<Slug> BuildService::slug(const Actor &actor, const std::string &appName, const std::string &id)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    auto s = m_store.slugs.byId(id);
    if (!s || s->appId != access->app.id)
        return ApiError::notFound("Couldn't find that slug.");
    return *s;
}

std::optional<Slug> BuildService::slugById(const std::string &id) { return m_store.slugs.byId(id); }

Result<Slug> BuildService::createSlug(const Actor &actor, const std::string &appName, const SlugCreate &request,
                                      const std::string &dir)
{
    auto access = app(actor, appName, Action::Deploy);
    if (!access)
        return access.error();
    if (request.stack && *request.stack != m_settings.stackName && *request.stack != stack(m_settings.stackName).id)
        return ApiError::invalidParams("This emulator runs slugs on " + m_settings.stackName + " only, not on "
                                       + *request.stack + ".");
    if (request.checksum)
        if (auto error = slugChecksumError(*request.checksum))
            return ApiError::invalidParams(*error);
    const std::string id = core::newId(), at = now();
    Slug s{id, access->app.id, request.commit, request.processTypes, 0, request.buildpackProvidedDescription,
           m_settings.stackName, dir + "/" + id + ".tgz", at, at, request.checksum, request.commitDescription, false};
    return inTransaction([&]() -> Result<Slug> {
        m_store.slugs.insert(s);
        return s;
    });
}

Result<Slug> BuildService::slugAwaitingUpload(const std::string &slugId)
{
    auto s = m_store.slugs.byId(slugId);
    if (!s || s->uploaded)
        return ApiError::forbidden(s ? "This slug's tarball was uploaded already; a slug's blob URL takes one upload."
                                     : "No slug waits for an upload at this URL.");
    return *s;
}

Result<Slug> BuildService::acceptSlugUpload(const std::string &slugId, const std::string &storedPath, int64_t size)
{
    auto s = slugAwaitingUpload(slugId);
    if (s && !QFile::rename(QString::fromStdString(storedPath), QString::fromStdString(s->path)))
        s = ApiError::internal("Could not store the slug's tarball.");
    if (!s) {
        QFile::remove(QString::fromStdString(storedPath));
        return s.error();
    }
    s->size = size;
    s->uploaded = true;
    s->updatedAt = now();
    return inTransaction([&]() -> Result<Slug> {
        m_store.slugs.markUploaded(s->id, s->size, s->updatedAt);
        return *s;
    });
}

Result<std::vector<std::string>> BuildService::buildpacks(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    return m_store.buildpacks.list(access->app.id);
}

Result<std::vector<std::string>> BuildService::setBuildpacks(const Actor &actor, const std::string &appName,
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

Result<Source> BuildService::createSource(const Actor &actor, const std::string &appName, const std::string &dir)
{
    auto access = app(actor, appName, Action::Deploy);
    if (!access)
        return access.error();
    const std::string id = core::newId();
    Source s{id, access->app.id, core::newId(), dir + "/" + id + ".tgz", now()};
    return inTransaction([&]() -> Result<Source> {
        m_store.sources.insert(s);
        return s;
    });
}

Result<Source> BuildService::createAccountSource(const Actor &actor, const std::string &dir)
{
    const std::string accountDir = dir + "/" + actor.id;
    if (!QDir().mkpath(QString::fromStdString(accountDir)))
        return ApiError::internal("The source could not be stored.");
    const std::string id = core::newId();
    Source s{id, {}, core::newId(), accountDir + "/" + id + ".tgz", now(), actor.id};
    return inTransaction([&]() -> Result<Source> {
        m_store.sources.insert(s);
        return s;
    });
}

std::optional<Source> BuildService::source(const std::string &id) { return m_store.sources.byId(id); }

Result<AppAccess> BuildService::gitAccess(const Actor &actor, const std::string &appName, bool push)
{
    // Fetching an app's code needs what pushing needs (the `deploy` permission on a team app).
    (void)push;
    return app(actor, appName, Action::Deploy);
}

void BuildService::setRepoSize(const std::string &appId, int64_t bytes)
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

} // namespace dynodesk::platform
