// Add-ons and their attachments. Provisioning runs on the provisioner's worker thread; its outcome comes back to finishAddonWork on the core thread, which stores it.
// worker thread; its outcome comes back to finishAddonWork on the core thread, which stores it.

#include "addonservice.h"

#include "platform/accounts/accountservice.h"
#include "platform/releases/releaseservice.h"
#include "platform/transaction.h"
#include "addons/addonstate.h"
#include "addons/attachmentnames.h"
#include "core/guard.h"
#include "core/ids.h"
#include "store/store.h"

#include <algorithm>
#include <random>
#include <regex>
#include <set>

namespace dynodesk::platform {

using core::ApiError;

AddonService::AddonService(detail::Environment &env, ReleaseService &releases, AccountService &accounts)
    : Service(env), m_releases(releases), m_accounts(accounts)
{
}

static std::string word(addons::State s) { return std::string(addons::toString(s)); }

static std::string refOf(const Addon &addon) { return "(@ref:" + addon.name + ")"; }

// `DATABASE` and {"URL": ...} give `DATABASE_URL`.
static std::vector<std::pair<std::string, std::string>> varsOf(const std::string &attachment, const ConfigMap &config)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto &[suffix, value] : config)
        out.emplace_back(attachment + "_" + suffix, value);
    return out;
}

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

Release AddonService::attachInTransaction(const App &app, const Actor &actor, const Addon &addon,
                                            const std::string &name, std::optional<std::string> ns, Attachment *made)
{
    const std::string at = now();
    Attachment a{core::newId(), addon.id, addon.name, addon.appId, addon.appName, app.id, app.name, name,
                       std::move(ns), at, at};
    m_store.attachments.insert(a);
    if (made)
        *made = a;
    ConfigMap config = m_store.config.get(app.id);
    for (const auto &[key, value] : varsOf(name, addon.config))
        config[key] = value;
    m_store.config.replace(app.id, config);
    std::optional<std::string> slug;
    if (auto current = m_store.releases.byVersion(app.id, m_store.releases.currentVersion(app.id)))
        slug = current->slugId;
    return m_releases.newRelease(app, actor, "Attach " + name + " " + refOf(addon), config, slug);
}

std::optional<Release> AddonService::detachInTransaction(const Attachment &attachment, const Actor &actor)
{
    auto app = m_store.apps.byIdOrName(attachment.appId);
    auto addon = m_store.addons.byIdOrName(attachment.addonId);
    m_store.attachments.remove(attachment.id);
    if (!app || !addon)
        return std::nullopt;
    ConfigMap config = m_store.config.get(app->id);
    for (const auto &[key, value] : varsOf(attachment.name, addon->config))
        config.erase(key);
    m_store.config.replace(app->id, config);
    std::optional<std::string> slug;
    if (auto current = m_store.releases.byVersion(app->id, m_store.releases.currentVersion(app->id)))
        slug = current->slugId;
    return m_releases.newRelease(*app, actor, "Detach " + attachment.name + " " + refOf(*addon), config, slug);
}

// An add-on's config changed (rotated credentials): the vars of its attachments to one app
// follow, in one release that restarts the app's dynos.
std::optional<Release> AddonService::replaceConfigInTransaction(const std::vector<Attachment> &attachments,
                                                                  const Actor &actor, const ConfigMap &oldConfig,
                                                                  const ConfigMap &newConfig)
{
    if (attachments.empty())
        return std::nullopt;
    auto app = m_store.apps.byIdOrName(attachments.front().appId);
    if (!app)
        return std::nullopt;
    ConfigMap config = m_store.config.get(app->id);
    std::string names;
    for (const auto &attachment : attachments) {
        for (const auto &[key, value] : varsOf(attachment.name, oldConfig))
            config.erase(key);
        for (const auto &[key, value] : varsOf(attachment.name, newConfig))
            config[key] = value;
        names += (names.empty() ? "" : ", ") + attachment.name;
    }
    m_store.config.replace(app->id, config);
    std::optional<std::string> slug;
    if (auto current = m_store.releases.byVersion(app->id, m_store.releases.currentVersion(app->id)))
        slug = current->slugId;
    return m_releases.newRelease(*app, actor, "Update " + names + " by " + attachments.front().addonService, config, slug);
}

