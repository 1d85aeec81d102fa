#pragma once

#include "permissions.h"

#include "addons/addonprovisioner.h"
#include "addons/plancatalog.h"
#include "core/apierror.h"
#include "core/clock.h"
#include "core/ilogsink.h"
#include "core/coresettings.h"
#include "core/names.h"
#include "core/routetable.h"
#include "dynos/supervisor.h"
#include "logs/drainforwarder.h"
#include "store/records.h"

#include <QObject>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace dynodesk::store {
class Store;
}

namespace dynodesk::platform {

using core::Result;
using core::Status;

// The authenticated caller of an action.
struct Actor final {
    std::string id, email;
};

struct AccountCreated final {
    store::AccountRecord account;
    std::string token;
    std::string password; // as given, or generated when none was
};

struct AppCreate final {
    std::optional<std::string> name, region, stack;
};

struct AppUpdate final {
    std::optional<std::string> name;
    std::optional<bool> maintenance;
};

// An app as a caller sees it: the record and what the caller is to it.
struct AppAccess final {
    store::AppRecord app;
    Role role = Role::Stranger;
};

// One key of a config PATCH: a value sets, nullopt removes.
using ConfigPatch = std::vector<std::pair<std::string, std::optional<std::string>>>;

struct FormationUpdate final {
    std::string type;
    std::optional<int64_t> quantity;
    std::optional<std::string> size;
    bool relative = false; // quantity is a change (`web+2`, `web-1`), not a new value
};

// What a build starts from: a pushed commit, or a source tarball URL (builds API).
struct BuildRequest final {
    std::optional<std::string> commit;
    std::optional<std::string> sourceUrl, version;
    std::vector<std::string> buildpacks; // an override for this build; empty: the app's own
};

// A build just created, with what the build needs to know.
struct NewBuild final {
    store::BuildRecord build;
    store::AppRecord app;
    store::ConfigMap config;
};

// What a successful slug compile produced.
struct BuildOutcome final {
    std::string slugId, slugPath;
    std::optional<std::string> commit;
    std::vector<std::pair<std::string, std::string>> processTypes;
    int64_t size = 0;
    std::string buildpackDescription;
};

// A labs feature as one app has it.
struct AppFeature final {
    std::string id, name, displayName, description, docUrl, state, createdAt, updatedAt;
    bool enabled = false;
};

// A domain of an app as the API shows it: the default `<app>.localhost` (kind `heroku`, not
// stored) or a custom one.
struct AppDomain final {
    std::string id, appId, appName, hostname, kind, status, createdAt, updatedAt;
    std::optional<std::string> cname; // the DNS target of a custom domain
};

struct NewKey final {
    std::string publicKey;
};

// A new add-on: `plan` is `service[:plan]`; the first attachment's name and the add-on's own
// name are chosen when not given.
struct AddonCreate final {
    std::string plan;
    std::optional<std::string> attachmentName, name;
    // `config.fork` of the create body: the database to copy (add-on name or id, attachment or
    // config var name on the app, or `app::NAME`).
    std::optional<std::string> forkFrom;
};

// A PATCH of an add-on: a new name, a new plan (`service:plan` or the plan's short name), or both.
struct AddonUpdate final {
    std::optional<std::string> name, plan;
};

// A new attachment of an add-on (id or name) to an app (id or name), named or not.
struct AttachmentCreate final {
    std::string addon, app;
    std::optional<std::string> name, ns;
    // The app's name: an attachment of that name already there is replaced (`pg:promote`).
    std::optional<std::string> confirm;
};

// A database add-on as `pg:info` shows it: the record, its plan and what the server says now.
struct DatabaseStatus final {
    store::AddonRecord addon;
    addons::Plan plan;
    addons::DatabaseStats stats;
};

// The connection details of a database add-on's default credential.
struct DatabaseCredentials final {
    store::AddonRecord addon;
    std::string host, database, user, password, url;
    int port = 0;
};

// A backup's download link, signed, valid until `expiresAt`.
struct BackupUrl final {
    std::string url, expiresAt;
};

// The outcome of a data API call whose work runs on the provisioner's worker, on the core thread.
template <typename T>
using Reply = std::function<void(Result<T>)>;

// The one place that changes the emulator's state (DESIGN rule 1). Every method runs on the
// core thread, checks what the actor may do, and applies its change in one store transaction:
// a failure leaves nothing half-applied. Failures come back as ApiError values.
class Platform final : public QObject {
    Q_OBJECT
public:
    Platform(store::Store &store, const core::IClock &clock, core::Settings settings,
             core::NameGenerator names = core::NameGenerator());
    ~Platform() override;

