#include "emulator.h"

#include "platform/builds/deployer.h"
#include "platform/setups/setuprunner.h"


#include "addons/addonprovisioner.h"
#include "addons/postgres/postgresprovider.h"
#include "build/slugcompiler.h"
#include "api/api.h"
#include "http/httpserver.h"
#include "api/streamroutes.h"
#include "core/guard.h"
#include "core/ids.h"
#include "dynos/processdynodriver.h"
#include "dynos/rendezvous.h"
#include "git/gitservice.h"
#include "logs/drainforwarder.h"
#include "logs/logplex.h"
#include "router/router.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QMetaObject>

#include <csignal>
#include <sys/stat.h>

namespace dynodesk::wiring {

using core::ApiError;
using platform::AccountCreated;
using platform::Platform;

static std::string storePath(const std::string &dataDir) { return dataDir + "/dynodesk.sqlite3"; }

core::Status ensurePrivateDataDir(const std::string &dataDir)
{
    const QString dir = QString::fromStdString(dataDir);
    const bool existed = QFileInfo::exists(dir);
    if (!QDir().mkpath(dir))
        return ApiError::internal("Cannot create the data dir " + dataDir + ".");
    if (!existed) {
        ::chmod(dataDir.c_str(), 0700);
        return core::Done{};
    }
    struct stat st = {};
    if (::stat(dataDir.c_str(), &st) != 0 || (st.st_mode & 077) == 0)
        return core::Done{};
    if (::chmod(dataDir.c_str(), 0700) != 0)
        qWarning("dynodesk: the data dir %s can be entered by other users (mode %o) and could not be made private",
                 dataDir.c_str(), st.st_mode & 0777);
    else
        qWarning("dynodesk: the data dir %s could be entered by other users (mode %o); it is now mode 700",
                 dataDir.c_str(), st.st_mode & 0777);
    return core::Done{};
}

// A file that ships with the emulator: beside the running binary (or in ../share/dynodesk when
// installed), else where the build tree has it.
static std::string shipped(const QString &besideBinary, const QString &installed, const char *buildTree)
{
    const QString base = QCoreApplication::applicationDirPath();
    for (const QString &candidate : {base + QLatin1Char('/') + besideBinary, base + QStringLiteral("/../share/dynodesk/") + installed})
        if (QFileInfo::exists(candidate))
            return QFileInfo(candidate).absoluteFilePath().toStdString();
    return buildTree;
}

Emulator::Emulator(core::Settings settings) : m_settings(std::move(settings))
{
    if (m_settings.dataDir.empty())
        m_settings.dataDir = core::defaultDataDir();
    m_coreThread.setObjectName(QStringLiteral("dynodesk-core"));
}

Emulator::~Emulator() { stop(); }

std::string Emulator::apiUrl() const { return "http://" + m_settings.host + ":" + std::to_string(m_settings.apiPort); }

std::string Emulator::routerUrl() const { return "http://localhost:" + std::to_string(m_settings.routerPort); }

static router::RouterSettings routerSettings(const core::Settings &s)
{
    router::RouterSettings r;
    r.host = s.host;
    r.threads = s.routerThreads;
    r.connectTimeout = std::chrono::milliseconds(s.routerConnectTimeoutMs);
    r.responseTimeout = std::chrono::milliseconds(s.routerResponseTimeoutMs);
    r.idleTimeout = std::chrono::milliseconds(s.routerIdleTimeoutMs);
    r.bootWait = std::chrono::milliseconds(s.routerBootWaitMs);
    return r;
}

void Emulator::runOnCore(const std::function<void(platform::Platform &)> &fn)
{
    QMetaObject::invokeMethod(m_coreContext.get(), [&] { fn(*m_platform); }, Qt::BlockingQueuedConnection);
}

core::Status Emulator::start()
{
    // Each step undoes nothing itself: a failure stops whatever the earlier steps started.
    for (auto step : {&Emulator::lockDataDir, &Emulator::startCoreThread, &Emulator::startRendezvous,
                      &Emulator::createCore, &Emulator::startServers}) {
        if (auto failed = (this->*step)(); !failed.ok()) {
            stop();
            return failed;
        }
    }
    runOnCore([this](Platform &p) { publishPorts(p); });
    m_running = true;
    return core::Done{};
}

core::Status Emulator::lockDataDir()
{
    const QString dir = QString::fromStdString(m_settings.dataDir);
    if (auto made = ensurePrivateDataDir(m_settings.dataDir); !made)
        return made;
    m_lock = std::make_unique<QLockFile>(dir + QStringLiteral("/emulator.lock"));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        m_lock->getLockInfo(&pid, &host, &app);
        m_lock.reset();
        return ApiError{409, "conflict",
                        "The data dir " + m_settings.dataDir + " is in use by another emulator ("
                                + app.toStdString() + ", pid " + std::to_string(pid) + ")."};
    }
    // Writing to a pipe whose reader has gone (a git or buildpack process) must not kill us.
    std::signal(SIGPIPE, SIG_IGN);
    if (m_settings.builtinBuildpacksDir.empty())
        m_settings.builtinBuildpacksDir = shipped(QStringLiteral("../resources/buildpacks"), QStringLiteral("buildpacks"),
                                                  DYNODESK_BUILDPACKS_DIR);
    if (m_settings.gitHookBinary.empty())
        m_settings.gitHookBinary = shipped(QStringLiteral("dynodesk-git-hook"), QStringLiteral("../../bin/dynodesk-git-hook"),
                                           DYNODESK_GIT_HOOK_BIN);
    return core::Done{};
}

