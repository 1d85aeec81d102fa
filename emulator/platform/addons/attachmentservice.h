#pragma once

#include "addontypes.h"

#include "platform/releases/releasetypes.h"
#include "platform/service.h"

#include <optional>
#include <string>
#include <vector>

namespace dynodesk::addons {
class PlanCatalog;
}

namespace dynodesk::platform {

class AddonResolver;
class ReleaseService;

// Attachments: an add-on attached to an app under a name, whose config vars (`DATABASE_URL`)
// are in that app's config. Each attach and detach is one transaction: the attachment, the app's
// config vars and its release (`Attach DATABASE (@ref:...)`, `Detach ...`).
class AttachmentService final : public detail::Service {
public:
    AttachmentService(detail::Environment &env, ReleaseService &releases, AddonResolver &resolver,
                      const addons::PlanCatalog &catalog);

    // To any app of the add-on's owner, once it is provisioned; with `confirm`, an attachment of
    // that name is replaced (`pg:promote`).
    Result<Attachment> createAttachment(const Actor &actor, const AttachmentCreate &create);
    Result<std::vector<Attachment>> attachments(const Actor &actor, const std::string &app);
    Result<std::vector<Attachment>> addonAttachments(const Actor &actor, const std::string &addon);
    std::vector<Attachment> allAttachments(const Actor &actor);
    Result<Attachment> attachment(const Actor &actor, const std::string &id);
    Result<Attachment> appAttachment(const Actor &actor, const std::string &app, const std::string &idOrName);
    Result<Attachment> deleteAttachment(const Actor &actor, const std::string &id);
    // The config vars an add-on gives its owning app (`DATABASE_URL`, ...).
    std::vector<std::string> addonConfigVars(const Addon &addon);
    std::vector<std::string> attachmentConfigVars(const Attachment &attachment);

    // For the other services, inside their transaction; each returns the release it made.
    Release attachInTransaction(const App &app, const Actor &actor, const Addon &addon, const std::string &name,
                                std::optional<std::string> ns, Attachment *made);
    std::optional<Release> detachInTransaction(const Attachment &attachment, const Actor &actor);
    std::vector<Release> detachFromOtherAppsInTransaction(const App &app, const std::vector<Addon> &addons,
                                                          const Actor &actor);
    // Every attachment of the add-ons gets the new config (a release per app), in the caller's
    // transaction; returns the release made on the owning app, if any.
    std::optional<Release> replaceConfigInTransaction(const std::vector<Attachment> &attachments, const Actor &actor,
                                                      const ConfigMap &oldConfig, const ConfigMap &newConfig);

private:
    // The slug of the app's current release: a new release of config keeps running it.
    std::optional<std::string> currentSlug(const std::string &appId) const;

    ReleaseService &m_releases;
    AddonResolver &m_resolver;
    const addons::PlanCatalog &m_catalog;
};

} // namespace dynodesk::platform
