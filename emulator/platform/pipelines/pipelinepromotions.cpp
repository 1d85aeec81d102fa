// PipelineService: promotions (`pipeline-promotion`, `pipeline-promotion-target`).
#include "pipelineservice.h"

#include "platform/transaction.h"

#include "core/ids.h"
#include "store/store.h"

namespace dynodesk::platform {

using core::ApiError;

Result<PipelineService::Source> PipelineService::promotionSource(const Actor &actor, const Pipeline &p,
                                                                 const std::string &appName) const
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    auto coupling = m_store.pipelines.couplingOfApp(access->app.id);
    if (!coupling || coupling->pipelineId != p.id)
        return ApiError::invalidParams(access->app.name + " is not in the pipeline " + p.name + ".");
    auto release = m_store.releases.byVersion(access->app.id, m_store.releases.currentVersion(access->app.id));
    auto slug = release && release->slugId ? m_store.slugs.byId(*release->slugId) : std::nullopt;
    if (!slug)
        return ApiError::invalidParams("Couldn't find a release with a slug to promote on " + access->app.name
                                       + ": deploy to it first.");
    std::string description = "Promote " + access->app.name + " v" + std::to_string(release->version);
    if (slug->commit)
        description += " " + slug->commit->substr(0, 7);
    return Source{access->app, *release, description};
}

Result<std::vector<App>> PipelineService::promotionTargets(const Actor &actor, const Pipeline &p, const Source &source,
                                                           const std::vector<std::string> &apps) const
{
    if (apps.empty())
        return ApiError::invalidParams("A promotion needs at least one target app.");
    std::vector<App> targets;
    for (const auto &name : apps) {
        auto access = app(actor, name);
        if (!access)
            return access.error();
        if (access->app.id == source.app.id)
            return ApiError::invalidParams("Cannot promote from an app to itself: " + access->app.name + ".");
        auto coupling = m_store.pipelines.couplingOfApp(access->app.id);
        if (!coupling || coupling->pipelineId != p.id)
            return ApiError::invalidParams(access->app.name + " is not in the pipeline " + p.name + ".");
        targets.push_back(access->app);
    }
    return targets;
}

// A target whose release failed in its release phase says so, rather than no reason at all.
PipelinePromotion PipelineService::withFailureMessages(PipelinePromotion promotion) const
{
    for (auto &t : promotion.targets) {
        if (t.status != "failed" || t.errorMessage || !t.releaseId)
            continue;
        const auto release = m_store.releases.byId(t.appId, *t.releaseId);
        t.errorMessage = release ? "Release v" + std::to_string(release->version)
                                         + " failed: its release command did not succeed."
                                 : std::string("Its release is gone.");
    }
    return promotion;
}

Result<PipelinePromotion> PipelineService::promote(const Actor &actor, const PromotionRequest &request,
                                                   const Releaser &release)
{
    auto found = visiblePipeline(actor, request.pipeline);
    if (!found)
        return found.error();
    auto source = promotionSource(actor, *found, request.sourceApp);
    if (!source)
        return source.error();
    auto targets = promotionTargets(actor, *found, *source, request.targetApps);
    if (!targets)
        return targets.error();
    const std::string at = now();
    PipelinePromotion made{core::newId(), found->id, source->app.id, source->release.id, "pending", at, at, {}};
    for (const auto &t : *targets)
        made.targets.push_back({core::newId(), made.id, t.id, std::nullopt, std::nullopt, "pending"});
    auto stored = inTransaction([&]() -> Result<PipelinePromotion> {
        m_store.promotions.insert(made);
        return made;
    });
    if (!stored)
        return stored.error();
    // Each release commits on its own: a target that fails leaves the others released.
    for (const auto &t : made.targets) {
        auto released = release(t.appId, *source->release.slugId, source->description);
        auto recorded = inTransaction([&]() -> Result<bool> {
            if (released)
                m_store.promotions.setTargetRelease(t.id, released->id, std::nullopt);
            else
                m_store.promotions.setTargetRelease(t.id, std::nullopt, released.error().message);
            return true;
        });
        if (!recorded)
            return recorded.error();
    }
    return withFailureMessages(*m_store.promotions.byId(made.id));
}

Result<PipelinePromotion> PipelineService::promotion(const Actor &actor, const std::string &id)
{
    auto found = m_store.promotions.byId(id);
    if (!found || !visiblePipeline(actor, found->pipelineId))
        return ApiError::notFound("Couldn't find that pipeline promotion.");
    return withFailureMessages(*found);
}

} // namespace dynodesk::platform
