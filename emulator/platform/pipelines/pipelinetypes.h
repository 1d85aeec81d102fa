#pragma once

#include <optional>
#include <string>
#include <vector>

namespace dynodesk::platform {

// Who owns a pipeline: an account (`user`) or a team (`team`).
struct PipelineOwner final {
    std::string id, type;
};

// A pipeline (`pipeline`): apps coupled at stages, promoted from one stage to the next.
struct Pipeline final {
    std::string id, name;
    PipelineOwner owner;
    std::string createdAt, updatedAt;
};

// An app's place in a pipeline (`pipeline-coupling`). An app is in at most one pipeline.
struct PipelineCoupling final {
    std::string id, pipelineId, pipelineName, appId, appName, stage, createdAt, updatedAt;
};

// One app a promotion releases the source's slug on (`pipeline-promotion-target`). Its status
// follows the release made there: `pending` while its release phase runs, then `succeeded` or
// `failed`; a release that could not be made at all is `failed` with its error.
struct PromotionTarget final {
    std::string id, promotionId, appId;
    std::optional<std::string> releaseId, errorMessage;
    std::string status;
};

// A promotion (`pipeline-promotion`): `pending` until every target is done, then `completed`.
struct PipelinePromotion final {
    std::string id, pipelineId, sourceAppId, sourceReleaseId, status, createdAt, updatedAt;
    std::vector<PromotionTarget> targets;
};

// `POST /pipeline-promotions`: the source app's current slug released on each target.
struct PromotionRequest final {
    std::string pipeline, sourceApp;
    std::vector<std::string> targetApps;
};

// `pipeline-transfer`: the pipeline with its owner before and after.
struct PipelineTransfer final {
    Pipeline pipeline;
    PipelineOwner previousOwner, newOwner;
};

// The stages an app may be coupled at, upstream first.
inline const std::vector<std::string> &pipelineStages()
{
    static const std::vector<std::string> stages{"review", "development", "staging", "production"};
    return stages;
}

} // namespace dynodesk::platform