    const core::Settings &settings() const { return m_settings; }
    std::string gitUrl(const std::string &appName) const;
    std::string webUrl(const std::string &appName) const;
    void setRouterPort(uint16_t port) { m_settings.routerPort = port; }
    void setApiPort(uint16_t port) { m_settings.apiPort = port; }
    // Where the platform writes its own log lines (`app[api]: ...`); none by default.
    void setLogSink(core::ILogSink *sink) { m_log = sink; }

    // Accounts and tokens.
    Result<AccountCreated> createAccount(const std::string &email, std::optional<std::string> password);
    // The account the first start makes, or nullopt when accounts exist already.
    std::optional<AccountCreated> ensureFirstAccount();
    Result<Actor> authenticateToken(const std::string &token);
    Result<Actor> authenticatePassword(const std::string &email, const std::string &password);
    std::optional<Actor> actorById(const std::string &accountId);
    Result<store::AccountRecord> account(const Actor &actor);
    Result<store::AccountRecord> updateAccount(const Actor &actor, std::optional<std::string> name);
    Result<store::AuthorizationRecord> createAuthorization(const Actor &actor, std::string description,
                                                           std::string scope, std::optional<int64_t> expiresIn);
    std::vector<store::AuthorizationRecord> authorizations(const Actor &actor);
    // `~` names the account's default authorization, its oldest.
    Result<store::AuthorizationRecord> authorization(const Actor &actor, const std::string &id);
    Result<store::AuthorizationRecord> deleteAuthorization(const Actor &actor, const std::string &id);

    // SSH keys of the account.
    std::vector<store::KeyRecord> keys(const Actor &actor);
    Result<store::KeyRecord> key(const Actor &actor, const std::string &idOrFingerprint);
    Result<store::KeyRecord> addKey(const Actor &actor, const NewKey &key);
    Result<store::KeyRecord> removeKey(const Actor &actor, const std::string &idOrFingerprint);

    // Apps.
    Result<store::AppRecord> createApp(const Actor &actor, const AppCreate &params);
    std::vector<store::AppRecord> apps(const Actor &actor);
    // Looks an app up and checks that the actor may do `action` to it: 404, then 403.
    Result<AppAccess> app(const Actor &actor, const std::string &idOrName, Action action = Action::View);
    Result<store::AppRecord> updateApp(const Actor &actor, const std::string &idOrName, const AppUpdate &update);
    Result<store::AppRecord> destroyApp(const Actor &actor, const std::string &idOrName);

    // Config vars and releases.
    Result<store::ConfigMap> configVars(const Actor &actor, const std::string &app);
    Result<store::ConfigMap> updateConfigVars(const Actor &actor, const std::string &app, const ConfigPatch &patch);
    Result<std::vector<store::ReleaseRecord>> releases(const Actor &actor, const std::string &app);
    Result<store::ReleaseRecord> release(const Actor &actor, const std::string &app, const std::string &idOrVersion,
                                         Action action = Action::View);
    Result<store::ReleaseRecord> rollback(const Actor &actor, const std::string &app, const std::string &idOrVersion);

    // Collaborators and transfers.
    Result<std::vector<store::CollaboratorRecord>> collaborators(const Actor &actor, const std::string &app);
    Result<store::CollaboratorRecord> collaborator(const Actor &actor, const std::string &app, const std::string &who);
    Result<store::CollaboratorRecord> addCollaborator(const Actor &actor, const std::string &app,
                                                      const std::string &email);
    Result<store::CollaboratorRecord> removeCollaborator(const Actor &actor, const std::string &app,
                                                         const std::string &who);
    Result<store::TransferRecord> createTransfer(const Actor &actor, const std::string &app,
                                                 const std::string &recipient);
    std::vector<store::TransferRecord> transfers(const Actor &actor);
    Result<store::TransferRecord> transfer(const Actor &actor, const std::string &idOrApp);
    Result<store::TransferRecord> updateTransfer(const Actor &actor, const std::string &idOrApp,
                                                 const std::string &state);
    Result<store::TransferRecord> deleteTransfer(const Actor &actor, const std::string &idOrApp);