void AddonService::queueAddonJob(const Addon &addon, AddonJob job, std::string oldPlan, std::string forkFrom)
{
    if (!m_provisioner)
        return;
    const addons::Service *service = m_catalog.service(addon.service);
    if (!service)
        return;
    auto choice = m_catalog.resolve(addon.service + ":" + addon.plan);
    const addons::Plan &plan = choice ? *choice->plan : service->defaultPlan();
    m_addonJobs[addon.id].push_back({job, std::move(oldPlan)});
    switch (job) {
    case AddonJob::Provision:
        m_provisioner->run(addon.id, addons::State::Provisioning, addon.service, addon.providerId, plan, forkFrom);
        break;
    case AddonJob::Deprovision:
    case AddonJob::RollBack:
        m_provisioner->run(addon.id, addons::State::Deprovisioning, addon.service, addon.providerId, plan);
        break;
    case AddonJob::ChangePlan:
        m_provisioner->changePlan(addon.id, addon.service, addon.providerId, plan);
        break;
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
    if (!m_provisioner)
        return ApiError{503, "service_unavailable", "Add-ons are not available on this emulator."};
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
        queueAddonJob(*result, AddonJob::Provision, {}, forkOf ? forkOf->providerId : std::string());
    }
    return result;
}

// What `--fork` names: an add-on (id or name), an attachment or config var of the app
// (`HEROKU_POSTGRESQL_RED`, `DATABASE_URL`), or `other-app::DATABASE`; it must be provisioned.
Result<Addon> AddonService::forkSource(const Actor &actor, const App &app, const std::string &name)
{
    auto found = resolveAddons(actor, app.name, name, std::nullopt);
    if (!found && name.find("::") == std::string::npos)
        found = resolveAddons(actor, std::nullopt, name, std::nullopt);
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

Result<Addon> AddonService::addon(const Actor &actor, const std::optional<std::string> &appName,
                                    const std::string &idOrName, Action action)
{
    std::optional<Addon> found;
    if (appName) {
        auto access = app(actor, *appName, action);
        if (!access)
            return access.error();
        found = m_store.addons.byIdOrName(idOrName);
        // An add-on of another app counts here only when it is attached to this one.
        if (found && found->appId != access->app.id) {
            const auto attached = m_store.attachments.listForAddon(found->id);
            if (std::none_of(attached.begin(), attached.end(),
                             [&](const Attachment &a) { return a.appId == access->app.id; }))
                found.reset();
        }
        if (!found)
            if (auto byAttachment = m_store.attachments.find(access->app.id, idOrName))
                found = m_store.addons.byIdOrName(byAttachment->addonId);
    } else {
        found = m_store.addons.byIdOrName(idOrName);
        if (found) {
            auto access = app(actor, found->appId, action);
            if (!access)
                return access.error().status == 403 ? ApiError::notFound("Couldn't find that add-on.") : access.error();
        }
    }
    if (!found)
        return ApiError{404, "not_found", "Couldn't find that add-on.", "add_on"};
    return *found;
}

Result<Addon> AddonService::updateAddon(const Actor &actor, const std::string &appName, const std::string &idOrName,
                                          const AddonUpdate &update)
{
    auto found = addon(actor, appName, idOrName, Action::WriteConfig);
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
        queueAddonJob(*result, AddonJob::ChangePlan, *oldPlan);
    }
    return result;
}

Result<Addon> AddonService::destroyAddon(const Actor &actor, const std::string &appName, const std::string &idOrName)
{
    auto found = addon(actor, appName, idOrName, Action::WriteConfig);
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
            if (auto release = detachInTransaction(attachment, actor))
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
            queueAddonJob(a, AddonJob::Deprovision);
    }
    return result;
}

