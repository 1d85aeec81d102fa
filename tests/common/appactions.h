#pragma once

// Runs each app Action through the platform's services, the way a client would ask for it, for
// the permission matrices (tests/platform/tst_permissions, tst_teampermissions).
#include "platform/platform.h"

#include <string>

namespace dynodesk::testing {

// What the actions touch: the app, an account to add or transfer to, a collaborator to remove.
struct AppActionTargets final {
    std::string app, otherEmail, leaverEmail;
};

// Runs `action` on the app as `who`; the error status, 0 when it succeeded.
inline int runAppAction(platform::Platform &p, const platform::Actor &who, const AppActionTargets &t,
                        platform::Action action)
{
    using platform::Action;
    auto status = [](const auto &result) { return result.ok() ? 0 : result.error().status; };
    switch (action) {
    case Action::View: return status(p.apps().app(who, t.app));
    case Action::Rename: return status(p.apps().updateApp(who, t.app, {std::string("renamed-app"), std::nullopt}));
    case Action::Destroy: return status(p.apps().destroyApp(who, t.app));
    case Action::Transfer: return status(p.access().createTransfer(who, t.app, t.otherEmail));
    case Action::SetMaintenance: return status(p.apps().updateApp(who, t.app, {std::nullopt, true}));
    case Action::ReadConfig: return status(p.releases().configVars(who, t.app));
    case Action::WriteConfig: return status(p.releases().updateConfigVars(who, t.app, {{"B", "2"}}));
    case Action::Rollback: return status(p.releases().rollback(who, t.app, "1"));
    case Action::AddCollaborator: return status(p.access().addCollaborator(who, t.app, t.otherEmail));
    case Action::RemoveCollaborator: return status(p.access().removeCollaborator(who, t.app, t.leaverEmail));
    case Action::Scale: return status(p.formation().updateFormation(who, t.app, {{"web", 2, std::nullopt}}));
    case Action::Deploy: return status(p.builds().gitAccess(who, t.app, true));
    case Action::ManageDomains: return status(p.domains().addDomain(who, t.app, "www.example.test"));
    case Action::Lock: return status(p.teamApps().updateApp(who, t.app, {true, std::nullopt}));
    }
    return -1;
}

} // namespace dynodesk::testing