    // Formation: the desired quantity and size per process type.
    Result<std::vector<store::FormationRecord>> formation(const Actor &actor, const std::string &app);
    Result<store::FormationRecord> formationType(const Actor &actor, const std::string &app, const std::string &type);
    Result<std::vector<store::FormationRecord>> updateFormation(const Actor &actor, const std::string &app,
                                                                const std::vector<FormationUpdate> &updates);

    // Builds and slugs. A build goes pending → succeeded/failed; a succeeded build makes the next
    // release (`Deploy <sha>`), pending while a release phase runs, then current.
    Result<NewBuild> createBuild(const Actor &actor, const std::string &app, const BuildRequest &request);
    Result<store::ReleaseRecord> completeBuild(const std::string &buildId, const BuildOutcome &outcome,
                                               bool releasePhase);
    void failBuild(const std::string &buildId);
    Result<store::ReleaseRecord> finishRelease(const std::string &releaseId, bool succeeded);
    // Builds left pending by an emulator that stopped are failed; returns their ids.
    std::vector<std::string> failInterruptedBuilds();
    Result<std::vector<store::BuildRecord>> builds(const Actor &actor, const std::string &app);
    Result<store::BuildRecord> build(const Actor &actor, const std::string &app, const std::string &id);
    Result<store::SlugRecord> slug(const Actor &actor, const std::string &app, const std::string &id);
    std::optional<store::SlugRecord> slugById(const std::string &id);
    Result<std::vector<std::string>> buildpacks(const Actor &actor, const std::string &app);
    Result<std::vector<std::string>> setBuildpacks(const Actor &actor, const std::string &app,
                                                   const std::vector<std::string> &urls);
    Result<store::SourceRecord> createSource(const Actor &actor, const std::string &app, const std::string &dir);
    std::optional<store::SourceRecord> source(const std::string &id);
    // The app a git request names, if the actor may push to (or fetch from) it.
    Result<AppAccess> gitAccess(const Actor &actor, const std::string &appName, bool push);
    void setRepoSize(const std::string &appId, int64_t bytes);

    // Labs features (`log-runtime-metrics` makes the dynos report samples to the logs).
    Result<std::vector<AppFeature>> features(const Actor &actor, const std::string &app);
    Result<AppFeature> feature(const Actor &actor, const std::string &app, const std::string &name);
    Result<AppFeature> setFeature(const Actor &actor, const std::string &app, const std::string &name, bool enabled);

    // Log drains (at most 5 per app); one is named by its id, URL or token.
    Result<std::vector<store::DrainRecord>> drains(const Actor &actor, const std::string &app);
    Result<store::DrainRecord> drain(const Actor &actor, const std::string &app, const std::string &idOrUrl);
    Result<store::DrainRecord> addDrain(const Actor &actor, const std::string &app, const std::string &url);
    Result<store::DrainRecord> removeDrain(const Actor &actor, const std::string &app, const std::string &idOrUrl);
    // Where the app's lines go, for the forwarder.
    std::vector<logs::DrainTarget> drainTargets(const std::string &appId);

    // Domains: the app's default one first, then its custom ones. A hostname belongs to one app.
    Result<std::vector<AppDomain>> domains(const Actor &actor, const std::string &app);
    Result<AppDomain> domain(const Actor &actor, const std::string &app, const std::string &idOrHostname);
    Result<AppDomain> addDomain(const Actor &actor, const std::string &app, const std::string &hostname);
    Result<AppDomain> removeDomain(const Actor &actor, const std::string &app, const std::string &idOrHostname);
    // Associates an SNI endpoint; the emulator has none, so only null is accepted.
    Result<AppDomain> updateDomain(const Actor &actor, const std::string &app, const std::string &idOrHostname,
                                   const std::optional<std::string> &sniEndpoint);