Result<Addon> AddonService::addonAction(const Actor &actor, const std::string &idOrName, bool provision)
{
    auto found = addon(actor, std::nullopt, idOrName, Action::WriteConfig);
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

Result<Attachment> AddonService::createAttachment(const Actor &actor, const AttachmentCreate &create)
{
    auto addonFound = addon(actor, std::nullopt, create.addon, Action::WriteConfig);
    if (!addonFound)
        return addonFound.error();
    auto target = app(actor, create.app, Action::WriteConfig);
    if (!target)
        return target.error();
    if (target->app.ownerId != addonFound->ownerId)
        return ApiError::forbidden("Add-ons can only be attached to apps of the same owner.");
    if (addonFound->state != word(addons::State::Provisioned))
        return ApiError::invalidParams("The add-on " + addonFound->name + " is " + addonFound->state
                                       + "; it can be attached once it is provisioned.");
    auto names = m_store.attachments.namesForApp(target->app.id);
    std::string name;
    std::optional<Attachment> replaced;
    if (create.name) {
        // With `confirm` (the app's name) an attachment of that name is replaced, as `pg:promote`
        // does with DATABASE: its config vars go, a Detach release, then the new Attach release.
        if (create.confirm && *create.confirm == target->app.name)
            if ((replaced = m_store.attachments.find(target->app.id, *create.name)))
                std::erase(names, *create.name);
        if (auto error = addons::attachmentNameError(*create.name, names))
            return ApiError::invalidParams(*error);
        name = *create.name;
    } else {
        name = addons::defaultAttachmentName(*m_catalog.service(addonFound->service), names);
    }
    Attachment made;
    std::vector<Release> releases;
    auto stored = inTransaction([&]() -> Status {
        if (replaced)
            if (auto detached = detachInTransaction(*replaced, actor))
                releases.push_back(*detached);
        releases.push_back(attachInTransaction(target->app, actor, *addonFound, name, create.ns, &made));
        return core::Done{};
    });
    if (!stored)
        return stored.error();
    for (const auto &r : releases)
        m_releases.releaseMade(r);
    return *m_store.attachments.byId(made.id);
}

Result<std::vector<Attachment>> AddonService::attachments(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    return m_store.attachments.listForApp(access->app.id);
}

Result<std::vector<Attachment>> AddonService::addonAttachments(const Actor &actor, const std::string &idOrName)
{
    auto found = addon(actor, std::nullopt, idOrName);
    if (!found)
        return found.error();
    return m_store.attachments.listForAddon(found->id);
}

std::vector<Attachment> AddonService::allAttachments(const Actor &actor)
{
    std::vector<Attachment> out;
    for (const auto &appRecord : m_store.apps.listFor(actor.id))
        for (auto &a : m_store.attachments.listForApp(appRecord.id))
            out.push_back(std::move(a));
    return out;
}

Result<Attachment> AddonService::attachment(const Actor &actor, const std::string &id)
{
    auto found = m_store.attachments.byId(id);
    if (!found)
        return ApiError{404, "not_found", "Couldn't find that add-on attachment.", "add_on attachment"};
    auto access = app(actor, found->appId);
    if (!access)
        return ApiError{404, "not_found", "Couldn't find that add-on attachment.", "add_on attachment"};
    return *found;
}

Result<Attachment> AddonService::appAttachment(const Actor &actor, const std::string &appName, const std::string &idOrName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    auto found = m_store.attachments.find(access->app.id, idOrName);
    if (!found) {
        found = m_store.attachments.byId(idOrName);
        if (found && found->appId != access->app.id)
            found.reset();
    }
    if (!found)
        return ApiError{404, "not_found", "Couldn't find that add-on attachment.", "add_on attachment"};
    return *found;
}

Result<Attachment> AddonService::deleteAttachment(const Actor &actor, const std::string &id)
{
    auto found = attachment(actor, id);
    if (!found)
        return found.error();
    if (auto access = app(actor, found->appId, Action::WriteConfig); !access)
        return access.error();
    auto release = inTransaction([&]() -> Result<Release> {
        auto made = detachInTransaction(*found, actor);
        if (!made)
            return ApiError::internal("The attachment's app or add-on is gone.");
        return *made;
    });
    if (!release)
        return release.error();
    m_releases.releaseMade(*release);
    return *found;
}

// `app::name` names an add-on or attachment of another app.
static std::pair<std::optional<std::string>, std::string> splitQualified(const std::optional<std::string> &app,
                                                                         const std::string &id)
{
    if (const auto at = id.find("::"); at != std::string::npos)
        return {id.substr(0, at), id.substr(at + 2)};
    return {app, id};
}

Result<std::vector<Addon>> AddonService::resolveAddons(const Actor &actor, const std::optional<std::string> &appArg,
                                                         const std::string &idArg, const std::optional<std::string> &service)
{
    auto [appName, id] = splitQualified(appArg, idArg);
    std::vector<Addon> out;
    auto keep = [&](const Addon &a) {
        if (service && a.service != *service)
            return;
        if (std::none_of(out.begin(), out.end(), [&](const Addon &o) { return o.id == a.id; }))
            out.push_back(a);
    };
    if (appName) {
        auto access = app(actor, *appName);
        if (!access)
            return access.error();
        // `DATABASE_URL` names the DATABASE attachment.
        std::string attachmentName = id;
        if (attachmentName.size() > 4 && attachmentName.ends_with("_URL"))
            attachmentName.resize(attachmentName.size() - 4);
        for (const auto &a : m_store.attachments.listForApp(access->app.id))
            if (a.name == id || a.name == attachmentName || a.addonName == id || a.addonId == id)
                if (auto found = m_store.addons.byIdOrName(a.addonId))
                    keep(*found);
        for (const auto &a : m_store.addons.listFor(access->app.id))
            if (a.name == id || a.id == id)
                keep(a);
    } else if (auto found = addon(actor, std::nullopt, id); found) {
        keep(*found);
    }
    if (out.empty())
        return ApiError{404, "not_found", "Couldn't find that add-on.", "add_on"};
    return out;
}

Result<std::vector<Attachment>> AddonService::resolveAttachments(const Actor &actor, const std::optional<std::string> &appArg,
                                                                   const std::string &idArg,
                                                                   const std::optional<std::string> &service)
{
    auto [appName, id] = splitQualified(appArg, idArg);
    std::vector<Attachment> candidates;
    if (appName) {
        auto access = app(actor, *appName);
        if (!access)
            return access.error();
        candidates = m_store.attachments.listForApp(access->app.id);
    } else {
        candidates = allAttachments(actor);
    }
    std::string attachmentName = id;
    if (attachmentName.size() > 4 && attachmentName.ends_with("_URL"))
        attachmentName.resize(attachmentName.size() - 4);
    std::vector<Attachment> out;
    for (const auto &a : candidates) {
        if (service) {
            auto owner = m_store.addons.byIdOrName(a.addonId);
            if (!owner || owner->service != *service)
                continue;
        }
        if (a.id == id || a.name == id || a.name == attachmentName || a.addonName == id || a.addonId == id)
            out.push_back(a);
    }
    if (out.empty())
        return ApiError{404, "not_found", "Couldn't find that add-on attachment.", "add_on attachment"};
    return out;
}

std::vector<std::string> AddonService::attachmentConfigVars(const Attachment &attachment)
{
    std::vector<std::string> out;
    if (auto a = m_store.addons.byIdOrName(attachment.addonId))
        for (const auto &[key, value] : varsOf(attachment.name, a->config))
            out.push_back(key);
    return out;
}

std::vector<std::string> AddonService::addonConfigVars(const Addon &addon)
{
    std::vector<std::string> out;
    for (const auto &attachment : m_store.attachments.listForAddon(addon.id))
        if (attachment.appId == addon.appId)
            for (const auto &[key, value] : varsOf(attachment.name, addon.config))
                out.push_back(key);
    return out;
}

void AddonService::finishAddonWork(const addons::AddonProvisioner::Outcome &outcome)
{
    core::runGuarded("storing an add-on's outcome", [&] { storeAddonOutcome(outcome); });
}

addons::Input AddonService::jobInput(AddonJob job, bool ok)
{
    using addons::Input;
    switch (job) {
    case AddonJob::Provision:
        return ok ? Input::ProvisionSucceeded : Input::ProvisionFailed;
    case AddonJob::Deprovision:
        return ok ? Input::DeprovisionSucceeded : Input::DeprovisionFailed;
    case AddonJob::RollBack:
        return ok ? Input::RollBackSucceeded : Input::RollBackFailed;
    case AddonJob::ChangePlan:
        break;
    }
    return ok ? Input::PlanChangeSucceeded : Input::PlanChangeFailed;
}

void AddonService::storeAddonOutcome(const addons::AddonProvisioner::Outcome &outcome)
{
    if (outcome.addonId.empty()) { // resuming a provider at start
        if (outcome.error)
            for (const auto &a : m_store.addons.inState(word(addons::State::Provisioned)))
                apiLog(a.appId, "Add-on " + a.name + " is unavailable: " + outcome.error->message);
        return;
    }
    auto queued = m_addonJobs.find(outcome.addonId);
    if (queued == m_addonJobs.end() || queued->second.empty())
        return;
    const PendingJob job = queued->second.front();
    queued->second.pop_front();
    if (queued->second.empty())
        m_addonJobs.erase(queued);
    auto found = m_store.addons.byIdOrName(outcome.addonId);
    if (!found)
        return;
    Addon a = *found;
    a.updatedAt = now();
    const std::string failure = outcome.error ? outcome.error->message : std::string();
    // The table (addons/addonstate.h) says where the job's outcome takes the add-on; an outcome
    // that does not apply to its state now (it was destroyed meanwhile) changes nothing.
    const auto from = addons::stateFromString(a.state);
    const auto to = from ? addons::transition(*from, jobInput(job.job, !outcome.error)) : std::nullopt;
    if (!to)
        return; // the deprovision queued after this job drops it
    std::optional<Release> made;
    std::string logLine;
    auto stored = inTransaction([&]() -> core::Status {
        switch (job.job) {
        case AddonJob::Provision: {
            a.state = word(*to);
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
            made = attachInTransaction(*appRecord, by, a, name, std::nullopt, nullptr);
            return core::Done{};
        }
        case AddonJob::Deprovision:
            if (*to != addons::State::Deprovisioned) {
                a.state = word(*to);
                a.provisionMessage = "Deprovisioning failed: " + failure;
                m_store.addons.update(a);
                logLine = "Destroying " + a.name + " failed: " + failure;
            } else {
                m_store.addons.remove(a.id);
            }
            return core::Done{};
        case AddonJob::RollBack:
            a.state = word(*to);
            a.config.clear();
            a.provisionMessage = outcome.error ? "Provisioning was interrupted and rolling it back failed: " + failure
                                               : std::string("Provisioning was interrupted by an emulator restart.");
            m_store.addons.update(a);
            return core::Done{};
        case AddonJob::ChangePlan:
            a.state = word(*to);
            if (outcome.error) {
                a.plan = job.oldPlan;
                a.provisionMessage = "Changing the plan failed: " + failure;
                m_store.addons.update(a);
                logLine = "Changing the plan of " + a.name + " failed: " + failure;
            }
            return core::Done{};
        }
        return core::Done{};
    });
    if (!stored)
        return;
    if (!logLine.empty())
        apiLog(a.appId, logLine);
    if (made)
        m_releases.releaseMade(*made);
}

void AddonService::recoverAddons()
{
    for (const auto &a : m_store.addons.inState(word(addons::State::Provisioning))) {
        Addon rolling = a;
        rolling.state = word(*addons::transition(addons::State::Provisioning, addons::Input::FoundOnStart));
        rolling.updatedAt = now();
        m_store.addons.update(rolling);
        queueAddonJob(rolling, AddonJob::RollBack);
    }
    for (const auto &a : m_store.addons.inState(word(addons::State::Deprovisioning)))
        if (!m_addonJobs.count(a.id))
            queueAddonJob(a, AddonJob::Deprovision);
    // Apps connect to their databases without asking the emulator: the cluster comes back now.
    std::set<std::string> services;
    for (const auto &a : m_store.addons.inState(word(addons::State::Provisioned)))
        services.insert(a.service);
    if (m_provisioner)
        for (const auto &s : services)
            m_provisioner->resume(s);
}

std::vector<Release> AddonService::detachFromOtherAppsInTransaction(const App &app, const std::vector<Addon> &addons,
                                                                   const Actor &actor)
{
    std::vector<Release> made;
    for (const auto &addon : addons)
        for (const auto &attachment : m_store.attachments.listForAddon(addon.id))
            if (attachment.appId != app.id)
                if (auto release = detachInTransaction(attachment, actor))
                    made.push_back(*release);
    return made;
}

void AddonService::deprovisionAll(const std::vector<Addon> &addons)
{
    for (const auto &addon : addons)
        if (addon.state != word(addons::State::Deprovisioned))
            queueAddonJob(addon, AddonJob::Deprovision);
}

} // namespace dynodesk::platform