core::Status Emulator::startCoreThread()
{
    m_logplex = std::make_unique<logs::Logplex>(m_clock);
    logs::DrainSettings drainSettings;
    drainSettings.bufferLines = m_settings.drainBufferLines;
    drainSettings.batchLines = m_settings.drainBatchLines;
    m_drains = std::make_unique<logs::DrainForwarder>(*m_logplex, drainSettings);
    m_coreContext = std::make_unique<QObject>();
    m_coreContext->moveToThread(&m_coreThread);
    m_coreThread.start();
    return core::Done{};
}

void Emulator::onCore(std::function<void()> work)
{
    QMetaObject::invokeMethod(m_coreContext.get(), std::move(work), Qt::QueuedConnection);
}

core::Status Emulator::startRendezvous()
{
    // One-off dynos are attached through a TLS rendezvous with the emulator's own certificate.
    auto certificate = dynos::ensureCertificate(m_settings.dataDir + "/tls");
    if (!certificate)
        return certificate.error();
    m_certificate = certificate->certificate;
    try {
        m_rendezvous = std::make_unique<dynos::Rendezvous>(
                certificate->certificate, certificate->key,
                [this](const std::string &secret, std::function<void(dynos::Terminal)> ready) {
                    onCore([this, secret, ready = std::move(ready)] {
                        ready(m_supervisor ? m_supervisor->attach(secret) : dynos::Terminal{});
                    });
                },
                [this](const std::string &secret) {
                    onCore([this, secret] {
                        if (m_supervisor)
                            m_supervisor->detach(secret);
                    });
                });
        m_settings.rendezvousPort = m_rendezvous->listen(m_settings.host, m_settings.rendezvousPort);
    } catch (const std::exception &e) {
        return ApiError::internal(std::string("Cannot start the one-off dynos' rendezvous: ") + e.what());
    }
    return core::Done{};
}

