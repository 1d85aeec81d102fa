#pragma once

#include "addontypes.h"

#include "platform/releases/releasetypes.h"
#include "platform/service.h"

#include "addons/addonprovisioner.h"
#include "addons/plancatalog.h"

#include <QObject>

#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace dynodesk::platform {

class AccountService;
class ReleaseService;

// Add-ons and their attachments. Provisioning runs on the provisioner's worker: an add-on is
// `provisioning` until its outcome comes back to finishAddonWork on the core thread; then it is
// attached (`Attach DATABASE (@ref:...)`, a release that restarts the dynos) or `deprovisioned`
// with the provider's error in `provision_message`.
class AddonService final : public QObject, public detail::Service {
    Q_OBJECT
public:
    AddonService(detail::Environment &env, ReleaseService &releases, AccountService &accounts);

    void setAddonProvisioner(addons::AddonProvisioner *provisioner) { m_provisioner = provisioner; }
    addons::AddonProvisioner *provisioner() const { return m_provisioner; }
    const addons::PlanCatalog &planCatalog() const { return m_catalog; }

    Result<Addon> createAddon(const Actor &actor, const std::string &app, const AddonCreate &create);
    Result<std::vector<Addon>> addons(const Actor &actor, const std::string &app);
    // Every add-on of the apps the actor can see.
    std::vector<Addon> allAddons(const Actor &actor);
    // By id or name; with an app, also by the name of an attachment on that app, and only add-ons
    // the app owns or has attached.
    Result<Addon> addon(const Actor &actor, const std::optional<std::string> &app, const std::string &idOrName,
                        Action action = Action::View);
    Result<Addon> updateAddon(const Actor &actor, const std::string &app, const std::string &idOrName,
                              const AddonUpdate &update);
    // Detaches everywhere (a release per attachment) and drops what the provider made: the add-on
    // is `deprovisioning` until the provider is done, then gone.
    Result<Addon> destroyAddon(const Actor &actor, const std::string &app, const std::string &idOrName);
    // `add-on-action`: a provider's report that the add-on is provisioned (`provision`) or gone
    // (`deprovision`). The built-in providers report for themselves: the add-on must already be in
    // that state or on its way to it (422 otherwise); nothing changes.
    Result<Addon> addonAction(const Actor &actor, const std::string &idOrName, bool provision);
    Result<Attachment> createAttachment(const Actor &actor, const AttachmentCreate &create);
    Result<std::vector<Attachment>> attachments(const Actor &actor, const std::string &app);
    Result<std::vector<Attachment>> addonAttachments(const Actor &actor, const std::string &addon);
    std::vector<Attachment> allAttachments(const Actor &actor);
    Result<Attachment> attachment(const Actor &actor, const std::string &id);
    Result<Attachment> appAttachment(const Actor &actor, const std::string &app, const std::string &idOrName);
    Result<Attachment> deleteAttachment(const Actor &actor, const std::string &id);
    // The CLI's resolvers: every add-on (attachment) the identifier may mean, `app::name` included.
    Result<std::vector<Addon>> resolveAddons(const Actor &actor, const std::optional<std::string> &app,
                                             const std::string &id, const std::optional<std::string> &service);
    Result<std::vector<Attachment>> resolveAttachments(const Actor &actor, const std::optional<std::string> &app,
                                                       const std::string &id, const std::optional<std::string> &service);
    // The config vars an add-on gives its owning app (`DATABASE_URL`, ...).
    std::vector<std::string> addonConfigVars(const Addon &addon);
    std::vector<std::string> attachmentConfigVars(const Attachment &attachment);
    // The provider's outcome for an add-on, back on the core thread.
    void finishAddonWork(const addons::AddonProvisioner::Outcome &outcome);
    // On start: add-ons a crash left `provisioning` are rolled back, `deprovisioning` ones
    // finished, and the providers of provisioned ones resumed.
    void recoverAddons();

    // For the apps and data services, inside their transaction.
    std::vector<Release> detachFromOtherAppsInTransaction(const App &app, const std::vector<Addon> &addons,
                                                          const Actor &actor);
    // After an app's destruction: its add-ons' providers drop what they made.
    void deprovisionAll(const std::vector<Addon> &addons);
    // Every attachment of the add-ons gets the new config (a release per app), in the caller's
    // transaction; returns the release made on the owning app, if any.
    std::optional<Release> replaceConfigInTransaction(const std::vector<Attachment> &attachments, const Actor &actor,
                                                      const ConfigMap &oldConfig, const ConfigMap &newConfig);

private:
    enum class AddonJob { Provision, Deprovision, RollBack, ChangePlan };
    // The state table's input for a provider's outcome of `job`.
    static addons::Input jobInput(AddonJob job, bool ok);
    void storeAddonOutcome(const addons::AddonProvisioner::Outcome &outcome);
    void queueAddonJob(const Addon &addon, AddonJob job, std::string oldPlan = {}, std::string forkFrom = {});
    Result<Addon> forkSource(const Actor &actor, const App &app, const std::string &name);
    Release attachInTransaction(const App &app, const Actor &actor, const Addon &addon, const std::string &name,
                                std::optional<std::string> ns, Attachment *made);
    std::optional<Release> detachInTransaction(const Attachment &attachment, const Actor &actor);
    std::string newAddonName(const addons::Service &service);

    ReleaseService &m_releases;
    AccountService &m_accounts;
    const addons::PlanCatalog m_catalog;
    addons::AddonProvisioner *m_provisioner = nullptr;
    struct PendingJob {
        AddonJob job;
        std::string oldPlan;
    };
    std::unordered_map<std::string, std::deque<PendingJob>> m_addonJobs; // by add-on id, in the worker's order
};

} // namespace dynodesk::platform
