#include "deployer.h"
#include "slugtarball.h"
#include "buildservice.h"

#include "platform/apps/appservice.h"
#include "platform/releases/releaseservice.h"

#include "build/buildpacks.h"
#include "build/releasephase.h"
#include "core/ids.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>

#include <sys/resource.h>

namespace dynodesk::platform {

using core::ApiError;

Deployer::Deployer(BuildService &builds, ReleaseService &releases, const AppService &apps, DeployPaths paths,
                   std::chrono::seconds buildTimeout)
    : m_builds(builds), m_releases(releases), m_apps(apps), m_paths(std::move(paths)), m_timeout(buildTimeout)
{
    for (const auto &dir : {m_paths.repos(), m_paths.slugs(), m_paths.builds(), m_paths.sources(), m_paths.work()})
        QDir().mkpath(QString::fromStdString(dir));
    QDir(QString::fromStdString(m_paths.work())).removeRecursively(); // leftovers of a crash
    QDir().mkpath(QString::fromStdString(m_paths.work()));
}

Deployer::~Deployer()
{
    // Builds that are running finish (their deadline bounds them); their results are dropped.
    for (auto &w : m_workers)
        w.thread.join();
}

void Deployer::runWorker(std::function<void()> work)
{
    reap();
    auto done = std::make_shared<std::atomic<bool>>(false);
    std::thread thread([this, work = std::move(work), done] {
        // Builds and release commands yield to the server (the API, git, the router): this
        // thread, and every process it starts, runs at nice 10 (on Linux a thread's own).
        ::setpriority(PRIO_PROCESS, 0, 10);
        work();
        done->store(true);
        // Joined on the core thread as soon as it is done. Posted events die with the Deployer,
        // whose destructor joins every worker first.
        QMetaObject::invokeMethod(this, [this] { reap(); }, Qt::QueuedConnection);
    });
    m_workers.push_back({std::move(thread), std::move(done)});
}

void Deployer::reap()
{
    std::erase_if(m_workers, [](Worker &w) {
        if (!w.done->load())
            return false;
        w.thread.join(); // it has returned from its work: the join does not wait
        return true;
    });
}

Result<Deployer::Started> Deployer::deployCommit(const Actor &actor, const std::string &app, const std::string &commit,
                                                 const build::Env &gitEnv)
{
    BuildRequest request;
    request.commit = commit;
    auto made = m_builds.createBuild(actor, app, request);
    if (!made)
        return made.error();
    build::BuildJob job;
    job.gitDir = m_paths.repo(made->app.id);
    job.commit = commit;
    job.gitEnv = gitEnv;
    {
        std::lock_guard lock(m_mutex);
        m_commits[made->build.id] = commit;
    }
    return start(std::move(made.value()), std::move(job));
}

Result<Deployer::Started> Deployer::deploySource(const Actor &actor, const std::string &app, const BuildRequest &request,
                                                 const std::string &sourceFile)
{
    if (!QFile::exists(QString::fromStdString(sourceFile)))
        return ApiError::invalidParams("The source blob could not be read: nothing was uploaded to its URL.");
    auto made = m_builds.createBuild(actor, app, request);
    if (!made)
        return made.error();
    build::BuildJob job;
    job.sourceTarball = sourceFile;
    return start(std::move(made.value()), std::move(job));
}

Result<Deployer::Started> Deployer::start(NewBuild made, build::BuildJob job)
{
    const std::string buildId = made.build.id;
    const std::string appId = made.app.id;
    auto out = std::make_shared<build::BuildOutput>(m_paths.builds() + "/" + buildId + ".log");
    {
        std::lock_guard lock(m_mutex);
        m_outputs[buildId] = out;
    }
    job.buildId = buildId;
    job.stackName = made.build.stack;
    job.config = build::Env(made.config.begin(), made.config.end());
    job.cacheDir = m_paths.cache(appId);
    job.workDir = m_paths.work();
    job.slugPath = m_paths.slugs() + "/" + core::newId() + ".tgz"; // named by the slug's id once it exists
    job.timeout = m_timeout;
    job.builtinBuildpacks = build::builtinBuildpackDirs(m_paths.builtinBuildpacks);
    job.sandbox = m_sandbox;
    job.user = m_sandbox.userFor(appId);
    const auto specs = made.build.buildpacks;
    const std::string cloneRoot = m_paths.cache(appId) + "/.buildpacks";
    const std::string builtinRoot = m_paths.builtinBuildpacks;
    runWorker([this, job, specs, cloneRoot, builtinRoot, out, buildId, appId]() mutable {
        build::BuildResult result;
        bool resolved = true;
        for (const auto &spec : specs) {
            auto dir = build::resolveBuildpack(spec, builtinRoot, cloneRoot);
            if (!dir) {
                out->append("-----> Building on the " + job.stackName + " stack");
                out->append(" !     " + dir.error().message);
                out->append(" !     Push failed");
                resolved = false;
                break;
            }
            job.buildpacks.push_back(dir.value());
        }
        if (resolved)
            result = build::SlugCompiler::run(job, *out);
        QMetaObject::invokeMethod(this, [this, buildId, appId, result, slugPath = job.slugPath, out] {
            compiled(buildId, appId, result, slugPath, out);
        }, Qt::QueuedConnection);
    });
    return Started{made.build, out};
}

std::optional<std::string> Deployer::commitOf(const std::string &buildId)
{
    std::lock_guard lock(m_mutex);
    auto it = m_commits.find(buildId);
    return it == m_commits.end() ? std::nullopt : std::optional(it->second);
}

void Deployer::launchLines(const Release &release, build::BuildOutput &out)
{
    out.append("       Released v" + std::to_string(release.version));
    out.append("       " + m_apps.webUrl(release.appName) + " deployed to Heroku");
}

void Deployer::compiled(const std::string &buildId, const std::string &appId, build::BuildResult result,
                        const std::string &slugPath, std::shared_ptr<build::BuildOutput> out)
{
    if (!result.ok) {
        m_builds.failBuild(buildId);
        out->finish(1);
        return;
    }
    std::string releaseCommand;
    for (const auto &[type, command] : result.processTypes)
        if (type == "release")
            releaseCommand = command;
    // The slug file takes its id's name: GET /slugs/<id>.tgz serves it.
    const std::string slugId = QFileInfo(QString::fromStdString(slugPath)).completeBaseName().toStdString();
    BuildOutcome outcome{slugId, slugPath, commitOf(buildId), result.processTypes, result.slugSize,
                         result.buildpackDescription,
                         build::builtinNameOfDir(m_paths.builtinBuildpacks, result.detectedBuildpack)};
    std::optional<std::string> notice;
    auto release = m_builds.completeBuild(buildId, outcome, !releaseCommand.empty(), &notice);
    if (!release) {
        m_builds.failBuild(buildId, builds::Input::ReleaseNotCreated);
        out->append(" !     " + release.error().message);
        out->finish(1);
        return;
    }
    out->append("-----> Launching...");
    if (notice)
        out->append(" !     " + *notice);
    if (releaseCommand.empty()) {
        launchLines(*release, *out);
        out->finish(0);
        return;
    }
    out->append(" !     Release command declared: this new release will not be available until the command succeeds.");
    out->append("-----> Running release command...");
    build::Env config(release->config.begin(), release->config.end());
    config["DYNODESK_BUILD_ID"] = buildId;
    runReleasePhase(*release, slugPath, releaseCommand, std::move(config), out);
}

Result<Release> Deployer::releaseSlug(const Actor &actor, const std::string &app, const std::string &slugId,
                                      std::optional<std::string> description)
{
    auto release = m_releases.releaseSlug(actor, app, slugId, std::move(description));
    if (!release || release->status != releases::toString(releases::State::Pending))
        return release;
    const auto slug = m_builds.slugById(*release->slugId);
    auto out = ownReleaseOutput(release->id);
    out->append("-----> Running release command...");
    runReleasePhase(*release, slug->path, slug->processTypes.at("release"),
                    build::Env(release->config.begin(), release->config.end()), out);
    return release;
}

void Deployer::acceptSlugUpload(const std::string &slugId, const std::string &uploadPath,
                                std::function<void(Result<Slug>)> done)
{
    auto slug = m_builds.slugAwaitingUpload(slugId);
    if (!slug) {
        QFile::remove(QString::fromStdString(uploadPath));
        return done(slug.error());
    }
    runThenOnCore([this, slugId, uploadPath, checksum = slug->checksum, done = std::move(done)]() -> std::function<void()> {
        const std::string stored = uploadPath + ".slug";
        auto size = storeSlugTarball(uploadPath, stored, checksum);
        QFile::remove(QString::fromStdString(uploadPath));
        return [this, slugId, stored, size, done] {
            if (!size) {
                QFile::remove(QString::fromStdString(stored));
                return done(size.error());
            }
            done(m_builds.acceptSlugUpload(slugId, stored, size.value()));
        };
    });
}

std::shared_ptr<build::BuildOutput> Deployer::ownReleaseOutput(const std::string &releaseId)
{
    std::lock_guard lock(m_mutex);
    auto &out = m_outputs["release-" + releaseId];
    if (!out)
        out = std::make_shared<build::BuildOutput>(m_paths.builds() + "/release-" + releaseId + ".log");
    return out;
}

void Deployer::runReleasePhase(const Release &release, const std::string &slugPath, const std::string &releaseCommand,
                               build::Env config, std::shared_ptr<build::BuildOutput> out)
{
    const std::string releaseId = release.id;
    const std::string dyno = "release." + std::to_string(1000 + (std::hash<std::string>{}(releaseId) % 9000));
    // A push's release phase prints into the push; the release's own stream has its lines too.
    auto own = ownReleaseOutput(releaseId);
    runInSlug(release.appId, slugPath, releaseCommand, std::move(config), dyno, out,
              [this, releaseId, out, own](int rc) { released(releaseId, rc, out, own); }, own);
}

void Deployer::runInSlug(const std::string &appId, const std::string &slugPath, const std::string &command,
                         build::Env config, const std::string &dyno, std::shared_ptr<build::BuildOutput> out,
                         std::function<void(int)> done, std::shared_ptr<build::BuildOutput> tee)
{
    const std::string workDir = m_paths.work();
    const auto timeout = m_timeout;
    auto *logs = m_log;
    if (tee == out)
        tee = nullptr;
    build::Confinement box(m_sandbox, m_sandbox.userFor(appId), dyno);
    runWorker([this, slugPath, command, config, workDir, dyno, out, tee, timeout, logs, appId, box, done] {
        const int rc = build::runReleasePhase(slugPath, command, config, workDir, dyno, *out, timeout,
                                              [&](const std::string &line) {
                                                  if (tee)
                                                      tee->append(line);
                                                  if (logs)
                                                      logs->append(appId, "app", dyno, line);
                                              },
                                              box);
        QMetaObject::invokeMethod(this, [done, rc] { done(rc); }, Qt::QueuedConnection);
    });
}

void Deployer::runInRelease(const Release &release, const std::string &command, const std::string &dyno,
                            std::function<void(int, std::string)> done)
{
    const auto slug = release.slugId ? m_builds.slugById(*release.slugId) : std::nullopt;
    if (!slug)
        return done(1, "The release has no slug to run " + command + " in.");
    auto out = std::make_shared<build::BuildOutput>(m_paths.builds() + "/" + dyno + "-" + release.id + ".log");
    runInSlug(release.appId, slug->path, command, build::Env(release.config.begin(), release.config.end()), dyno, out,
              [out, done](int rc) {
                  std::string text;
                  for (const auto &line : out->lines())
                      text += (line.starts_with("       ") ? line.substr(7) : line) + "\n";
                  out->finish(rc);
                  done(rc, text);
              });
}

void Deployer::runThenOnCore(std::function<std::function<void()>()> work)
{
    runWorker([this, work = std::move(work)] {
        auto then = work();
        QMetaObject::invokeMethod(this, std::move(then), Qt::QueuedConnection);
    });
}

void Deployer::released(const std::string &releaseId, int exitCode, std::shared_ptr<build::BuildOutput> out,
                        std::shared_ptr<build::BuildOutput> own)
{
    if (own != out)
        own->finish(exitCode == 0 ? 0 : 1);
    const auto input = exitCode == 0 ? releases::Input::ReleasePhaseSucceeded
                       : exitCode > 0 ? releases::Input::ReleasePhaseFailed
                                      : releases::Input::ReleasePhaseTimedOut;
    auto release = m_releases.finishRelease(releaseId, input);
    if (!release) {
        out->append(" !     " + release.error().message);
        out->finish(1);
        return;
    }
    if (exitCode != 0) {
        out->append(" !     Release command failed" + (exitCode > 0 ? ": exit status " + std::to_string(exitCode)
                                                                    : std::string(": it timed out")));
        out->append(" !     Release v" + std::to_string(release->version) + " failed; the previous release stays current.");
        out->append(" !     Push failed");
        out->finish(1);
        return;
    }
    launchLines(*release, *out);
    out->finish(0);
}

std::shared_ptr<build::BuildOutput> Deployer::output(const std::string &buildId)
{
    return keptOutput(buildId, m_paths.builds() + "/" + buildId + ".log");
}

std::shared_ptr<build::BuildOutput> Deployer::releaseOutput(const std::string &releaseId)
{
    return keptOutput("release-" + releaseId, m_paths.builds() + "/release-" + releaseId + ".log");
}

bool Deployer::hasReleaseOutput(const std::string &releaseId)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_outputs.count("release-" + releaseId))
            return true;
    }
    return QFile::exists(QString::fromStdString(m_paths.builds() + "/release-" + releaseId + ".log"));
}

std::shared_ptr<build::BuildOutput> Deployer::keptOutput(const std::string &key, const std::string &path)
{
    std::lock_guard lock(m_mutex);
    auto it = m_outputs.find(key);
    if (it != m_outputs.end())
        return it->second;
    if (!QFile::exists(QString::fromStdString(path)))
        return nullptr;
    // Output of an earlier run: it is in the file, and it is over.
    auto out = build::BuildOutput::finishedFromFile(path, 0);
    m_outputs[key] = out;
    return out;
}

Status Deployer::clearCache(const Actor &actor, const std::string &app)
{
    auto access = m_builds.gitAccess(actor, app, true);
    if (!access)
        return access.error();
    QDir(QString::fromStdString(m_paths.cache(access->app.id))).removeRecursively();
    return core::Done{};
}

} // namespace dynodesk::platform