    // Add-ons (platformaddons.cpp). Provisioning runs on the provisioner's worker: an add-on is
    // `provisioning` until its outcome comes back to finishAddonWork on the core thread; then it is
    // attached (`Attach DATABASE (@ref:...)`, a release that restarts the dynos) or `deprovisioned`
    // with the provider's error in `provision_message`.
    void setAddonProvisioner(addons::AddonProvisioner *provisioner) { m_provisioner = provisioner; }
    const addons::PlanCatalog &planCatalog() const { return m_catalog; }
    Result<store::AddonRecord> createAddon(const Actor &actor, const std::string &app, const AddonCreate &create);
    Result<std::vector<store::AddonRecord>> addons(const Actor &actor, const std::string &app);
    // Every add-on of the apps the actor can see.
    std::vector<store::AddonRecord> allAddons(const Actor &actor);
    // By id or name; with an app, also by the name of an attachment on that app, and only add-ons
    // the app owns or has attached.
    Result<store::AddonRecord> addon(const Actor &actor, const std::optional<std::string> &app, const std::string &idOrName,
                                     Action action = Action::View);
    Result<store::AddonRecord> updateAddon(const Actor &actor, const std::string &app, const std::string &idOrName,
                                           const AddonUpdate &update);
    // Detaches everywhere (a release per attachment) and drops what the provider made: the add-on
    // is `deprovisioning` until the provider is done, then gone.
    Result<store::AddonRecord> destroyAddon(const Actor &actor, const std::string &app, const std::string &idOrName);
    // `add-on-action`: a provider's report that the add-on is provisioned (`provision`) or gone
    // (`deprovision`). The built-in providers report for themselves: the add-on must already be in
    // that state or on its way to it (422 otherwise); nothing changes.
    Result<store::AddonRecord> addonAction(const Actor &actor, const std::string &idOrName, bool provision);
    Result<store::AttachmentRecord> createAttachment(const Actor &actor, const AttachmentCreate &create);
    Result<std::vector<store::AttachmentRecord>> attachments(const Actor &actor, const std::string &app);
    Result<std::vector<store::AttachmentRecord>> addonAttachments(const Actor &actor, const std::string &addon);
    std::vector<store::AttachmentRecord> allAttachments(const Actor &actor);
    Result<store::AttachmentRecord> attachment(const Actor &actor, const std::string &id);
    Result<store::AttachmentRecord> appAttachment(const Actor &actor, const std::string &app, const std::string &idOrName);
    Result<store::AttachmentRecord> deleteAttachment(const Actor &actor, const std::string &id);
    // The CLI's resolvers: every add-on (attachment) the identifier may mean, `app::name` included.
    Result<std::vector<store::AddonRecord>> resolveAddons(const Actor &actor, const std::optional<std::string> &app,
                                                          const std::string &id, const std::optional<std::string> &service);
    Result<std::vector<store::AttachmentRecord>> resolveAttachments(const Actor &actor, const std::optional<std::string> &app,
                                                                    const std::string &id,
                                                                    const std::optional<std::string> &service);
    // The config vars an add-on gives its owning app (`DATABASE_URL`, ...).
    std::vector<std::string> addonConfigVars(const store::AddonRecord &addon);
    std::vector<std::string> attachmentConfigVars(const store::AttachmentRecord &attachment);
    // The provider's outcome for an add-on, back on the core thread.
    void finishAddonWork(const addons::AddonProvisioner::Outcome &outcome);
    // On start: add-ons a crash left `provisioning` are rolled back, `deprovisioning` ones finished,
    // data transfers left pending or running are failed.
    void recoverAddons();

    // The data API behind the CLI's `pg:*` commands (platformdata.cpp). A database is a
    // provisioned heroku-postgresql add-on named by id or name; reading needs the owning app's
    // View, changing it WriteConfig. Work on the server runs on the provisioner's worker and
    // answers through `done` on the core thread.
    Result<store::AddonRecord> database(const Actor &actor, const std::string &idOrName, Action action = Action::View);
    void databaseStatus(const Actor &actor, const std::string &idOrName, Reply<DatabaseStatus> done);
    Result<DatabaseCredentials> databaseCredentials(const Actor &actor, const std::string &idOrName);
    // A new password; every config var of the database on every app changes (a release each,
    // which restarts the dynos) and the old password stops working.
    void rotateDatabaseCredentials(const Actor &actor, const std::string &idOrName, Reply<store::AddonRecord> done);
    void resetDatabase(const Actor &actor, const std::string &idOrName, Reply<store::AddonRecord> done);
    void killDatabaseConnections(const Actor &actor, const std::string &idOrName, Reply<store::AddonRecord> done);
    // Backups and restores are transfers listed under the database's owning app: created
    // `pending` at once, then run on the worker (`running`, `succeeded` or `failed` with logs).
    Result<store::DataTransferRecord> captureBackup(const Actor &actor, const std::string &database);
    // `backupUrl` names a backup of this emulator (its `to_url` or a signed download link).
    Result<store::DataTransferRecord> restoreBackup(const Actor &actor, const std::string &database,
                                                    const std::string &backupUrl);
    Result<std::vector<store::DataTransferRecord>> dataTransfers(const Actor &actor, const std::string &app);
    Result<store::DataTransferRecord> dataTransfer(const Actor &actor, const std::string &app, const std::string &idOrNum);
    Result<store::DataTransferRecord> deleteDataTransfer(const Actor &actor, const std::string &app,
                                                         const std::string &idOrNum);
    // A download link for a finished backup, valid for 10 minutes.
    Result<BackupUrl> backupPublicUrl(const Actor &actor, const std::string &app, const std::string &idOrNum);
    // The file a download link names, if its signature holds and it has not expired.
    Result<std::string> signedBackupFile(const std::string &id, const std::string &expires, const std::string &signature);
    std::string backupUrl(const std::string &transferId) const; // a backup's `to_url`

