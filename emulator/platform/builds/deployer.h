#pragma once

#include "buildtypes.h"

#include "platform/service.h"

#include "build/buildoutput.h"
#include "core/ilogsink.h"
#include "core/sandbox.h"
#include "build/slugcompiler.h"

#include <QObject>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dynodesk::platform {

// Where the emulator keeps what deploys make, under the data dir.
struct DeployPaths final {
    std::string dataDir, builtinBuildpacks;
    std::string repos() const { return dataDir + "/repos"; }
    std::string repo(const std::string &appId) const { return repos() + "/" + appId + ".git"; }
    std::string slugs() const { return dataDir + "/slugs"; }
    std::string cache(const std::string &appId) const { return dataDir + "/cache/" + appId; }
    std::string builds() const { return dataDir + "/builds"; }
    std::string sources() const { return dataDir + "/sources"; }
    std::string work() const { return dataDir + "/work"; }
};

// Runs deploys: a build on a worker thread (buildpacks, slug), then the release on the core
// thread, with the release phase on a worker when the Procfile has one. Lives on the core
// thread; its output objects are shared with the I/O threads that stream them.
class AppService;
class BuildService;
class ReleaseService;

class Deployer final : public QObject {
    Q_OBJECT
public:
    Deployer(BuildService &builds, ReleaseService &releases, const AppService &apps, DeployPaths paths,
             std::chrono::seconds buildTimeout);
    ~Deployer() override;

    struct Started {
        Build build;
        std::shared_ptr<build::BuildOutput> output;
    };
    // A push of `commit` to the app's repository; `gitEnv` holds the pushing hook's object dirs.
    Result<Started> deployCommit(const Actor &actor, const std::string &app, const std::string &commit,
                                 const build::Env &gitEnv);
    // A build of a source tarball at `sourceFile` (builds API).
    Result<Started> deploySource(const Actor &actor, const std::string &app, const BuildRequest &request,
                                 const std::string &sourceFile);
    // The output of a build, live or finished. Thread-safe.
    std::shared_ptr<build::BuildOutput> output(const std::string &buildId);
    // The output of a release's release phase (the release's `output_stream_url`), live or
    // finished; null when the release ran none. Thread-safe.
    std::shared_ptr<build::BuildOutput> releaseOutput(const std::string &releaseId);
    // Whether the release ran a release phase whose output releaseOutput() serves, without
    // reading it (release lists ask this of every release). Thread-safe.
    bool hasReleaseOutput(const std::string &releaseId);
    Status clearCache(const Actor &actor, const std::string &app);
    // POST /apps/{app}/releases {slug} (ReleaseService::releaseSlug), with the slug's release
    // phase run when it has one (its output in the app's logs and `<builds>/release-<id>.log`).
    Result<Release> releaseSlug(const Actor &actor, const std::string &app, const std::string &slugId,
                                std::optional<std::string> description);
    // The tarball PUT to a slug's blob URL: checked and repacked (slugtarball.h) on a worker, then
    // taken by the slug on the core thread; `done` is called there.
    void acceptSlugUpload(const std::string &slugId, const std::string &uploadPath,
                          std::function<void(Result<Slug>)> done);
    // Runs `work` on a worker thread, then the function it returns on the core thread (dropped
    // if the Deployer is gone by then): for blocking work of others (an app setup's download).
    void runThenOnCore(std::function<std::function<void()>()> work);
    // Runs `command` once in a one-off process of the release's slug with its config vars, as the
    // release phase runs (an app setup's postdeploy script): `done(exitCode, output)` on the core
    // thread, exit code -1 when it timed out; its lines go to the app's logs as `dyno`.
    void runInRelease(const Release &release, const std::string &command, const std::string &dyno,
                      std::function<void(int, std::string)> done);
    // Builds and release commands run in this sandbox from now on (plain processes until set).
    void setSandbox(core::Sandbox sandbox) { m_sandbox = std::move(sandbox); }
    const DeployPaths &paths() const { return m_paths; }
    // Where release-phase output goes besides the push (`app[release.NNNN]`); thread-safe.
    void setLogSink(core::ILogSink *sink) { m_log = sink; }

private:
    Result<Started> start(NewBuild made, build::BuildJob job);
    void compiled(const std::string &buildId, const std::string &appId, build::BuildResult result,
                  const std::string &slugPath, std::shared_ptr<build::BuildOutput> out);
    void released(const std::string &releaseId, int exitCode, std::shared_ptr<build::BuildOutput> out,
                  std::shared_ptr<build::BuildOutput> own);
    // The release phase's own output (`<builds>/release-<id>.log`), made and kept on first call.
    std::shared_ptr<build::BuildOutput> ownReleaseOutput(const std::string &releaseId);
    std::shared_ptr<build::BuildOutput> keptOutput(const std::string &key, const std::string &path);
    void runReleasePhase(const Release &release, const std::string &slugPath, const std::string &command,
                         build::Env config, std::shared_ptr<build::BuildOutput> out);
    // Runs `command` in a copy of the slug on a worker; `done(exitCode)` on the core thread. Its
    // lines go to `out`, and to `tee` too when given.
    void runInSlug(const std::string &appId, const std::string &slugPath, const std::string &command, build::Env config,
                   const std::string &dyno, std::shared_ptr<build::BuildOutput> out, std::function<void(int)> done,
                   std::shared_ptr<build::BuildOutput> tee = nullptr);
    void launchLines(const Release &release, build::BuildOutput &out);
    // Runs `work` on a thread of its own; `work` hands its result to the core thread, where
    // reap() joins the thread (each worker is joined once it is done, not at shutdown).
    void runWorker(std::function<void()> work);
    void reap();
    std::optional<std::string> commitOf(const std::string &buildId);

    BuildService &m_builds;
    ReleaseService &m_releases;
    const AppService &m_apps;
    DeployPaths m_paths;
    core::Sandbox m_sandbox = core::Sandbox::disabled("plain processes");
    std::chrono::seconds m_timeout;
    std::mutex m_mutex;
    std::map<std::string, std::shared_ptr<build::BuildOutput>> m_outputs;
    std::map<std::string, std::string> m_commits;
    struct Worker {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
    };
    std::vector<Worker> m_workers;
    core::ILogSink *m_log = nullptr;
};

} // namespace dynodesk::platform
