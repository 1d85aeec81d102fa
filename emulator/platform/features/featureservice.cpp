// Labs features of an app.
// Labs features of an app.
#include "featureservice.h"

#include "platform/transaction.h"
#include "platform/catalog.h"

#include "store/store.h"

namespace dynodesk::platform {

using core::ApiError;

FeatureService::FeatureService(detail::Environment &env) : Service(env) {}

static AppFeature featureOf(const LabsFeature &f, const std::vector<store::FeatureRecord> &stored, const std::string &appCreated)
{
    AppFeature out{f.id, f.name, f.displayName, f.description, f.docUrl, f.state, appCreated, appCreated, false};
    for (const auto &s : stored)
        if (s.name == f.name) {
            out.enabled = s.enabled;
            out.createdAt = s.createdAt;
            out.updatedAt = s.updatedAt;
        }
    return out;
}

Result<std::vector<AppFeature>> FeatureService::features(const Actor &actor, const std::string &app)
{
    auto access = this->app(actor, app);
    if (!access)
        return access.error();
    const auto stored = m_store.features.listFor(access->app.id);
    std::vector<AppFeature> out;
    for (const auto &f : labsFeatures())
        out.push_back(featureOf(f, stored, access->app.createdAt));
    return out;
}

Result<AppFeature> FeatureService::feature(const Actor &actor, const std::string &app, const std::string &name)
{
    auto access = this->app(actor, app);
    if (!access)
        return access.error();
    auto known = findLabsFeature(name);
    if (!known)
        return ApiError::notFound("Couldn't find that feature.");
    return featureOf(*known, m_store.features.listFor(access->app.id), access->app.createdAt);
}

Result<AppFeature> FeatureService::setFeature(const Actor &actor, const std::string &app, const std::string &name, bool enabled)
{
    auto access = this->app(actor, app, Action::WriteConfig);
    if (!access)
        return access.error();
    auto known = findLabsFeature(name);
    if (!known)
        return ApiError::notFound("Couldn't find that feature.");
    const std::string at = now();
    auto result = inTransaction([&]() -> Result<AppFeature> {
        m_store.features.set({access->app.id, known->name, enabled, at, at});
        return featureOf(*known, m_store.features.listFor(access->app.id), access->app.createdAt);
    });
    if (result) // the dynos pick the feature up
        emit m_events.formationChanged(QString::fromStdString(access->app.id));
    return result;
}

} // namespace dynodesk::platform
