#pragma once

#include "pipelinetypes.h"

#include "platform/releases/releasetypes.h"
#include "platform/service.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dynodesk::platform {

class TeamAppService;

// Pipelines: apps coupled at stages (review, development, staging, production), one pipeline
// per app, owned by an account or a team; promotions release the slug of the source app's
// current release on downstream apps, without a build. Who may see a pipeline: its owner, the
// members of its team, and whoever sees one of its apps; who may change it: its owner or an
// admin or member of its team.
class PipelineService final : public detail::Service {
public:
    PipelineService(detail::Environment &env, TeamAppService &teamApps);

    // `owner` nullopt: the caller.
    Result<Pipeline> createPipeline(const Actor &actor, const std::string &name, std::optional<PipelineOwner> owner);
    Result<std::vector<Pipeline>> pipelines(const Actor &actor, const std::optional<std::string> &name);
    Result<Pipeline> pipeline(const Actor &actor, const std::string &idOrName);
    Result<Pipeline> renamePipeline(const Actor &actor, const std::string &id, const std::string &name);
    // Its couplings go with it; its apps stay.
    Result<Pipeline> deletePipeline(const Actor &actor, const std::string &id);
    // The pipeline gets its new owner; its apps move to that team or account too.
    Result<PipelineTransfer> transfer(const Actor &actor, const std::string &id, const PipelineOwner &newOwner);

    Result<PipelineCoupling> couple(const Actor &actor, const std::string &pipeline, const std::string &app,
                                    const std::string &stage);
    Result<std::vector<PipelineCoupling>> couplings(const Actor &actor, const std::string &pipeline);
    Result<PipelineCoupling> coupling(const Actor &actor, const std::string &id);
    Result<PipelineCoupling> couplingOfApp(const Actor &actor, const std::string &app);
    Result<PipelineCoupling> setStage(const Actor &actor, const std::string &id, const std::string &stage);
    Result<PipelineCoupling> uncouple(const Actor &actor, const std::string &id);
    // `POST /filters/apps`: those of `ids` the caller may see; the others are left out.
    std::vector<App> visibleApps(const Actor &actor, const std::vector<std::string> &ids) const;
    // `pipeline-release`: the current release of each app of the pipeline that has one.
    Result<std::vector<Release>> latestReleases(const Actor &actor, const std::string &pipeline);

    // Makes one release of `slugId` on the app `appId`, as the caller (Deployer::releaseSlug).
    using Releaser = std::function<Result<Release>(const std::string &appId, const std::string &slugId,
                                                   const std::string &description)>;
    // The source's current release's slug released on every target by `release`: a target that
    // cannot take it (no access, its release phase fails) fails alone; the others are released.
    Result<PipelinePromotion> promote(const Actor &actor, const PromotionRequest &request, const Releaser &release);
    Result<PipelinePromotion> promotion(const Actor &actor, const std::string &id);

private:
    Result<Pipeline> visiblePipeline(const Actor &actor, const std::string &idOrName) const;
    Result<Pipeline> changeablePipeline(const Actor &actor, const std::string &idOrName) const;
    bool canSee(const Actor &actor, const Pipeline &p) const;
    bool canChange(const Actor &actor, const Pipeline &p) const;
    Result<PipelineOwner> ownerFor(const Actor &actor, const PipelineOwner &owner) const;
    Result<PipelineCoupling> changeableCoupling(const Actor &actor, const std::string &id) const;
    // The source's current release and its slug's description `Promote <app> v<N> <sha7>`.
    struct Source {
        App app;
        Release release;
        std::string description;
    };
    Result<Source> promotionSource(const Actor &actor, const Pipeline &p, const std::string &app) const;
    Result<std::vector<App>> promotionTargets(const Actor &actor, const Pipeline &p, const Source &source,
                                              const std::vector<std::string> &apps) const;

    PipelinePromotion withFailureMessages(PipelinePromotion promotion) const;

    TeamAppService &m_teamApps;
};

} // namespace dynodesk::platform
