#include "pipelineservice.h"

#include "platform/teams/teamappservice.h"
#include "platform/transaction.h"

#include "core/ids.h"
#include "store/store.h"

#include <algorithm>

namespace dynodesk::platform {

using core::ApiError;

PipelineService::PipelineService(detail::Environment &env, TeamAppService &teamApps)
    : Service(env), m_teamApps(teamApps)
{
}

static bool isStage(const std::string &stage)
{
    const auto &stages = pipelineStages();
    return std::find(stages.begin(), stages.end(), stage) != stages.end();
}

static ApiError unknownStage(const std::string &stage)
{
    return ApiError::invalidParams("Stage \"" + stage + "\" is not one of review, development, staging, production.");
}

bool PipelineService::canChange(const Actor &actor, const Pipeline &p) const
{
    if (p.owner.type == "team") {
        const Role role = teamRoleOf(p.owner.id, actor.id);
        return role == Role::Admin || role == Role::Member;
    }
    return p.owner.id == actor.id;
}

bool PipelineService::canSee(const Actor &actor, const Pipeline &p) const
{
    if (canChange(actor, p) || (p.owner.type == "team" && teamRoleOf(p.owner.id, actor.id) != Role::Stranger))
        return true;
    for (const auto &c : m_store.pipelines.couplings(p.id))
        if (app(actor, c.appId))
            return true;
    return false;
}

Result<Pipeline> PipelineService::visiblePipeline(const Actor &actor, const std::string &idOrName) const
{
    auto found = m_store.pipelines.byId(idOrName);
    if (!found) {
        for (const auto &p : m_store.pipelines.list(idOrName))
            if (canSee(actor, p))
                return p;
        return ApiError::notFound("Couldn't find that pipeline.");
    }
    if (!canSee(actor, *found))
        return ApiError::notFound("Couldn't find that pipeline.");
    return *found;
}

Result<Pipeline> PipelineService::changeablePipeline(const Actor &actor, const std::string &idOrName) const
{
    auto found = visiblePipeline(actor, idOrName);
    if (found && !canChange(actor, *found))
        return ApiError::forbidden("You do not have access to the pipeline " + found->name + ".");
    return found;
}

Result<PipelineOwner> PipelineService::ownerFor(const Actor &actor, const PipelineOwner &owner) const
{
    if (owner.type == "team") {
        auto team = teamForNewApp(actor, owner.id);
        if (!team)
            return team.error();
        return PipelineOwner{team->id, "team"};
    }
    if (owner.type != "user")
        return ApiError::invalidParams("A pipeline's owner is a user or a team, not \"" + owner.type + "\".");
    auto account = m_store.accounts.byIdOrEmail(owner.id);
    if (!account)
        return ApiError::notFound("Couldn't find that user.");
    return PipelineOwner{account->id, "user"};
}

Result<Pipeline> PipelineService::createPipeline(const Actor &actor, const std::string &name,
                                                 std::optional<PipelineOwner> owner)
{
    if (name.empty())
        return ApiError::invalidParams("Name must not be empty.");
    auto resolved = ownerFor(actor, owner.value_or(PipelineOwner{actor.id, "user"}));
    if (!resolved)
        return resolved.error();
    if (resolved->type == "user" && resolved->id != actor.id)
        return ApiError::forbidden("A pipeline can be made for yourself or a team of yours only.");
    const std::string at = now();
    Pipeline made{core::newId(), name, *resolved, at, at};
    return inTransaction([&]() -> Result<Pipeline> {
        m_store.pipelines.insert(made);
        return made;
    });
}

Result<std::vector<Pipeline>> PipelineService::pipelines(const Actor &actor, const std::optional<std::string> &name)
{
    std::vector<Pipeline> out;
    for (const auto &p : m_store.pipelines.list(name))
        if (canSee(actor, p))
            out.push_back(p);
    return out;
}

Result<Pipeline> PipelineService::pipeline(const Actor &actor, const std::string &idOrName)
{
    return visiblePipeline(actor, idOrName);
}

Result<Pipeline> PipelineService::renamePipeline(const Actor &actor, const std::string &id, const std::string &name)
{
    auto found = changeablePipeline(actor, id);
    if (!found)
        return found.error();
    if (name.empty())
        return ApiError::invalidParams("Name must not be empty.");
    found->name = name;
    found->updatedAt = now();
    return inTransaction([&]() -> Result<Pipeline> {
        m_store.pipelines.update(*found);
        return *found;
    });
}

Result<Pipeline> PipelineService::deletePipeline(const Actor &actor, const std::string &id)
{
    auto found = changeablePipeline(actor, id);
    if (!found)
        return found.error();
    return inTransaction([&]() -> Result<Pipeline> {
        m_store.pipelines.remove(found->id);
        return *found;
    });
}

Result<PipelineTransfer> PipelineService::transfer(const Actor &actor, const std::string &id,
                                                   const PipelineOwner &newOwner)
{
    auto found = changeablePipeline(actor, id);
    if (!found)
        return found.error();
    auto owner = ownerFor(actor, newOwner);
    if (!owner)
        return owner.error();
    const PipelineOwner previous = found->owner;
    return inTransaction([&]() -> Result<PipelineTransfer> {
        for (const auto &c : m_store.pipelines.couplings(found->id)) {
            auto app = m_store.apps.byIdOrName(c.appId);
            if (!app || app->teamId.value_or(app->ownerId) == owner->id)
                continue;
            TeamAppUpdate move;
            move.owner = owner->type == "team" ? m_store.teams.byIdOrName(owner->id)->name : owner->id;
            if (auto moved = m_teamApps.updateApp(actor, app->id, move); !moved)
                return moved.error();
        }
        found->owner = *owner;
        found->updatedAt = now();
        m_store.pipelines.update(*found);
        return PipelineTransfer{*found, previous, *owner};
    });
}

Result<PipelineCoupling> PipelineService::couple(const Actor &actor, const std::string &pipelineId,
                                                 const std::string &appName, const std::string &stage)
{
    auto found = changeablePipeline(actor, pipelineId);
    if (!found)
        return found.error();
    auto access = app(actor, appName, Action::Deploy);
    if (!access)
        return access.error();
    if (!isStage(stage))
        return unknownStage(stage);
    if (auto existing = m_store.pipelines.couplingOfApp(access->app.id))
        return ApiError::invalidParams(access->app.name + " is already in the pipeline " + existing->pipelineName
                                       + ": remove it from there first.");
    const std::string at = now();
    PipelineCoupling made{core::newId(), found->id, found->name, access->app.id, access->app.name, stage, at, at};
    return inTransaction([&]() -> Result<PipelineCoupling> {
        m_store.pipelines.insertCoupling(made);
        return made;
    });
}

Result<std::vector<PipelineCoupling>> PipelineService::couplings(const Actor &actor, const std::string &pipelineId)
{
    auto found = visiblePipeline(actor, pipelineId);
    if (!found)
        return found.error();
    return m_store.pipelines.couplings(found->id);
}

Result<PipelineCoupling> PipelineService::coupling(const Actor &actor, const std::string &id)
{
    auto found = m_store.pipelines.coupling(id);
    if (!found || !visiblePipeline(actor, found->pipelineId))
        return ApiError::notFound("Couldn't find that pipeline coupling.");
    return *found;
}

Result<PipelineCoupling> PipelineService::couplingOfApp(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    auto found = m_store.pipelines.couplingOfApp(access->app.id);
    if (!found)
        return ApiError::notFound("Couldn't find that pipeline coupling.");
    return *found;
}

Result<PipelineCoupling> PipelineService::changeableCoupling(const Actor &actor, const std::string &id) const
{
    auto found = m_store.pipelines.coupling(id);
    if (!found || !visiblePipeline(actor, found->pipelineId))
        return ApiError::notFound("Couldn't find that pipeline coupling.");
    if (auto p = changeablePipeline(actor, found->pipelineId); !p)
        return p.error();
    return *found;
}

Result<PipelineCoupling> PipelineService::setStage(const Actor &actor, const std::string &id, const std::string &stage)
{
    auto found = changeableCoupling(actor, id);
    if (!found)
        return found.error();
    if (!isStage(stage))
        return unknownStage(stage);
    found->stage = stage;
    found->updatedAt = now();
    return inTransaction([&]() -> Result<PipelineCoupling> {
        m_store.pipelines.setStage(found->id, stage, found->updatedAt);
        return *found;
    });
}

Result<PipelineCoupling> PipelineService::uncouple(const Actor &actor, const std::string &id)
{
    auto found = changeableCoupling(actor, id);
    if (!found)
        return found.error();
    return inTransaction([&]() -> Result<PipelineCoupling> {
        m_store.pipelines.removeCoupling(found->id);
        return *found;
    });
}

std::vector<App> PipelineService::visibleApps(const Actor &actor, const std::vector<std::string> &ids) const
{
    std::vector<App> out;
    for (const auto &id : ids)
        if (auto access = app(actor, id))
            out.push_back(access->app);
    return out;
}

Result<std::vector<Release>> PipelineService::latestReleases(const Actor &actor, const std::string &pipelineId)
{
    auto found = visiblePipeline(actor, pipelineId);
    if (!found)
        return found.error();
    std::vector<Release> out;
    for (const auto &c : m_store.pipelines.couplings(found->id)) {
        if (!app(actor, c.appId))
            continue;
        if (auto r = m_store.releases.byVersion(c.appId, m_store.releases.currentVersion(c.appId)))
            out.push_back(*r);
    }
    return out;
}

} // namespace dynodesk::platform
