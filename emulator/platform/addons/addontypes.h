#pragma once

#include "platform/releases/releasetypes.h"

#include <optional>
#include <string>

namespace dynodesk::platform {

// An add-on: what a provider made for an app (`billing` app: the one that owns it).
struct Addon final {
    std::string id, name, appId, appName, ownerId, service, plan, state, providerId;
    ConfigMap config; // what the provider gave: {"URL": "postgres://..."}
    std::optional<std::string> provisionMessage, attachAs;
    std::string createdBy, createdAt, updatedAt;
};

// An add-on attached to an app under a name: `<name>_URL` is in that app's config.
struct Attachment final {
    std::string id, addonId, addonName, addonAppId, addonAppName, appId, appName, name;
    std::optional<std::string> ns; // `namespace`
    std::string createdAt, updatedAt;
    std::string addonService, addonPlan; // read with the attachment, never written through it
};

// A new add-on: `plan` is `service[:plan]`; the first attachment's name and the add-on's own
// name are chosen when not given.
struct AddonCreate final {
    std::string plan;
    std::optional<std::string> attachmentName, name;
    // `config.fork` of the create body: the database to copy (add-on name or id, attachment or
    // config var name on the app, or `app::NAME`).
    std::optional<std::string> forkFrom;
};

// A PATCH of an add-on: a new name, a new plan (`service:plan` or the plan's short name), or both.
struct AddonUpdate final {
    std::optional<std::string> name, plan;
};

// A new attachment of an add-on (id or name) to an app (id or name), named or not.
struct AttachmentCreate final {
    std::string addon, app;
    std::optional<std::string> name, ns;
    // The app's name: an attachment of that name already there is replaced (`pg:promote`).
    std::optional<std::string> confirm;
};

} // namespace dynodesk::platform
