#include "pipelinerepository.h"
#include "database.h"

namespace dynodesk::store {

static PipelineRecord readPipeline(const Statement &st)
{
    return {st.text(0), st.text(1), {st.text(2), st.text(3)}, st.text(4), st.text(5)};
}

static constexpr const char *kPipelineColumns =
        "SELECT id, name, owner_id, owner_type, created_at, updated_at FROM pipelines ";

void PipelineRepository::insert(const PipelineRecord &p)
{
    m_db.prepare("INSERT INTO pipelines (id, name, owner_id, owner_type, created_at, updated_at) VALUES (?,?,?,?,?,?)")
            .bind(1, p.id).bind(2, p.name).bind(3, p.owner.id).bind(4, p.owner.type).bind(5, p.createdAt)
            .bind(6, p.updatedAt).run();
}

std::optional<PipelineRecord> PipelineRepository::byId(const std::string &id)
{
    auto st = m_db.prepare(std::string(kPipelineColumns) + "WHERE id = ?");
    st.bind(1, id);
    return first(st, readPipeline);
}

std::vector<PipelineRecord> PipelineRepository::list(const std::optional<std::string> &name)
{
    auto st = m_db.prepare(std::string(kPipelineColumns) + "WHERE ?1 IS NULL OR name = ?1 ORDER BY name, created_at");
    st.bind(1, name);
    return collect(st, readPipeline);
}

void PipelineRepository::update(const PipelineRecord &p)
{
    m_db.prepare("UPDATE pipelines SET name = ?, owner_id = ?, owner_type = ?, updated_at = ? WHERE id = ?")
            .bind(1, p.name).bind(2, p.owner.id).bind(3, p.owner.type).bind(4, p.updatedAt).bind(5, p.id).run();
}

void PipelineRepository::remove(const std::string &id)
{
    m_db.prepare("DELETE FROM pipelines WHERE id = ?").bind(1, id).run();
}

static CouplingRecord readCoupling(const Statement &st)
{
    return {st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), st.text(7)};
}

void PipelineRepository::insertCoupling(const CouplingRecord &c)
{
    m_db.prepare("INSERT INTO pipeline_couplings (id, pipeline_id, app_id, stage, created_at, updated_at) "
                 "VALUES (?,?,?,?,?,?)")
            .bind(1, c.id).bind(2, c.pipelineId).bind(3, c.appId).bind(4, c.stage).bind(5, c.createdAt)
            .bind(6, c.updatedAt).run();
}

std::vector<CouplingRecord> PipelineRepository::queryCouplings(const std::string &where, const std::string &arg)
{
    auto st = m_db.prepare("SELECT c.id, c.pipeline_id, p.name, c.app_id, a.name, c.stage, c.created_at, c.updated_at "
                           "FROM pipeline_couplings c JOIN apps a ON a.id = c.app_id "
                           "JOIN pipelines p ON p.id = c.pipeline_id WHERE "
                           + where + " ORDER BY a.name");
    st.bind(1, arg);
    return collect(st, readCoupling);
}

std::optional<CouplingRecord> PipelineRepository::coupling(const std::string &id)
{
    auto found = queryCouplings("c.id = ?1", id);
    return found.empty() ? std::nullopt : std::optional(found.front());
}

std::optional<CouplingRecord> PipelineRepository::couplingOfApp(const std::string &appId)
{
    auto found = queryCouplings("c.app_id = ?1", appId);
    return found.empty() ? std::nullopt : std::optional(found.front());
}

std::vector<CouplingRecord> PipelineRepository::couplings(const std::string &pipelineId)
{
    return queryCouplings("c.pipeline_id = ?1", pipelineId);
}

void PipelineRepository::setStage(const std::string &couplingId, const std::string &stage, const std::string &updatedAt)
{
    m_db.prepare("UPDATE pipeline_couplings SET stage = ?, updated_at = ? WHERE id = ?")
            .bind(1, stage).bind(2, updatedAt).bind(3, couplingId).run();
}

void PipelineRepository::removeCoupling(const std::string &id)
{
    m_db.prepare("DELETE FROM pipeline_couplings WHERE id = ?").bind(1, id).run();
}

void PromotionRepository::insert(const PromotionRecord &p)
{
    m_db.prepare("INSERT INTO pipeline_promotions (id, pipeline_id, source_app_id, source_release_id, created_at, "
                 "updated_at) VALUES (?,?,?,?,?,?)")
            .bind(1, p.id).bind(2, p.pipelineId).bind(3, p.sourceAppId).bind(4, p.sourceReleaseId)
            .bind(5, p.createdAt).bind(6, p.updatedAt).run();
    int ordinal = 0;
    for (const auto &t : p.targets)
        m_db.prepare("INSERT INTO pipeline_promotion_targets (id, promotion_id, ordinal, app_id, release_id, "
                     "error_message) VALUES (?,?,?,?,?,?)")
                .bind(1, t.id).bind(2, p.id).bind(3, ordinal++).bind(4, t.appId).bind(5, t.releaseId)
                .bind(6, t.errorMessage).run();
}

void PromotionRepository::setTargetRelease(const std::string &targetId, const std::optional<std::string> &releaseId,
                                           const std::optional<std::string> &errorMessage)
{
    m_db.prepare("UPDATE pipeline_promotion_targets SET release_id = ?, error_message = ? WHERE id = ?")
            .bind(1, releaseId).bind(2, errorMessage).bind(3, targetId).run();
}

// A target with no release yet is pending; one whose release is gone or never made failed.
static PromotionTargetRecord readTarget(const Statement &st)
{
    PromotionTargetRecord t{st.text(0), st.text(1), st.text(2), std::nullopt, std::nullopt, "pending"};
    if (!st.isNull(3))
        t.releaseId = st.text(3);
    if (!st.isNull(4))
        t.errorMessage = st.text(4);
    const std::string releaseStatus = st.isNull(5) ? std::string() : st.text(5);
    if (t.errorMessage || (t.releaseId && releaseStatus.empty()))
        t.status = "failed";
    else if (releaseStatus == "succeeded" || releaseStatus == "failed")
        t.status = releaseStatus;
    else if (!releaseStatus.empty() && releaseStatus != "pending")
        t.status = "failed";
    return t;
}

std::optional<PromotionRecord> PromotionRepository::byId(const std::string &id)
{
    auto st = m_db.prepare("SELECT id, pipeline_id, source_app_id, source_release_id, created_at, updated_at "
                           "FROM pipeline_promotions WHERE id = ?");
    st.bind(1, id);
    auto promotion = first(st, [](const Statement &s) {
        return PromotionRecord{s.text(0), s.text(1), s.text(2), s.text(3), "pending", s.text(4), s.text(5), {}};
    });
    if (!promotion)
        return std::nullopt;
    auto targets = m_db.prepare("SELECT t.id, t.promotion_id, t.app_id, t.release_id, t.error_message, r.status "
                                "FROM pipeline_promotion_targets t LEFT JOIN releases r ON r.id = t.release_id "
                                "WHERE t.promotion_id = ? ORDER BY t.ordinal");
    targets.bind(1, id);
    promotion->targets = collect(targets, readTarget);
    bool done = true;
    for (const auto &t : promotion->targets)
        done = done && t.status != "pending";
    promotion->status = done ? "completed" : "pending";
    return promotion;
}

} // namespace dynodesk::store
