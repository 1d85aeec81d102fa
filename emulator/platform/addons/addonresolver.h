#pragma once

#include "addontypes.h"

#include "platform/service.h"

#include <optional>
#include <string>
#include <vector>

namespace dynodesk::platform {

// What an identifier names: the add-on a request means (`addon`), which the other add-on
// services look add-ons up through, and the CLI's resolve actions. Reads only.
class AddonResolver final : public detail::Service {
public:
    explicit AddonResolver(detail::Environment &env);

    // By id or name; with an app, also by the name of an attachment on that app, and only add-ons
    // the app owns or has attached.
    Result<Addon> addon(const Actor &actor, const std::optional<std::string> &app, const std::string &idOrName,
                        Action action = Action::View);
    // The CLI's resolvers: every add-on (attachment) the identifier may mean, `app::name` included.
    Result<std::vector<Addon>> resolveAddons(const Actor &actor, const std::optional<std::string> &app,
                                             const std::string &id, const std::optional<std::string> &service);
    Result<std::vector<Attachment>> resolveAttachments(const Actor &actor, const std::optional<std::string> &app,
                                                       const std::string &id, const std::optional<std::string> &service);
    // Every attachment on the apps the actor can see.
    std::vector<Attachment> visibleAttachments(const Actor &actor);
};

} // namespace dynodesk::platform
