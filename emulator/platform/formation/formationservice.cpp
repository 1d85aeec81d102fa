// The formation: the desired quantity and size of each process type, and what should run.
#include "formationservice.h"

#include "platform/transaction.h"
#include "platform/catalog.h"
#include "platform/quotas/quotaservice.h"

#include "core/ids.h"

#include "store/store.h"

#include <algorithm>

namespace dynodesk::platform {

using core::ApiError;

FormationService::FormationService(detail::Environment &env, QuotaService &quotas) : Service(env), m_quotas(quotas) {}


std::optional<std::map<std::string, std::string>> FormationService::currentProcessTypes(const std::string &appId)
{
    auto current = m_store.releases.byVersion(appId, m_store.releases.currentVersion(appId));
    if (!current || !current->slugId)
        return std::nullopt;
    auto slug = m_store.slugs.byId(*current->slugId);
    if (!slug)
        return std::nullopt;
    return slug->processTypes;
}

Result<std::vector<Formation>> FormationService::formation(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    return m_store.formations.list(access->app.id);
}

Result<Formation> FormationService::formationType(const Actor &actor, const std::string &appName,
                                                const std::string &type)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    auto found = m_store.formations.find(access->app.id, type);
    if (!found)
        return ApiError::notFound("Couldn't find that formation.");
    return *found;
}

Result<std::vector<Formation>> FormationService::updateFormation(const Actor &actor, const std::string &appName,
                                                               const std::vector<FormationUpdate> &updates)
{
    auto access = app(actor, appName, Action::Scale);
    if (!access)
        return access.error();
    if (updates.empty())
        return ApiError::invalidParams("No formation updates given.");
    const std::string at = now();
    std::vector<Formation> changed;
    int64_t added = 0; // dynos the change adds (negative: removes)
    for (const auto &u : updates) {
        if (!core::isValidProcessType(u.type))
            return ApiError::invalidParams("Invalid process type " + u.type + ".");
        // Once the app has a deployed slug, only its process types can be scaled.
        if (auto slugTypes = currentProcessTypes(access->app.id); slugTypes && !slugTypes->count(u.type))
            return ApiError::invalidParams("Couldn't find that process type (" + u.type + ").");
        // The release phase is listed (the CLI's releases:retry and pg:promote look for it) and
        // takes a size, but it runs once per release, not as dynos to scale.
        if (u.type == "release" && u.quantity && (u.relative || *u.quantity != 0))
            return ApiError::invalidParams("Cannot scale the release process type: it runs once per release. "
                                           "Change its size with ps:type instead.");
        auto existing = m_store.formations.find(access->app.id, u.type);
        Formation f = existing.value_or(Formation{core::newId(), access->app.id, access->app.name, u.type,
                                                               0, std::string(kDefaultDynoSize), "", at, at});
        if (u.quantity) {
            const int64_t quantity = u.relative ? std::max<int64_t>(0, f.quantity + *u.quantity) : *u.quantity;
            if (quantity < 0)
                return ApiError::invalidParams("Quantity for " + u.type + " must be zero or more.");
            if (quantity > m_settings.maxQuantityPerType)
                return ApiError::invalidParams("Cannot scale " + u.type + " beyond " + std::to_string(m_settings.maxQuantityPerType)
                                               + " dynos per process type.");
            f.quantity = quantity;
        }
        if (u.size) {
            auto size = findDynoSize(*u.size);
            if (!size)
                return ApiError::invalidParams("No such size as " + *u.size
                                               + ". Use eco, basic, standard-1X, standard-2X, performance-M or "
                                                 "performance-L.");
            f.size = size->name;
        }
        f.updatedAt = at;
        added += f.quantity - (existing ? existing->quantity : 0);
        changed.push_back(std::move(f));
    }
    if (auto allowed = m_quotas.allowMoreDynos(access->app.ownerId, added); !allowed)
        return allowed.error();
    auto result = inTransaction([&]() -> Result<std::vector<Formation>> {
        for (const auto &f : changed)
            m_store.formations.upsert(f);
        std::vector<Formation> out;
        for (const auto &f : changed)
            out.push_back(*m_store.formations.find(access->app.id, f.type));
        return out;
    });
    if (result) {
        std::string scaled;
        for (const auto &f : result.value())
            scaled += (scaled.empty() ? "" : ", ") + f.type + "@" + std::to_string(f.quantity) + ":" + f.size;
        apiLog(access->app.id, "Scaled to " + scaled + " by " + actor.email);
        emit m_events.formationChanged(QString::fromStdString(access->app.id));
    }
    return result;
}

std::optional<std::string> FormationService::applyProcessTypes(const App &app, const Slug &slug)
{
    const std::string at = now();
    std::optional<std::string> notice;
    for (const auto &f : m_store.formations.list(app.id)) {
        if (!slug.processTypes.count(f.type))
            m_store.db.prepare("DELETE FROM formations WHERE id = ?").bind(1, f.id).run();
    }
    for (const auto &[type, command] : slug.processTypes) {
        auto existing = m_store.formations.find(app.id, type);
        int64_t quantity = type == "web" ? 1 : 0;
        if (!existing && quantity > 0) {
            if (auto allowed = m_quotas.allowMoreDynos(app.ownerId, quantity); !allowed) {
                quantity = 0;
                notice = "web was not scaled to 1: " + allowed.error().message;
                apiLog(app.id, *notice);
            }
        }
        Formation f = existing.value_or(Formation{
                core::newId(), app.id, app.name, type, quantity, "Standard-1X", command, at, at});
        f.command = command;
        f.updatedAt = at;
        m_store.formations.upsert(f);
    }
    return notice;
}

dynos::DesiredApp FormationService::desiredDynos(const std::string &appId)
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
        if (f.type == "release")
            continue; // the release phase is run by the deployer, not converged
        const auto size = findDynoSize(f.size);
        want.formation.push_back({f.type, f.command, f.size, static_cast<int>(f.quantity), size ? size->memoryMb : 512});
    }
    return want;
}

Result<dynos::DesiredApp> FormationService::oneOffRelease(const Actor &actor, const std::string &app)
{
    auto access = this->app(actor, app, Action::Scale);
    if (!access)
        return access.error();
    auto want = desiredDynos(access->app.id);
    if (want.slugPath.empty())
        return ApiError::invalidParams("This app has no release to run a command on yet. Deploy it first (git push).");
    return want;
}

} // namespace dynodesk::platform