core::Status Emulator::createCore()
{
    std::optional<ApiError> failure;
    QMetaObject::invokeMethod(m_coreContext.get(), [&] {
        try {
            m_store = std::make_unique<store::Store>(storePath(m_settings.dataDir));
            m_platform = std::make_unique<Platform>(*m_store, m_clock, m_settings);
            m_platform->setLogSink(m_logplex.get());
            createSupervisor();
            createDeployer();
            createProvisioner();
            connectEvents();
            if (auto made = m_platform->accounts().ensureFirstAccount())
                m_credentials = {made->account.email, made->token, made->password};
            else
                m_credentials = {};
            m_api = std::make_unique<api::Api>(*m_platform, *m_deployer, *m_setups, *m_logplex, m_clock, m_settings);
            // After a restart the stored formation runs again, and the drains forward again.
            for (const auto &appId : m_platform->apps().appIds()) {
                converge(QString::fromStdString(appId));
                setDrains(QString::fromStdString(appId));
            }
            scheduleRoutes();
        } catch (const std::exception &e) {
            failure = ApiError::internal("Cannot open the store in " + m_settings.dataDir + ": " + e.what());
        }
    }, Qt::BlockingQueuedConnection);
    if (failure)
        return *failure;
    return core::Done{};
}

void Emulator::createSupervisor()
{
    // Dynos run the formation in a sandbox each where the machine has one, else as plain
    // processes; a crashed emulator's dynos are stopped first.
    m_sandbox = m_settings.sandbox == "off" ? core::Sandbox::disabled("the sandbox is turned off (--sandbox off)")
                                            : core::Sandbox::detect(m_settings.sandbox);
    if (!m_sandbox.enabled())
        qWarning("Dynos: %s", m_sandbox.describe().c_str());
    const std::string dynosDir = m_settings.dataDir + "/dynos";
    dynos::Supervisor::killOrphans(dynosDir);
    m_supervisor = std::make_unique<dynos::Supervisor>(
            dynos::SupervisorSettings{dynosDir, std::chrono::seconds(m_settings.bootTimeoutSeconds),
                                      std::chrono::seconds(m_settings.stopGraceSeconds),
                                      std::chrono::seconds(m_settings.crashCooldownCapSeconds),
                                      std::chrono::seconds(m_settings.attachTimeoutSeconds),
                                      std::chrono::seconds(m_settings.cycleSeconds),
                                      std::chrono::milliseconds(m_settings.memorySampleMilliseconds),
                                      std::chrono::seconds(m_settings.runtimeMetricsSeconds),
                                      std::chrono::milliseconds(m_settings.idleAfterMilliseconds)},
            std::make_unique<dynos::ProcessDynoDriver>(dynosDir, m_sandbox), m_clock, *m_logplex);
    m_platform->dynos().setSupervisor(m_supervisor.get());
}

void Emulator::createDeployer()
{
    m_deployer = std::make_unique<platform::Deployer>(m_platform->builds(), m_platform->releases(), m_platform->apps(),
                                                      platform::DeployPaths{m_settings.dataDir, m_settings.builtinBuildpacksDir},
                                                      std::chrono::seconds(m_settings.buildTimeoutSeconds));
    m_deployer->setLogSink(m_logplex.get());
    m_deployer->setSandbox(m_sandbox);
    // Builds a crash interrupted are failed, and whatever they left running is stopped.
    build::killBuildProcesses(m_platform->builds().failInterruptedBuilds());
    // App setups run their builds through the deployer; a crash's are failed.
    m_platform->setups().failInterruptedSetups();
    m_setups = std::make_unique<platform::SetupRunner>(*m_platform, *m_deployer, m_deployer->paths().work(),
                                                       api::StreamContext().maxSourceBytes);
}

void Emulator::createProvisioner()
{
    // Add-ons: providers work on the provisioner's thread; Postgres starts its cluster
    // (<data dir>/postgres) on first use and stops it when the provisioner goes.
    std::map<std::string, std::unique_ptr<addons::IAddonProvider>> providers;
    providers.emplace("heroku-postgresql", std::make_unique<addons::postgres::PostgresProvider>(
                                                   QString::fromStdString(m_settings.dataDir + "/postgres"),
                                                   true /* the data dir is locked: ours alone */));
    m_provisioner = std::make_unique<addons::AddonProvisioner>(std::move(providers));
    QObject::connect(m_provisioner.get(), &addons::AddonProvisioner::finished, &m_platform->addonJobs(),
                     &platform::AddonJobs::finishAddonWork);
    m_platform->addonJobs().setAddonProvisioner(m_provisioner.get());
    m_platform->addonJobs().recoverAddons();
    m_platform->data().recoverTransfers();
}

