#include "setuprunner.h"

#include "platform/builds/deployer.h"
#include "platform/platform.h"

#include "core/ids.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>

namespace dynodesk::platform {

struct SetupRunner::Job {
    std::string setupId;
    Actor actor;
    SetupRequest request;
    build::AppManifest manifest;
    std::string appId, appName, buildId;
    std::vector<std::string> addonIds;
    QElapsedTimer waited;
};

// generator: "secret": 32 random bytes as 64 hex digits.
static std::string newSecret()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return bytes.toHex().toStdString();
}

static constexpr const char *kInvalidManifest = "invalid app.json";

SetupRunner::SetupRunner(Platform &platform, Deployer &deployer, std::string workDir, uint64_t maxSourceBytes)
    : m_platform(platform), m_deployer(deployer), m_workDir(std::move(workDir)), m_maxSourceBytes(maxSourceBytes)
{
}

SetupRunner::~SetupRunner() = default;

Result<AppSetup> SetupRunner::start(const Actor &actor, SetupRequest request)
{
    auto made = m_platform.setups().createSetup(actor, request.app.name);
    if (!made)
        return made;
    auto job = std::make_shared<Job>();
    job->setupId = made->id;
    job->actor = actor;
    job->request = std::move(request);
    job->request.source.maxBytes = m_maxSourceBytes;
    job->request.source.target = m_workDir + "/setup-" + made->id + ".tgz";
    m_jobs[made->id] = job;
    QPointer<SetupRunner> self(this);
    const SetupSource source = job->request.source;
    m_deployer.runThenOnCore([self, job, source]() -> std::function<void()> {
        const ReadSource read = readSetupSource(source);
        return [self, job, read] {
            if (self)
                self->sourceRead(job, read);
        };
    });
    return made;
}

void SetupRunner::sourceRead(const JobPtr &job, const ReadSource &read)
{
    if (read.failure)
        return fail(job, setups::Input::SourceBad, *read.failure, false);
    std::string notJson;
    auto manifest = build::parseAppManifest(read.manifestText, &notJson);
    if (!manifest)
        return fail(job, setups::Input::ManifestBad, kInvalidManifest, false, {notJson});
    job->manifest = *manifest;
    m_platform.setups().updateSetup(job->setupId, [&](AppSetup &s) { s.manifest = read.manifestText; });
    if (auto problems = manifestProblems(*job); !problems.empty())
        return fail(job, setups::Input::ManifestBad, kInvalidManifest, false, problems);
    if (!makeApp(job))
        return;
    if (auto problem = configureApp(*job))
        return fail(job, setups::Input::StepFailed, *problem, true);
    job->waited.start();
    waitForAddons(job);
}

// The manifest's own errors, required config vars without a value, and add-on plans the
// catalog does not offer: all found before anything is made.
std::vector<std::string> SetupRunner::manifestProblems(const Job &job) const
{
    std::vector<std::string> problems = job.manifest.errors;
    for (const auto &[key, env] : job.manifest.env)
        if (env.required && !env.value && !env.secret && !job.request.env.contains(key))
            problems.push_back("config var " + key + " is required");
    for (size_t i = 0; i < job.manifest.addons.size(); ++i)
        if (auto plan = m_platform.planCatalog().resolve(job.manifest.addons[i].plan); !plan)
            problems.push_back("addons[" + std::to_string(i) + "]: " + plan.error().message);
    return problems;
}

bool SetupRunner::makeApp(const JobPtr &job)
{
    AppCreate params = job->request.app;
    if (!params.stack)
        params.stack = job->manifest.stack;
    auto app = m_platform.apps().createApp(job->actor, params);
    if (!app) {
        fail(job, setups::Input::StepFailed, app.error().message, false);
        return false;
    }
    job->appId = app->id;
    job->appName = app->name;
    m_platform.setups().updateSetup(job->setupId, [&](AppSetup &s) {
        s.appId = app->id;
        s.appName = app->name;
    });
    return true;
}

// Config vars (the manifest's, generated secrets, the overrides winning), add-ons, buildpacks.
std::optional<std::string> SetupRunner::configureApp(Job &job)
{
    ConfigPatch config;
    for (const auto &[key, env] : job.manifest.env) {
        if (job.request.env.contains(key))
            continue;
        if (env.secret)
            config.emplace_back(key, newSecret());
        else if (env.value)
            config.emplace_back(key, *env.value);
    }
    for (const auto &[key, value] : job.request.env)
        config.emplace_back(key, value);
    if (!config.empty())
        if (auto set = m_platform.releases().updateConfigVars(job.actor, job.appId, config); !set)
            return set.error().message;
    for (const auto &a : job.manifest.addons) {
        AddonCreate create;
        create.plan = a.plan;
        create.attachmentName = a.as;
        auto addon = m_platform.addons().createAddon(job.actor, job.appId, create);
        if (!addon)
            return "The add-on " + a.plan + " could not be created: " + addon.error().message;
        job.addonIds.push_back(addon->id);
    }
    const auto buildpacks = job.request.buildpacks.value_or(job.manifest.buildpacks);
    if (!buildpacks.empty())
        if (auto set = m_platform.builds().setBuildpacks(job.actor, job.appId, buildpacks); !set)
            return set.error().message;
    return std::nullopt;
}

