// Platform: the formation, the desired quantity and size of each process type.
#include "catalog.h"
#include "platform.h"
#include "platformtransaction.h"

#include "core/ids.h"

#include <algorithm>
#include "store/store.h"

namespace dynodesk::platform {

using core::ApiError;
using store::FormationRecord;


std::optional<std::map<std::string, std::string>> Platform::currentProcessTypes(const std::string &appId)
{
    auto current = m_store.releases.byVersion(appId, m_store.releases.currentVersion(appId));
    if (!current || !current->slugId)
        return std::nullopt;
    auto slug = m_store.slugs.byId(*current->slugId);
    if (!slug)
        return std::nullopt;
    return slug->processTypes;
}

Result<std::vector<FormationRecord>> Platform::formation(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    return m_store.formations.list(access->app.id);
}

Result<FormationRecord> Platform::formationType(const Actor &actor, const std::string &appName,
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

Result<std::vector<FormationRecord>> Platform::updateFormation(const Actor &actor, const std::string &appName,
                                                               const std::vector<FormationUpdate> &updates)
{
    auto access = app(actor, appName, Action::Scale);
    if (!access)
        return access.error();
    if (updates.empty())
        return ApiError::invalidParams("No formation updates given.");
    const std::string at = now();
    std::vector<FormationRecord> changed;
    for (const auto &u : updates) {
        if (!core::isValidProcessType(u.type))
            return ApiError::invalidParams("Invalid process type " + u.type + ".");
        // Once the app has a deployed slug, only its process types can be scaled.
        if (auto slugTypes = currentProcessTypes(access->app.id); slugTypes && (!slugTypes->count(u.type) || u.type == "release"))
            return ApiError::invalidParams("Couldn't find that process type (" + u.type + ").");
        auto existing = m_store.formations.find(access->app.id, u.type);
        FormationRecord f = existing.value_or(FormationRecord{core::newId(), access->app.id, access->app.name, u.type,
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
        changed.push_back(std::move(f));
    }
    auto result = inTransaction([&]() -> Result<std::vector<FormationRecord>> {
        for (const auto &f : changed)
            m_store.formations.upsert(f);
        std::vector<FormationRecord> out;
        for (const auto &f : changed)
            out.push_back(*m_store.formations.find(access->app.id, f.type));
        return out;
    });
    if (result) {
        std::string scaled;
        for (const auto &f : result.value())
            scaled += (scaled.empty() ? "" : ", ") + f.type + "@" + std::to_string(f.quantity) + ":" + f.size;
        apiLog(access->app.id, "Scaled to " + scaled + " by " + actor.email);
        emit formationChanged(QString::fromStdString(access->app.id));
    }
    return result;
}

} // namespace dynodesk::platform
