// The JSON of the pipeline resources (`pipeline`, `pipeline-coupling`, `pipeline-promotion`,
// `pipeline-promotion-target`, `pipeline-transfer`).
#include "views.h"

namespace dynodesk::api::views {

static json owner(const platform::PipelineOwner &o) { return {{"id", o.id}, {"type", o.type}}; }

json pipeline(const platform::Pipeline &p)
{
    return {{"created_at", p.createdAt}, {"id", p.id}, {"name", p.name}, {"owner", owner(p.owner)},
            {"updated_at", p.updatedAt},
            {"generation", {{"id", "b1b86a2a-7b57-4c3d-9c55-2f0b9a2d3a01"}, {"name", "cedar"}}}};
}

// The schema gives `app` and `pipeline` by id; the names ride along, as the CLI's `apps:info`
// and `pipelines:promote` print `pipeline.name` from this very reply.
json pipelineCoupling(const platform::PipelineCoupling &c)
{
    return {{"app", {{"id", c.appId}, {"name", c.appName}}}, {"created_at", c.createdAt}, {"id", c.id},
            {"pipeline", {{"id", c.pipelineId}, {"name", c.pipelineName}}}, {"stage", c.stage},
            {"updated_at", c.updatedAt}};
}

json pipelinePromotion(const platform::PipelinePromotion &p)
{
    return {{"created_at", p.createdAt}, {"id", p.id}, {"pipeline", {{"id", p.pipelineId}}},
            {"source", {{"app", {{"id", p.sourceAppId}}}, {"release", {{"id", p.sourceReleaseId}}}}},
            {"status", p.status}, {"updated_at", p.updatedAt}};
}

json promotionTarget(const platform::PromotionTarget &t)
{
    return {{"app", {{"id", t.appId}}}, {"error_message", t.errorMessage ? json(*t.errorMessage) : json(nullptr)},
            {"id", t.id}, {"pipeline_promotion", {{"id", t.promotionId}}},
            {"release", t.releaseId ? json{{"id", *t.releaseId}} : json(nullptr)}, {"status", t.status}};
}

json pipelineTransfer(const platform::PipelineTransfer &t)
{
    return {{"pipeline", {{"id", t.pipeline.id}}}, {"previous_owner", owner(t.previousOwner)},
            {"new_owner", owner(t.newOwner)}};
}

} // namespace dynodesk::api::views
