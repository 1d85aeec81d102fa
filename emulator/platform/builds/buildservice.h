#pragma once

#include "buildstate.h"
#include "buildtypes.h"

#include "platform/service.h"

#include <optional>
#include <string>
#include <vector>

namespace dynodesk::platform {

class FormationService;
class ReleaseService;

// Builds and slugs. A build goes pending → succeeded/failed; a succeeded build makes the next
// release (`Deploy <sha>`), pending while a release phase runs, then current. The Deployer
// (deployer.h) runs them.
class BuildService final : public detail::Service {
public:
    BuildService(detail::Environment &env, ReleaseService &releases, FormationService &formation);

    Result<NewBuild> createBuild(const Actor &actor, const std::string &app, const BuildRequest &request);
    // The build's slug and release; `notice` gets what the push should be told besides (the
    // formation's quota notice).
    Result<Release> completeBuild(const std::string &buildId, const BuildOutcome &outcome, bool releasePhase,
                                  std::optional<std::string> *notice = nullptr);
    // The build failed (`why`: CompileFailed, TimedOut, ReleaseNotCreated, Interrupted); a build
    // that ended already stays as it is.
    void failBuild(const std::string &buildId, builds::Input why = builds::Input::CompileFailed);
    // Builds left pending by an emulator that stopped are failed, and so are releases left
    // pending by their release phase; returns the builds' ids.
    std::vector<std::string> failInterruptedBuilds();
    Result<std::vector<Build>> builds(const Actor &actor, const std::string &app);
    Result<Build> build(const Actor &actor, const std::string &app, const std::string &id);
    Result<Slug> slug(const Actor &actor, const std::string &app, const std::string &id);
    std::optional<Slug> slugById(const std::string &id);
    // POST /apps/{app}/slugs: a slug of the app, stored in `dir` once its tarball is PUT.
    Result<Slug> createSlug(const Actor &actor, const std::string &app, const SlugCreate &request, const std::string &dir);
    // The slug whose blob URL takes an upload now (it takes one only); 403 otherwise.
    Result<Slug> slugAwaitingUpload(const std::string &slugId);
    // The tarball PUT to a slug's blob URL, checked and stored at `storedPath` (slugtarball.h,
    // off the core thread), becomes the slug's; removed when the slug took one meanwhile.
    Result<Slug> acceptSlugUpload(const std::string &slugId, const std::string &storedPath, int64_t size);
    Result<std::vector<std::string>> buildpacks(const Actor &actor, const std::string &app);
    Result<std::vector<std::string>> setBuildpacks(const Actor &actor, const std::string &app,
                                                   const std::vector<std::string> &urls);
    Result<Source> createSource(const Actor &actor, const std::string &app, const std::string &dir);
    // POST /sources: a source of the account, its file in `<dir>/<account id>/`.
    Result<Source> createAccountSource(const Actor &actor, const std::string &dir);
    std::optional<Source> source(const std::string &id);
    // The app a git request names, if the actor may push to (or fetch from) it.
    Result<AppAccess> gitAccess(const Actor &actor, const std::string &appName, bool push);
    void setRepoSize(const std::string &appId, int64_t bytes);

private:
    ReleaseService &m_releases;
    FormationService &m_formation;
};

} // namespace dynodesk::platform
