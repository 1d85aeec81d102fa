#pragma once

#include "core/sandbox.h"

#include "platform/platform.h"

#include "git/gitservice.h"

#include "core/apierror.h"
#include "core/clock.h"
#include "core/coresettings.h"
#include "core/routetable.h"

#include <QThread>

#include <functional>
#include <memory>
#include <optional>
#include <string>

class QLockFile;

namespace dynodesk::store {
class Store;
}
namespace dynodesk::api {
class Api;
}
namespace dynodesk::http {
class HttpServer;
}
namespace dynodesk::git {
class GitService;
}
namespace dynodesk::router {
class Router;
}
namespace dynodesk::logs {
class Logplex;
class DrainForwarder;
}
namespace dynodesk::dynos {
class Rendezvous;
}
namespace dynodesk::addons {
class AddonProvisioner;
}

namespace dynodesk::platform {
class Deployer;
class SetupRunner;
}

namespace dynodesk::wiring {

// Who to tell the user to log in as: an account and one of its tokens.
struct Credentials final {
    std::string email, token;
    std::optional<std::string> newPassword; // set when this start created the account
};

// The whole emulator, created and connected in one place: the data dir (locked against a second
// emulator), the store, the platform core on its own thread, the API server and the router on
// their I/O threads. Both dynodesk-server and the desktop app run one of these.
class Emulator final {
public:
    explicit Emulator(core::Settings settings);
    ~Emulator();
    Emulator(const Emulator &) = delete;
    Emulator &operator=(const Emulator &) = delete;

    // Locks the data dir, opens the store (migrating it), makes the first account when there is
    // none, and starts serving. A failure says why in words for the user.
    core::Status start();
    // Stops the router, then serving and the core; safe to call twice.
    void stop();

    uint16_t apiPort() const { return m_settings.apiPort; }
    // The certificate of the one-off dynos' TLS rendezvous: `NODE_EXTRA_CA_CERTS` for the CLI.
    const std::string &certificatePath() const { return m_certificate; }
    std::string apiUrl() const;
    uint16_t routerPort() const { return m_settings.routerPort; }
    // `http://localhost:<router port>`; apps answer at `http://<app>.localhost:<router port>/`.
    std::string routerUrl() const;
    const Credentials &credentials() const { return m_credentials; }
    // How dynos and builds are isolated here (known once started).
    const core::Sandbox &sandbox() const { return m_sandbox; }
    const core::Settings &settings() const { return m_settings; }

    // The current `up` web dynos of every app, for the router (DESIGN rule 2).
    const core::RouteTable &routeTable() const { return m_routes; }

    // Runs `fn` on the core thread and waits for it (for tests and tools, never on a hot path).
    void runOnCore(const std::function<void(platform::Platform &)> &fn);

private:
    // The steps of start(), in order; each says why it failed.
    core::Status lockDataDir();
    core::Status startCoreThread();
    core::Status startRendezvous();
    core::Status createCore(); // on the core thread: store, platform, dynos, deploys, add-ons, API
    core::Status startServers(); // the HTTP server (API, git, streams) and the router
    void publishPorts(platform::Platform &p);
    // Parts of createCore.
    void createSupervisor();
    void createDeployer();
    void createProvisioner();
    void connectEvents();
    git::GitService::Authorizer gitAuthorizer();
    void converge(const QString &appId);
    void setDrains(const QString &appId);
    void onCore(std::function<void()> work);
    // Rebuilds the route table from the platform and the supervisor, once per burst of changes.
    void scheduleRoutes();

    core::Settings m_settings;
    core::RouteTable m_routes;
    bool m_routesPending = false;
    uint64_t m_routesGeneration = 0;
    core::SystemClock m_clock;
    std::unique_ptr<QLockFile> m_lock;
    QThread m_coreThread;
    std::unique_ptr<QObject> m_coreContext;
    std::unique_ptr<logs::Logplex> m_logplex;
    std::unique_ptr<logs::DrainForwarder> m_drains;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<platform::Platform> m_platform;
    std::unique_ptr<platform::Deployer> m_deployer;
    std::unique_ptr<platform::SetupRunner> m_setups;
    std::unique_ptr<dynos::Supervisor> m_supervisor;
    std::unique_ptr<addons::AddonProvisioner> m_provisioner;
    std::unique_ptr<git::GitService> m_git;
    std::unique_ptr<dynos::Rendezvous> m_rendezvous;
    std::string m_certificate;
    std::unique_ptr<api::Api> m_api;
    std::unique_ptr<http::HttpServer> m_server;
    std::unique_ptr<router::Router> m_router;
    Credentials m_credentials;
    core::Sandbox m_sandbox = core::Sandbox::disabled("not started");
    bool m_running = false;
};

// Adds an account to the store in `dataDir`, also while an emulator runs on it (SQLite lets the
// two processes take turns). For `dynodesk-server accounts:add`.
core::Result<platform::AccountCreated> addAccount(const std::string &dataDir, const std::string &email,
                                        std::optional<std::string> password);

} // namespace dynodesk::wiring