std::optional<std::string> SetupRunner::addonProblem(const Job &job, bool *ready)
{
    *ready = true;
    for (const auto &id : job.addonIds) {
        auto addon = m_platform.addonResolver().addon(job.actor, job.appId, id);
        if (!addon)
            return "An add-on of the app is gone: " + addon.error().message;
        if (addon->state == "provisioned")
            continue;
        if (addon->state != "provisioning")
            return "The add-on " + addon->name + " could not be provisioned"
                    + (addon->provisionMessage ? ": " + *addon->provisionMessage : std::string("."));
        *ready = false;
    }
    return std::nullopt;
}

// Add-ons are provisioned and attached before the build, as on the platform: their config vars
// are in the build's and the postdeploy script's environment.
void SetupRunner::waitForAddons(const JobPtr &job)
{
    bool ready = false;
    if (auto problem = addonProblem(*job, &ready))
        return fail(job, setups::Input::StepFailed, *problem, true);
    if (ready)
        return startBuild(job);
    if (std::chrono::milliseconds(job->waited.elapsed()) > m_addonTimeout)
        return fail(job, setups::Input::StepFailed, "The add-ons were not provisioned in time.", true);
    QPointer<SetupRunner> self(this);
    QTimer::singleShot(200, this, [self, job] {
        if (self)
            self->waitForAddons(job);
    });
}

void SetupRunner::startBuild(const JobPtr &job)
{
    BuildRequest request;
    request.sourceUrl = job->request.sourceUrl;
    request.version = job->request.version;
    auto started = m_deployer.deploySource(job->actor, job->appId, request, job->request.source.target);
    if (!started)
        return fail(job, setups::Input::StepFailed, started.error().message, true);
    job->buildId = started->build.id;
    m_platform.setups().updateSetup(job->setupId, [&](AppSetup &s) { s.buildId = job->buildId; });
    QPointer<SetupRunner> self(this);
    started->output->subscribe([](const std::string &) {}, [self, job](int exitCode) {
        if (!self) // the output ends on the core thread (Deployer::compiled, released)
            return;
        QMetaObject::invokeMethod(self.data(), [self, job, exitCode] {
            if (self)
                self->built(job, exitCode);
        }, Qt::QueuedConnection);
    });
}

void SetupRunner::built(const JobPtr &job, int exitCode)
{
    QFile::remove(QString::fromStdString(job->request.source.target));
    auto build = m_platform.builds().build(job->actor, job->appId, job->buildId);
    if (exitCode != 0 || !build) {
        const bool buildFailed = !build || build->status == "failed";
        return fail(job, setups::Input::StepFailed, buildFailed ? "The build failed; its output tells why."
                                     : "The release failed: its release phase did not succeed.", false);
    }
    std::vector<FormationUpdate> formation;
    for (const auto &[type, process] : job->manifest.formation)
        formation.push_back({type, process.quantity, process.size, false});
    if (!formation.empty())
        if (auto scaled = m_platform.formation().updateFormation(job->actor, job->appId, formation); !scaled)
            return fail(job, setups::Input::StepFailed, "The formation could not be set: " + scaled.error().message, false);
    if (!job->manifest.postdeploy || !build->releaseId)
        return succeed(job);
    auto release = m_platform.releases().release(job->actor, job->appId, *build->releaseId);
    if (!release)
        return fail(job, setups::Input::StepFailed, release.error().message, false);
    QPointer<SetupRunner> self(this);
    m_deployer.runInRelease(*release, *job->manifest.postdeploy, "postdeploy",
                            [self, job](int rc, const std::string &output) {
                                if (self)
                                    self->postdeployed(job, rc, output);
                            });
}

void SetupRunner::postdeployed(const JobPtr &job, int exitCode, const std::string &output)
{
    m_platform.setups().updateSetup(job->setupId, [&](AppSetup &s) {
        s.postdeployOutput = output;
        s.postdeployExitCode = exitCode;
    });
    if (exitCode == 0)
        return succeed(job);
    fail(job, setups::Input::StepFailed, exitCode > 0 ? "The postdeploy script failed with exit status " + std::to_string(exitCode) + "."
                           : std::string("The postdeploy script timed out."),
         false);
}

void SetupRunner::succeed(const JobPtr &job)
{
    std::optional<std::string> successUrl;
    if (job->manifest.successUrl) {
        const QUrl web(QString::fromStdString(m_platform.apps().webUrl(job->appName)));
        successUrl = web.resolved(QUrl(QString::fromStdString(*job->manifest.successUrl))).toString().toStdString();
    }
    m_platform.setups().succeedSetup(job->setupId, successUrl);
    end(job);
}

void SetupRunner::fail(const JobPtr &job, setups::Input why, const std::string &message, bool removeApp,
                       std::vector<std::string> errors)
{
    if (removeApp && !job->appId.empty())
        (void)m_platform.apps().destroyApp(job->actor, job->appId);
    m_platform.setups().failSetup(job->setupId, why, message, std::move(errors));
    end(job);
}

void SetupRunner::end(const JobPtr &job)
{
    QFile::remove(QString::fromStdString(job->request.source.target));
    m_jobs.erase(job->setupId);
}

} // namespace dynodesk::platform
