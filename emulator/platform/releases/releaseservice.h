#pragma once

#include "releasestate.h"
#include "releasetypes.h"

#include "platform/builds/buildtypes.h"
#include "platform/service.h"

#include <optional>
#include <string>
#include <vector>

namespace dynodesk::platform {

class FormationService;

// Config vars and releases. Every change of the config, a deploy, an add-on attached or
// detached and a rollback makes the app's next release; a release with a release phase is
// pending until the phase ends (finishRelease).
class ReleaseService final : public detail::Service {
public:
    ReleaseService(detail::Environment &env, FormationService &formation);

    Result<ConfigMap> configVars(const Actor &actor, const std::string &app);
    Result<ConfigMap> updateConfigVars(const Actor &actor, const std::string &app, const ConfigPatch &patch);
    Result<std::vector<Release>> releases(const Actor &actor, const std::string &app);
    Result<Release> release(const Actor &actor, const std::string &app, const std::string &idOrVersion,
                            Action action = Action::View);
    Result<Release> rollback(const Actor &actor, const std::string &app, const std::string &idOrVersion);
    // POST /apps/{app}/releases {slug}: releases an uploaded slug of this app, or a copy of one of
    // another app the actor can see; `Deploy <commit>` unless a description is given. The formation
    // takes the slug's process types and the dynos restart from it; a slug with a `release` command
    // makes a pending release instead, for the Deployer to run its release phase.
    Result<Release> releaseSlug(const Actor &actor, const std::string &app, const std::string &slugId,
                                std::optional<std::string> description);
    // The end of a release phase (releasestate.h): the release succeeds and becomes current, or
    // fails (the phase failed, timed out, or the emulator stopped) and the previous one stays
    // current. A release that is not pending is refused.
    Result<Release> finishRelease(const std::string &releaseId, releases::Input input);

    // For the other services, inside their transaction: the app's next release, current.
    Release newRelease(const App &app, const Actor &actor, std::string description, ConfigMap config,
                       std::optional<std::string> slugId);
    // After the transaction committed: the release's log lines and event.
    void releaseMade(const Release &release);
    // `<what> by <user>` and `Release vN created by <user>`.
    void releaseLog(const Release &release, const std::string &what);

private:
    // The slug `slugId` as the app may release it: its own, or a copy for it of another app's.
    Result<Slug> slugToRelease(const Actor &actor, const App &app, const std::string &slugId);

    FormationService &m_formation;
};

} // namespace dynodesk::platform
