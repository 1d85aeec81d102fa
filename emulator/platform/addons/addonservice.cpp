#include "addonservice.h"

#include "addonjobs.h"
#include "addonresolver.h"
#include "attachmentservice.h"

#include "platform/quotas/quotaservice.h"
#include "platform/releases/releaseservice.h"
#include "platform/transaction.h"
#include "addons/addonstate.h"
#include "addons/attachmentnames.h"
#include "addons/plancatalog.h"
#include "core/ids.h"
#include "store/store.h"

#include <algorithm>
#include <random>
#include <regex>

namespace dynodesk::platform {

using core::ApiError;

AddonService::AddonService(detail::Environment &env, ReleaseService &releases, AddonResolver &resolver,
                           AttachmentService &attachments, AddonJobs &jobs, const addons::PlanCatalog &catalog,
                           QuotaService &quotas)
    : Service(env), m_releases(releases), m_resolver(resolver), m_attachments(attachments), m_jobs(jobs), m_catalog(catalog),
      m_quotas(quotas)
{
}

static std::string word(addons::State s) { return std::string(addons::toString(s)); }

static std::optional<std::string> addonNameError(const std::string &name)
{
    static const std::regex pattern("^[a-zA-Z][A-Za-z0-9_-]+$");
    if (name.size() > 64 || !std::regex_match(name, pattern))
        return "Name must start with a letter and can only contain letters, numbers, underscores and dashes.";
    return std::nullopt;
}

std::string AddonService::newAddonName(const addons::Service &service)
{
    // The adjective of a generated app name and five digits: `postgresql-curved-12345`.
    static thread_local std::mt19937 random{std::random_device{}()};
    for (;;) {
        const std::string generated = m_env.names.generate();
        const std::string adjective = generated.substr(0, generated.find('-'));
        const std::string name = service.resourceStem + "-" + adjective + "-"
                + std::to_string(std::uniform_int_distribution<int>(10000, 99999)(random));
        if (!m_store.addons.byIdOrName(name))
            return name;
    }
}

Result<Addon> AddonService::createAddon(const Actor &actor, const std::string &appName, const AddonCreate &create)
{
    auto access = app(actor, appName, Action::WriteConfig);
    if (!access)
        return access.error();
    auto choice = m_catalog.resolve(create.plan);
    if (!choice)
        return choice.error();
    if (!m_jobs.provisioner())
        return ApiError{503, "service_unavailable", "Add-ons are not available on this emulator."};
    if (auto allowed = m_quotas.allowNewAddon(access->app.ownerId); !allowed)
        return allowed.error();
    const auto names = m_store.attachments.namesForApp(access->app.id);
    if (create.attachmentName)
        if (auto error = addons::attachmentNameError(*create.attachmentName, names))
            return ApiError::invalidParams(*error);
    if (create.name) {
        if (auto error = addonNameError(*create.name))
            return ApiError::invalidParams(*error);
        if (m_store.addons.byIdOrName(*create.name))
            return ApiError::invalidParams("Name is already taken by another add-on.");
    }
    std::optional<Addon> forkOf;
    if (create.forkFrom) {
        auto source = forkSource(actor, access->app, *create.forkFrom);
        if (!source)
            return source.error();
        if (source->service != choice->service->name)
            return ApiError::invalidParams("Only a " + source->service + " add-on can be a fork of " + source->name + ".");
        forkOf = *source;
    }
    const std::string at = now();
    const std::string id = core::newId();
    std::string resource = "d" + id;
    resource.erase(std::remove(resource.begin(), resource.end(), '-'), resource.end());
    Addon addon{id, create.name.value_or(newAddonName(*choice->service)), access->app.id, access->app.name,
                access->app.ownerId, choice->service->name, choice->plan->name, word(addons::State::Provisioning),
                resource, {}, std::nullopt,
                create.attachmentName.value_or(addons::defaultAttachmentName(*choice->service, names)), actor.id, at, at};
    auto result = inTransaction([&]() -> Result<Addon> {
        m_store.addons.insert(addon);
        return *m_store.addons.byIdOrName(id);
    });
    if (result) {
        apiLog(addon.appId, "Add " + addon.name + " (" + choice->plan->qualifiedName(addon.service) + ")"
                                    + (forkOf ? " as a fork of " + forkOf->name : std::string()) + " by " + actor.email);
        m_jobs.queue(*result, AddonJobs::Job::Provision, {}, forkOf ? forkOf->providerId : std::string());
    }
    return result;
}

// What `--fork` names: an add-on (id or name), an attachment or config var of the app
// (`HEROKU_POSTGRESQL_RED`, `DATABASE_URL`), or `other-app::DATABASE`; it must be provisioned.
Result<Addon> AddonService::forkSource(const Actor &actor, const App &app, const std::string &name)
{
    auto found = m_resolver.resolveAddons(actor, app.name, name, std::nullopt);
    if (!found && name.find("::") == std::string::npos)
        found = m_resolver.resolveAddons(actor, std::nullopt, name, std::nullopt);
    if (!found)
        return ApiError::invalidParams("Couldn't find the database " + name + " to fork.");
    const Addon &source = found->front();
    if (source.state != word(addons::State::Provisioned))
        return ApiError::invalidParams("The database " + source.name + " is " + source.state + "; it can be forked once it is provisioned.");
    return source;
}

Result<std::vector<Addon>> AddonService::addons(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    auto owned = m_store.addons.listFor(access->app.id);
    // Add-ons of other apps attached here are the app's too.
    for (const auto &a : m_store.attachments.listForApp(access->app.id))
        if (a.addonAppId != access->app.id
            && std::none_of(owned.begin(), owned.end(), [&](const Addon &o) { return o.id == a.addonId; }))
            if (auto other = m_store.addons.byIdOrName(a.addonId))
                owned.push_back(*other);
    return owned;
}

std::vector<Addon> AddonService::allAddons(const Actor &actor)
{
    std::vector<Addon> out;
    for (const auto &appRecord : m_store.apps.listFor(actor.id))
        for (auto &a : m_store.addons.listFor(appRecord.id))
            out.push_back(std::move(a));
    return out;
}

Result<Addon> AddonService::updateAddon(const Actor &actor, const std::string &appName, const std::string &idOrName,
                                        const AddonUpdate &update)
{
    auto found = m_resolver.addon(actor, appName, idOrName, Action::WriteConfig);
    if (!found)
        return found.error();
    Addon a = *found;
    if (a.appId != m_store.apps.byIdOrName(appName).value_or(App{}).id)
        return ApiError::invalidParams("Only the owning app " + a.appName + " can change the add-on " + a.name + ".");
    if (!update.name && !update.plan)
        return ApiError::invalidParams("Give a new name or plan for the add-on.");
    if (update.name && *update.name != a.name) {
        if (auto error = addonNameError(*update.name))
            return ApiError::invalidParams(*error);
        if (m_store.addons.byIdOrName(*update.name))
            return ApiError::invalidParams("Name is already taken by another add-on.");
    }
    std::optional<std::string> oldPlan;
    if (update.plan) {
        const std::string spec = update.plan->find(':') == std::string::npos ? a.service + ":" + *update.plan : *update.plan;
        auto choice = m_catalog.resolve(spec);
        if (!choice)
            return choice.error();
        if (choice->service->name != a.service)
            return ApiError::invalidParams("The plan " + spec + " is not a plan of " + a.service + ".");
        if (a.state != word(addons::State::Provisioned))
            return ApiError::invalidParams("The add-on " + a.name + " is " + a.state + "; its plan can change once it is provisioned.");
        if (choice->plan->name != a.plan) {
            oldPlan = a.plan;
            a.plan = choice->plan->name;
        }
    }
    const std::string at = now();
    auto result = inTransaction([&]() -> Result<Addon> {
        if (update.name && *update.name != a.name)
            m_store.addons.rename(a.id, *update.name, at);
        a.updatedAt = at;
        a.provisionMessage.reset();
        m_store.addons.update(a);
        return *m_store.addons.byIdOrName(a.id);
    });
    if (result && oldPlan) {
        apiLog(a.appId, "Change " + a.name + " from " + a.service + ":" + *oldPlan + " to " + a.service + ":" + a.plan
                       + " by " + actor.email);
        m_jobs.queue(*result, AddonJobs::Job::ChangePlan, *oldPlan);
    }
    return result;
}

Result<Addon> AddonService::destroyAddon(const Actor &actor, const std::string &appName, const std::string &idOrName)
{
    auto found = m_resolver.addon(actor, appName, idOrName, Action::WriteConfig);
    if (!found)
        return found.error();
    Addon a = *found;
    if (a.appId != m_store.apps.byIdOrName(appName).value_or(App{}).id)
        return ApiError::invalidParams("Only the owning app " + a.appName + " can destroy the add-on " + a.name
                                       + "; detach it from this app instead.");
    if (a.state == word(addons::State::Deprovisioning))
        return a; // already on its way
    const auto from = addons::stateFromString(a.state);
    const auto next = from ? addons::transition(*from, addons::Input::DestroyAsked) : std::nullopt;
    std::vector<Release> made;
    auto result = inTransaction([&]() -> Result<Addon> {
        for (const auto &attachment : m_store.attachments.listForAddon(a.id))
            if (auto release = m_attachments.detachInTransaction(attachment, actor))
                made.push_back(*release);
        if (!next) { // already deprovisioned (a failed provision): nothing left to drop
            m_store.addons.remove(a.id);
            a.state = word(addons::State::Deprovisioned);
            return a;
        }
        a.state = word(*next);
        a.updatedAt = now();
        m_store.addons.update(a);
        return a;
    });
    if (result) {
        for (const auto &r : made)
            m_releases.releaseMade(r);
        apiLog(a.appId, "Destroy " + a.name + " by " + actor.email);
        if (next)
            m_jobs.queue(a, AddonJobs::Job::Deprovision);
    }
    return result;
}

Result<Addon> AddonService::addonAction(const Actor &actor, const std::string &idOrName, bool provision)
{
    auto found = m_resolver.addon(actor, std::nullopt, idOrName, Action::WriteConfig);
    if (!found)
        return found.error();
    const auto state = addons::stateFromString(found->state);
    const bool fits = provision ? state == addons::State::Provisioning || state == addons::State::Provisioned
                                : state == addons::State::Deprovisioning || state == addons::State::Deprovisioned;
    if (!fits)
        return ApiError::invalidParams(
                "The add-on " + found->name + " is " + found->state + ". Its provider is built into the emulator and reports "
                + (provision ? std::string("provisioning itself; a failed add-on is destroyed and created again.")
                             : std::string("deprovisioning itself once the add-on is destroyed (DELETE /apps/{app}/addons/{addon}).")));
    return *found;
}


} // namespace dynodesk::platform
