#pragma once

#include "setupsource.h"
#include "setupstate.h"
#include "setuptypes.h"

#include "platform/apps/apptypes.h"
#include "platform/service.h"

#include "build/appmanifest.h"

#include <QObject>
#include <QPointer>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QTimer;

namespace dynodesk::platform {

class Deployer;
class Platform;

// What POST /app-setups asks for.
struct SetupRequest final {
    AppCreate app;
    SetupSource source;     // the tarball: a file on this machine (allowed already) or a URL to fetch
    std::string sourceUrl;  // the URL as given, the build's source_blob.url
    std::optional<std::string> version;
    std::map<std::string, std::string> env; // overrides.env: win over the manifest's
    std::optional<std::vector<std::string>> buildpacks; // overrides.buildpacks: win over the manifest's
};

// Runs app setups, as the platform's Button does: the tarball fetched and checked and its
// app.json read on a worker thread; then on the core thread the manifest checked, the app made
// with its config vars, add-ons (waited for until provisioned) and buildpacks, the build run by
// the Deployer, the formation set, and the postdeploy script run once in a one-off process of the
// new release. Anything wrong before the app is made fails the setup with nothing made; a
// failure while the app is made up to its build removes it again; a failed build, release or
// postdeploy fails the setup and keeps the app, as on the platform. Lives on the core thread.
class SetupRunner final : public QObject {
    Q_OBJECT
public:
    SetupRunner(Platform &platform, Deployer &deployer, std::string workDir, uint64_t maxSourceBytes);
    ~SetupRunner() override;

    Result<AppSetup> start(const Actor &actor, SetupRequest request);
    // How long the add-ons may take to be provisioned before the setup fails.
    void setAddonTimeout(std::chrono::milliseconds timeout) { m_addonTimeout = timeout; }

private:
    struct Job;
    using JobPtr = std::shared_ptr<Job>;

    void sourceRead(const JobPtr &job, const ReadSource &read);
    std::vector<std::string> manifestProblems(const Job &job) const;
    bool makeApp(const JobPtr &job);
    std::optional<std::string> configureApp(Job &job);
    void waitForAddons(const JobPtr &job);
    std::optional<std::string> addonProblem(const Job &job, bool *ready);
    void startBuild(const JobPtr &job);
    void built(const JobPtr &job, int exitCode);
    void postdeployed(const JobPtr &job, int exitCode, const std::string &output);
    void succeed(const JobPtr &job);
    // Fails the setup (`why`); `removeApp` destroys the app made so far.
    void fail(const JobPtr &job, setups::Input why, const std::string &message, bool removeApp,
              std::vector<std::string> errors = {});
    void end(const JobPtr &job);

    Platform &m_platform;
    Deployer &m_deployer;
    std::string m_workDir;
    uint64_t m_maxSourceBytes;
    std::chrono::milliseconds m_addonTimeout{std::chrono::minutes(3)};
    std::map<std::string, JobPtr> m_jobs;
};

} // namespace dynodesk::platform