void Emulator::converge(const QString &appId)
{
    // A store that cannot be read leaves the dynos as they are.
    core::runGuarded("converging the dynos", [&] {
        m_supervisor->converge(m_platform->formation().desiredDynos(appId.toStdString()));
    });
}

void Emulator::setDrains(const QString &appId)
{
    core::runGuarded("reading the log drains", [&] {
        m_drains->setDrains(appId.toStdString(), m_platform->drains().drainTargets(appId.toStdString()));
    });
}

void Emulator::connectEvents()
{
    using platform::PlatformEvents;
    PlatformEvents *events = &m_platform->events();
    // The dynos follow releases, the formation and app deletions.
    QObject::connect(events, &PlatformEvents::releaseCreated, m_supervisor.get(),
                     [this](const QString &appId, qint64) { converge(appId); });
    QObject::connect(events, &PlatformEvents::formationChanged, m_supervisor.get(), [this](const QString &appId) { converge(appId); });
    QObject::connect(events, &PlatformEvents::appDestroyed, m_supervisor.get(),
                     [this](const QString &appId) { m_supervisor->forget(appId.toStdString()); });
    // The router's table follows dyno states, releases (error pages), names and domains.
    auto routes = [this] { scheduleRoutes(); };
    QObject::connect(m_supervisor.get(), &dynos::Supervisor::dynoStateChanged, events, routes);
    QObject::connect(events, &PlatformEvents::releaseCreated, events, routes);
    QObject::connect(events, &PlatformEvents::routingChanged, events, routes);
    QObject::connect(events, &PlatformEvents::appDestroyed, events, routes);
    // Every line of an app goes to its drains too.
    QObject::connect(events, &PlatformEvents::drainsChanged, events, [this](const QString &appId) { setDrains(appId); });
    // What a destroyed app leaves goes: its repository, build cache, logs and drains.
    QObject::connect(events, &PlatformEvents::appDestroyed, events, [this](const QString &appId) {
        m_drains->setDrains(appId.toStdString(), {});
        QDir(QString::fromStdString(m_deployer->paths().repo(appId.toStdString()))).removeRecursively();
        QDir(QString::fromStdString(m_deployer->paths().cache(appId.toStdString()))).removeRecursively();
        m_logplex->forget(appId.toStdString());
    });
}

git::GitService::Authorizer Emulator::gitAuthorizer()
{
    return [this](const std::string &token, const std::string &appName, bool push) {
        auto promise = std::make_shared<std::promise<git::GitGrant>>();
        onCore([this, promise, token, appName, push] {
            auto actor = m_platform->accounts().authenticateToken(token);
            if (!actor)
                return promise->set_value({401, "Invalid credentials: use your API token as the password.", {}, {}, {}});
            auto access = m_platform->builds().gitAccess(*actor, appName, push);
            if (!access)
                return promise->set_value({access.error().status, access.error().message, {}, {}, {}});
            promise->set_value({200, {}, access->app.id, actor->id, actor->email});
        });
        return promise->get_future();
    };
}

