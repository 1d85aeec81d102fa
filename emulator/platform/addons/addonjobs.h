#pragma once

#include "addontypes.h"

#include "platform/service.h"

#include "addons/addonprovisioner.h"
#include "addons/addonstate.h"

#include <QObject>

#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace dynodesk::addons {
class PlanCatalog;
}

namespace dynodesk::platform {

class AccountService;
class AttachmentService;
class ReleaseService;

// The providers' work on add-ons: jobs queued on the provisioner's worker, whose outcomes come
// back to finishAddonWork on the core thread. Each outcome is matched to the add-on's oldest
// queued job (the worker runs them in order) and takes the add-on to the state the table
// (addons/addonstate.h) gives: a provisioned add-on is attached (a release that restarts the
// dynos), a failed one keeps the provider's reason in `provision_message`.
class AddonJobs final : public QObject, public detail::Service {
    Q_OBJECT
public:
    enum class Job { Provision, Deprovision, RollBack, ChangePlan };

    AddonJobs(detail::Environment &env, ReleaseService &releases, AccountService &accounts,
              AttachmentService &attachments, const addons::PlanCatalog &catalog);

    // None by default: then no job runs, and creating an add-on is refused.
    void setAddonProvisioner(addons::AddonProvisioner *provisioner) { m_provisioner = provisioner; }
    addons::AddonProvisioner *provisioner() const { return m_provisioner; }

    // After the add-on's change committed: its provider's work for `job` (`oldPlan`: the plan to
    // put back if a plan change fails; `forkFrom`: the provider id of the database to copy).
    void queue(const Addon &addon, Job job, std::string oldPlan = {}, std::string forkFrom = {});
    // After an app's destruction: its add-ons' providers drop what they made.
    void deprovisionAll(const std::vector<Addon> &addons);
    // The provider's outcome for an add-on, back on the core thread.
    void finishAddonWork(const addons::AddonProvisioner::Outcome &outcome);
    // On start: add-ons a crash left `provisioning` are rolled back, `deprovisioning` ones
    // finished, and the providers of provisioned ones resumed.
    void recoverAddons();

    // The state table's input for a provider's outcome of `job`.
    static addons::Input jobInput(Job job, bool ok);

private:
    struct PendingJob {
        Job job;
        std::string oldPlan;
    };
    void storeAddonOutcome(const addons::AddonProvisioner::Outcome &outcome);
    // The outcome of `job` applied to `a`, inside the transaction; an attach's release in `made`.
    core::Status applyOutcome(Addon &a, const PendingJob &job, addons::State to,
                              const addons::AddonProvisioner::Outcome &outcome, std::optional<Release> &made,
                              std::string &logLine);

    ReleaseService &m_releases;
    AccountService &m_accounts;
    AttachmentService &m_attachments;
    const addons::PlanCatalog &m_catalog;
    addons::AddonProvisioner *m_provisioner = nullptr;
    std::unordered_map<std::string, std::deque<PendingJob>> m_jobs; // by add-on id, in the worker's order
};

} // namespace dynodesk::platform
