#pragma once

#include "records.h"

#include <optional>
#include <vector>

namespace dynodesk::store {

class Database;

// Pipelines and the apps coupled in them.
class PipelineRepository final {
public:
    explicit PipelineRepository(Database &db) : m_db(db) {}
    void insert(const PipelineRecord &p);
    std::optional<PipelineRecord> byId(const std::string &id);
    // Every pipeline, by name then age; `name` narrows to that name.
    std::vector<PipelineRecord> list(const std::optional<std::string> &name = std::nullopt);
    void update(const PipelineRecord &p);
    void remove(const std::string &id);

    void insertCoupling(const CouplingRecord &c);
    std::optional<CouplingRecord> coupling(const std::string &id);
    std::optional<CouplingRecord> couplingOfApp(const std::string &appId);
    std::vector<CouplingRecord> couplings(const std::string &pipelineId);
    void setStage(const std::string &couplingId, const std::string &stage, const std::string &updatedAt);
    void removeCoupling(const std::string &id);

private:
    std::vector<CouplingRecord> queryCouplings(const std::string &where, const std::string &arg);
    Database &m_db;
};

// Promotions and their targets; a target's status is read from its release.
class PromotionRepository final {
public:
    explicit PromotionRepository(Database &db) : m_db(db) {}
    void insert(const PromotionRecord &p);
    void setTargetRelease(const std::string &targetId, const std::optional<std::string> &releaseId,
                          const std::optional<std::string> &errorMessage);
    // The promotion with its targets and their statuses, and its own status from theirs.
    std::optional<PromotionRecord> byId(const std::string &id);

private:
    Database &m_db;
};

} // namespace dynodesk::store