core::Status Emulator::startServers()
{
    auto handler = [this](http::HttpRequest request, http::HttpServer::Reply reply) {
        onCore([this, request = std::move(request), reply = std::move(reply)] { m_api->handle(request, reply); });
    };
    m_server = std::make_unique<http::HttpServer>(handler, m_settings.maxBodyBytes, m_settings.apiThreads);
    auto pushed = [this](const std::string &appId, int64_t bytes) {
        auto done = std::make_shared<std::promise<void>>();
        onCore([this, appId, bytes, done] {
            m_platform->builds().setRepoSize(appId, bytes);
            done->set_value();
        });
        done->get_future().wait_for(std::chrono::seconds(5)); // a core that is stopping never answers
    };
    m_git = std::make_unique<git::GitService>(m_settings.dataDir + "/repos", m_settings.gitHookBinary, gitAuthorizer(), pushed);
    const std::string hookSecret = core::newId();
    m_server->addStreamRoute(&git::GitService::isGitPath,
                             [this](std::shared_ptr<http::HttpExchange> ex) { m_git->handle(std::move(ex)); });
    api::addStreamRoutes(*m_server, {[this](std::function<void()> work) { onCore(std::move(work)); }, m_platform.get(),
                                     m_deployer.get(), m_logplex.get(), hookSecret});
    try {
        m_settings.apiPort = m_server->listen(m_settings.host, m_settings.apiPort);
        router::RouterSettings rs = routerSettings(m_settings);
        // A request for an app whose dyno sleeps wakes it, on the core thread.
        rs.wake = [this](const std::string &appId) {
            onCore([this, appId] {
                if (m_supervisor)
                    m_supervisor->wake(appId);
            });
        };
        m_router = std::make_unique<router::Router>(m_routes, m_logplex.get(), std::move(rs));
        m_settings.routerPort = m_router->listen(m_settings.routerPort);
        m_git->setHookEndpoint(apiUrl() + "/internal/git-hook", hookSecret);
    } catch (const std::exception &e) {
        return ApiError::internal(e.what());
    }
    return core::Done{};
}

void Emulator::publishPorts(Platform &p)
{
    p.setApiPort(m_settings.apiPort);
    p.setRouterPort(m_settings.routerPort);
    if (m_credentials.token.empty()) {
        // The oldest account and its oldest token, to print for the user.
        std::string token;
        if (auto first = p.accounts().firstLogin(&token))
            m_credentials = {first->email, token, std::nullopt};
    }
}

void Emulator::scheduleRoutes()
{
    if (m_routesPending)
        return;
    m_routesPending = true;
    QMetaObject::invokeMethod(m_coreContext.get(), [this] {
        m_routesPending = false;
        if (!m_platform || !m_supervisor)
            return;
        // A store that cannot be read keeps the last table.
        core::runGuarded("publishing the route table", [this] {
            std::vector<std::shared_ptr<const core::RouteApp>> apps;
            for (core::RouteApp &app : m_platform->apps().routingApps()) {
                app.lastRequestMs = m_supervisor->activity(app.id);
                for (const dynos::DynoInfo &d : m_supervisor->dynos(app.id))
                    if (d.type == "web")
                        app.webDynos.push_back({d.name, "127.0.0.1", d.port, d.state});
                apps.push_back(std::make_shared<const core::RouteApp>(std::move(app)));
            }
            m_routes.publish(core::RouteSnapshot::make(std::move(apps), ".localhost", ++m_routesGeneration));
        });
    }, Qt::QueuedConnection);
}

void Emulator::stop()
{
    // I/O threads first, so no new work reaches the core; then the core, which owns the state.
    if (m_router)
        m_router->stop();
    if (m_server)
        m_server->stop();
    if (m_rendezvous)
        m_rendezvous->stop();
    if (m_coreThread.isRunning()) {
        QMetaObject::invokeMethod(m_coreContext.get(), [this] {
            m_api.reset();
            if (m_platform)
                m_platform->dynos().setSupervisor(nullptr);
            m_supervisor.reset(); // stops every dyno: SIGTERM, then SIGKILL after the grace
            m_setups.reset();
            m_deployer.reset();
            if (m_platform)
                m_platform->addonJobs().setAddonProvisioner(nullptr);
            m_provisioner.reset(); // finishes the queued provider work, then stops the Postgres cluster
            m_platform.reset();
            m_store.reset();
        }, Qt::BlockingQueuedConnection);
        m_coreThread.quit();
        m_coreThread.wait();
    }
    m_coreContext.reset();
    m_rendezvous.reset(); // after the core: answers the core still owed it were dropped with it
    m_drains.reset(); // after the dynos: their last lines were handed to the drains
    // Log readers hold connections of the server: they go while its I/O context still exists.
    m_logplex.reset();
    m_git.reset();
    m_server.reset();
    m_router.reset();
    if (m_lock)
        m_lock->unlock();
    m_lock.reset();
    m_running = false;
}

} // namespace dynodesk::wiring
