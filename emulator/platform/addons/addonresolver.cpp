#include "addonresolver.h"

#include "store/store.h"

#include <algorithm>

namespace dynodesk::platform {

using core::ApiError;

AddonResolver::AddonResolver(detail::Environment &env) : Service(env) {}

Result<Addon> AddonResolver::addon(const Actor &actor, const std::optional<std::string> &appName,
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

// `app::name` names an add-on or attachment of another app.
static std::pair<std::optional<std::string>, std::string> splitQualified(const std::optional<std::string> &app,
                                                                         const std::string &id)
{
    if (const auto at = id.find("::"); at != std::string::npos)
        return {id.substr(0, at), id.substr(at + 2)};
    return {app, id};
}

// `DATABASE_URL` names the DATABASE attachment.
static std::string attachmentNameOf(const std::string &id)
{
    std::string name = id;
    if (name.size() > 4 && name.ends_with("_URL"))
        name.resize(name.size() - 4);
    return name;
}

Result<std::vector<Addon>> AddonResolver::resolveAddons(const Actor &actor, const std::optional<std::string> &appArg,
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
        const std::string attachmentName = attachmentNameOf(id);
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

Result<std::vector<Attachment>> AddonResolver::resolveAttachments(const Actor &actor,
                                                                  const std::optional<std::string> &appArg,
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
        candidates = visibleAttachments(actor);
    }
    const std::string attachmentName = attachmentNameOf(id);
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

std::vector<Attachment> AddonResolver::visibleAttachments(const Actor &actor)
{
    std::vector<Attachment> out;
    for (const auto &appRecord : m_store.apps.listFor(actor.id))
        for (auto &a : m_store.attachments.listForApp(appRecord.id))
            out.push_back(std::move(a));
    return out;
}

} // namespace dynodesk::platform
