#include "attachmentservice.h"

#include "addonresolver.h"

#include "platform/releases/releaseservice.h"
#include "platform/transaction.h"
#include "addons/addonstate.h"
#include "addons/attachmentnames.h"
#include "addons/plancatalog.h"
#include "core/ids.h"
#include "store/store.h"

namespace dynodesk::platform {

using core::ApiError;

AttachmentService::AttachmentService(detail::Environment &env, ReleaseService &releases, AddonResolver &resolver,
                                     const addons::PlanCatalog &catalog)
    : Service(env), m_releases(releases), m_resolver(resolver), m_catalog(catalog)
{
}

std::optional<std::string> AttachmentService::currentSlug(const std::string &appId) const
{
    if (auto current = m_store.releases.byVersion(appId, m_store.releases.currentVersion(appId)))
        return current->slugId;
    return std::nullopt;
}

static std::string refOf(const Addon &addon) { return "(@ref:" + addon.name + ")"; }

// `DATABASE` and {"URL": ...} give `DATABASE_URL`.
static std::vector<std::pair<std::string, std::string>> varsOf(const std::string &attachment, const ConfigMap &config)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto &[suffix, value] : config)
        out.emplace_back(attachment + "_" + suffix, value);
    return out;
}

static ApiError attachmentNotFound()
{
    return ApiError{404, "not_found", "Couldn't find that add-on attachment.", "add_on attachment"};
}

Result<Attachment> AttachmentService::createAttachment(const Actor &actor, const AttachmentCreate &create)
{
    auto addonFound = m_resolver.addon(actor, std::nullopt, create.addon, Action::WriteConfig);
    if (!addonFound)
        return addonFound.error();
    auto target = app(actor, create.app, Action::WriteConfig);
    if (!target)
        return target.error();
    if (target->app.ownerId != addonFound->ownerId)
        return ApiError::forbidden("Add-ons can only be attached to apps of the same owner.");
    if (addonFound->state != addons::toString(addons::State::Provisioned))
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

Result<std::vector<Attachment>> AttachmentService::attachments(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    return m_store.attachments.listForApp(access->app.id);
}

Result<std::vector<Attachment>> AttachmentService::addonAttachments(const Actor &actor, const std::string &idOrName)
{
    auto found = m_resolver.addon(actor, std::nullopt, idOrName);
    if (!found)
        return found.error();
    return m_store.attachments.listForAddon(found->id);
}

std::vector<Attachment> AttachmentService::allAttachments(const Actor &actor)
{
    return m_resolver.visibleAttachments(actor);
}

Result<Attachment> AttachmentService::attachment(const Actor &actor, const std::string &id)
{
    auto found = m_store.attachments.byId(id);
    if (!found)
        return attachmentNotFound();
    auto access = app(actor, found->appId);
    if (!access)
        return attachmentNotFound();
    return *found;
}

Result<Attachment> AttachmentService::appAttachment(const Actor &actor, const std::string &appName,
                                                    const std::string &idOrName)
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
        return attachmentNotFound();
    return *found;
}

Result<Attachment> AttachmentService::deleteAttachment(const Actor &actor, const std::string &id)
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

std::vector<std::string> AttachmentService::attachmentConfigVars(const Attachment &attachment)
{
    std::vector<std::string> out;
    if (auto a = m_store.addons.byIdOrName(attachment.addonId))
        for (const auto &[key, value] : varsOf(attachment.name, a->config))
            out.push_back(key);
    return out;
}

std::vector<std::string> AttachmentService::addonConfigVars(const Addon &addon)
{
    std::vector<std::string> out;
    for (const auto &attachment : m_store.attachments.listForAddon(addon.id))
        if (attachment.appId == addon.appId)
            for (const auto &[key, value] : varsOf(attachment.name, addon.config))
                out.push_back(key);
    return out;
}

Release AttachmentService::attachInTransaction(const App &app, const Actor &actor, const Addon &addon,
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
    return m_releases.newRelease(app, actor, "Attach " + name + " " + refOf(addon), config, currentSlug(app.id));
}

std::optional<Release> AttachmentService::detachInTransaction(const Attachment &attachment, const Actor &actor)
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
    return m_releases.newRelease(*app, actor, "Detach " + attachment.name + " " + refOf(*addon), config,
                                 currentSlug(app->id));
}

std::vector<Release> AttachmentService::detachFromOtherAppsInTransaction(const App &app,
                                                                        const std::vector<Addon> &addons,
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

// An add-on's config changed (rotated credentials): the vars of its attachments to one app
// follow, in one release that restarts the app's dynos.
std::optional<Release> AttachmentService::replaceConfigInTransaction(const std::vector<Attachment> &attachments,
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
    return m_releases.newRelease(*app, actor, "Update " + names + " by " + attachments.front().addonService, config,
                                 currentSlug(app->id));
}

} // namespace dynodesk::platform
