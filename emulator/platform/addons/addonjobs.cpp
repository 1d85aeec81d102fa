#include "addonjobs.h"

#include "attachmentservice.h"

#include "platform/accounts/accountservice.h"
#include "platform/releases/releaseservice.h"
#include "platform/transaction.h"
#include "addons/attachmentnames.h"
#include "addons/plancatalog.h"
#include "core/guard.h"
#include "store/store.h"

#include <set>

namespace dynodesk::platform {

AddonJobs::AddonJobs(detail::Environment &env, ReleaseService &releases, AccountService &accounts,
                     AttachmentService &attachments, const addons::PlanCatalog &catalog)
    : Service(env), m_releases(releases), m_accounts(accounts), m_attachments(attachments), m_catalog(catalog)
{
}

static std::string word(addons::State s) { return std::string(addons::toString(s)); }

void AddonJobs::queue(const Addon &addon, Job job, std::string oldPlan, std::string forkFrom)
{
    if (!m_provisioner)
        return;
    const addons::Service *service = m_catalog.service(addon.service);
    if (!service)
        return;
    auto choice = m_catalog.resolve(addon.service + ":" + addon.plan);
    const addons::Plan &plan = choice ? *choice->plan : service->defaultPlan();
    m_jobs[addon.id].push_back({job, std::move(oldPlan)});
    switch (job) {
    case Job::Provision:
        m_provisioner->run(addon.id, addons::State::Provisioning, addon.service, addon.providerId, plan, forkFrom);
        break;
    case Job::Deprovision:
    case Job::RollBack:
        m_provisioner->run(addon.id, addons::State::Deprovisioning, addon.service, addon.providerId, plan);
        break;
    case Job::ChangePlan:
        m_provisioner->changePlan(addon.id, addon.service, addon.providerId, plan);
        break;
    }
}

void AddonJobs::deprovisionAll(const std::vector<Addon> &addons)
{
    for (const auto &addon : addons)
        if (addon.state != word(addons::State::Deprovisioned))
            queue(addon, Job::Deprovision);
}

void AddonJobs::finishAddonWork(const addons::AddonProvisioner::Outcome &outcome)
{
    core::runGuarded("storing an add-on's outcome", [&] { storeAddonOutcome(outcome); });
}

addons::Input AddonJobs::jobInput(Job job, bool ok)
{
    using addons::Input;
    switch (job) {
    case Job::Provision:
        return ok ? Input::ProvisionSucceeded : Input::ProvisionFailed;
    case Job::Deprovision:
        return ok ? Input::DeprovisionSucceeded : Input::DeprovisionFailed;
    case Job::RollBack:
        return ok ? Input::RollBackSucceeded : Input::RollBackFailed;
    case Job::ChangePlan:
        break;
    }
    return ok ? Input::PlanChangeSucceeded : Input::PlanChangeFailed;
}

void AddonJobs::storeAddonOutcome(const addons::AddonProvisioner::Outcome &outcome)
{
    if (outcome.addonId.empty()) { // resuming a provider at start
        if (outcome.error)
            for (const auto &a : m_store.addons.inState(word(addons::State::Provisioned)))
                apiLog(a.appId, "Add-on " + a.name + " is unavailable: " + outcome.error->message);
        return;
    }
    auto queued = m_jobs.find(outcome.addonId);
    if (queued == m_jobs.end() || queued->second.empty())
        return;
    const PendingJob job = queued->second.front();
    queued->second.pop_front();
    if (queued->second.empty())
        m_jobs.erase(queued);
    auto found = m_store.addons.byIdOrName(outcome.addonId);
    if (!found)
        return;
    Addon a = *found;
    a.updatedAt = now();
    // The table (addons/addonstate.h) says where the job's outcome takes the add-on; an outcome
    // that does not apply to its state now (it was destroyed meanwhile) changes nothing.
    const auto from = addons::stateFromString(a.state);
    const auto to = from ? addons::transition(*from, jobInput(job.job, !outcome.error)) : std::nullopt;
    if (!to)
        return; // the deprovision queued after this job drops it
    std::optional<Release> made;
    std::string logLine;
    auto stored = inTransaction([&]() -> core::Status { return applyOutcome(a, job, *to, outcome, made, logLine); });
    if (!stored)
        return;
    if (!logLine.empty())
        apiLog(a.appId, logLine);
    if (made)
        m_releases.releaseMade(*made);
}

core::Status AddonJobs::applyOutcome(Addon &a, const PendingJob &job, addons::State to,
                                     const addons::AddonProvisioner::Outcome &outcome, std::optional<Release> &made,
                                     std::string &logLine)
{
    const std::string failure = outcome.error ? outcome.error->message : std::string();
    switch (job.job) {
    case Job::Provision: {
        a.state = word(to);
        if (outcome.error) {
            a.provisionMessage = "Provisioning failed: " + failure;
            a.config.clear();
            m_store.addons.update(a);
            logLine = "Provisioning " + a.name + " failed: " + failure;
            return core::Done{};
        }
        a.config = outcome.config;
        const auto names = m_store.attachments.namesForApp(a.appId);
        std::string name = a.attachAs.value_or("");
        if (name.empty() || addons::attachmentNameError(name, names)) // taken since: the next free name
            name = addons::defaultAttachmentName(*m_catalog.service(a.service), names);
        a.attachAs.reset();
        a.provisionMessage.reset();
        m_store.addons.update(a);
        auto appRecord = m_store.apps.byIdOrName(a.appId);
        const Actor by = m_accounts.actorById(a.createdBy).value_or(Actor{a.ownerId, ""});
        made = m_attachments.attachInTransaction(*appRecord, by, a, name, std::nullopt, nullptr);
        return core::Done{};
    }
    case Job::Deprovision:
        if (to != addons::State::Deprovisioned) {
            a.state = word(to);
            a.provisionMessage = "Deprovisioning failed: " + failure;
            m_store.addons.update(a);
            logLine = "Destroying " + a.name + " failed: " + failure;
        } else {
            m_store.addons.remove(a.id);
        }
        return core::Done{};
    case Job::RollBack:
        a.state = word(to);
        a.config.clear();
        a.provisionMessage = outcome.error ? "Provisioning was interrupted and rolling it back failed: " + failure
                                           : std::string("Provisioning was interrupted by an emulator restart.");
        m_store.addons.update(a);
        return core::Done{};
    case Job::ChangePlan:
        a.state = word(to);
        if (outcome.error) {
            a.plan = job.oldPlan;
            a.provisionMessage = "Changing the plan failed: " + failure;
            m_store.addons.update(a);
            logLine = "Changing the plan of " + a.name + " failed: " + failure;
        }
        return core::Done{};
    }
    return core::Done{};
}

void AddonJobs::recoverAddons()
{
    for (const auto &a : m_store.addons.inState(word(addons::State::Provisioning))) {
        Addon rolling = a;
        rolling.state = word(*addons::transition(addons::State::Provisioning, addons::Input::FoundOnStart));
        rolling.updatedAt = now();
        m_store.addons.update(rolling);
        queue(rolling, Job::RollBack);
    }
    for (const auto &a : m_store.addons.inState(word(addons::State::Deprovisioning)))
        if (!m_jobs.count(a.id))
            queue(a, Job::Deprovision);
    // Apps connect to their databases without asking the emulator: the cluster comes back now.
    std::set<std::string> services;
    for (const auto &a : m_store.addons.inState(word(addons::State::Provisioned)))
        services.insert(a.service);
    if (m_provisioner)
        for (const auto &s : services)
            m_provisioner->resume(s);
}

} // namespace dynodesk::platform
