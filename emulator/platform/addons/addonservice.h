#pragma once

#include "addontypes.h"

#include "platform/service.h"

#include <optional>
#include <string>
#include <vector>

namespace dynodesk::addons {
class PlanCatalog;
struct Service;
}

namespace dynodesk::platform {

class AddonJobs;
class AddonResolver;
class AttachmentService;
class QuotaService;
class ReleaseService;

// Add-ons: create, list, update (rename, plan change), destroy and `add-on-action`. Each change
// is stored first and its provider's work then queued on AddonJobs: a new add-on is
// `provisioning` until the outcome comes back, then attached (`Attach DATABASE (@ref:...)`, a
// release that restarts the dynos) or `deprovisioned` with the provider's error in
// `provision_message`. An add-on is looked up through AddonResolver::addon.
class AddonService final : public detail::Service {
public:
    AddonService(detail::Environment &env, ReleaseService &releases, AddonResolver &resolver,
                 AttachmentService &attachments, AddonJobs &jobs, const addons::PlanCatalog &catalog,
                 QuotaService &quotas);

    Result<Addon> createAddon(const Actor &actor, const std::string &app, const AddonCreate &create);
    Result<std::vector<Addon>> addons(const Actor &actor, const std::string &app);
    // Every add-on of the apps the actor can see.
    std::vector<Addon> allAddons(const Actor &actor);
    Result<Addon> updateAddon(const Actor &actor, const std::string &app, const std::string &idOrName,
                              const AddonUpdate &update);
    // Detaches everywhere (a release per attachment) and drops what the provider made: the add-on
    // is `deprovisioning` until the provider is done, then gone.
    Result<Addon> destroyAddon(const Actor &actor, const std::string &app, const std::string &idOrName);
    // `add-on-action`: a provider's report that the add-on is provisioned (`provision`) or gone
    // (`deprovision`). The built-in providers report for themselves: the add-on must already be in
    // that state or on its way to it (422 otherwise); nothing changes.
    Result<Addon> addonAction(const Actor &actor, const std::string &idOrName, bool provision);

private:
    Result<Addon> forkSource(const Actor &actor, const App &app, const std::string &name);
    std::string newAddonName(const addons::Service &service);

    ReleaseService &m_releases;
    AddonResolver &m_resolver;
    AttachmentService &m_attachments;
    AddonJobs &m_jobs;
    const addons::PlanCatalog &m_catalog;
    QuotaService &m_quotas;
};

} // namespace dynodesk::platform