    // What should run for the app: its current release's slug and config, and its formation.
    dynos::DesiredApp desiredDynos(const std::string &appId);
    // The release a one-off dyno of the app runs, if the actor may run one (422 before a deploy).
    Result<dynos::DesiredApp> oneOffRelease(const Actor &actor, const std::string &app);
    std::vector<std::string> appIds();
    // Every app as the router needs it (name, maintenance, error pages, domains), without dynos.
    std::vector<core::RouteApp> routingApps();

signals:
    // Events for the components that converge actual state to the desired one.
    void releaseCreated(const QString &appId, qint64 version);
    void formationChanged(const QString &appId);
    void appDestroyed(const QString &appId);
    void buildFinished(const QString &appId, const QString &buildId, bool succeeded);
    // Something the router looks at changed: name, maintenance or domains.
    void routingChanged(const QString &appId);
    // An app's log drains were added or removed.
    void drainsChanged(const QString &appId);

private:
    std::string now() const;
    // `app[api]: <message>`, written only after the change it tells of has committed.
    void apiLog(const std::string &appId, const std::string &message);
    void releaseLog(const store::ReleaseRecord &release, const std::string &what);
    store::ReleaseRecord newRelease(const store::AppRecord &app, const Actor &actor, std::string description,
                                    store::ConfigMap config, std::optional<std::string> slugId);
    Result<store::AccountRecord> accountOf(const Actor &actor);
    void applyProcessTypes(const store::AppRecord &app, const store::SlugRecord &slug);
    std::optional<std::map<std::string, std::string>> currentProcessTypes(const std::string &appId);
    AppDomain defaultDomain(const store::AppRecord &app) const;
    template <typename F>
    auto inTransaction(F &&body) -> decltype(body());
    // Add-on helpers (platformaddons.cpp).
    enum class AddonJob { Provision, Deprovision, RollBack, ChangePlan };
    void queueAddonJob(const store::AddonRecord &addon, AddonJob job, std::string oldPlan = {}, std::string forkFrom = {});
    Result<store::AddonRecord> forkSource(const Actor &actor, const store::AppRecord &app, const std::string &name);
    std::optional<store::ReleaseRecord> replaceConfigInTransaction(const std::vector<store::AttachmentRecord> &attachments,
                                                                   const Actor &actor,
                                                                   const store::ConfigMap &oldConfig,
                                                                   const store::ConfigMap &newConfig);
    void runTransfer(const store::DataTransferRecord &transfer);
    void finishTransfer(const std::string &id, const Result<addons::BackupMade> &outcome);
    std::string signBackup(const std::string &id, const std::string &expires) const;
    store::ReleaseRecord attachInTransaction(const store::AppRecord &app, const Actor &actor, const store::AddonRecord &addon,
                                             const std::string &name, std::optional<std::string> ns,
                                             store::AttachmentRecord *made);
    std::optional<store::ReleaseRecord> detachInTransaction(const store::AttachmentRecord &attachment, const Actor &actor);
    std::string newAddonName(const addons::Service &service);
    void releaseMade(const store::ReleaseRecord &release);

    store::Store &m_store;
    const core::IClock &m_clock;
    core::Settings m_settings;
    core::NameGenerator m_names;
    std::unordered_map<std::string, Actor> m_tokenCache;
    core::ILogSink *m_log = nullptr;
    const addons::PlanCatalog m_catalog;
    addons::AddonProvisioner *m_provisioner = nullptr;
    struct PendingJob {
        AddonJob job;
        std::string oldPlan;
    };
    std::unordered_map<std::string, std::deque<PendingJob>> m_addonJobs; // by add-on id, in the worker's order
    std::string m_backupSecret; // signs backup download links (per run)
};

} // namespace dynodesk::platform
