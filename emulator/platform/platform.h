#pragma once

#include "permissions.h"

#include "core/apierror.h"
#include "core/clock.h"
#include "core/ilogsink.h"
#include "core/coresettings.h"
#include "core/names.h"
#include "dynos/supervisor.h"
#include "store/records.h"

#include <QObject>

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

struct NewKey final {
    std::string publicKey;
};

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

    // What should run for the app: its current release's slug and config, and its formation.
    dynos::DesiredApp desiredDynos(const std::string &appId);
    std::vector<std::string> appIds();

signals:
    // Events for the components that converge actual state to the desired one.
    void releaseCreated(const QString &appId, qint64 version);
    void formationChanged(const QString &appId);
    void appDestroyed(const QString &appId);
    void buildFinished(const QString &appId, const QString &buildId, bool succeeded);

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
    template <typename F>
    auto inTransaction(F &&body) -> decltype(body());

    store::Store &m_store;
    const core::IClock &m_clock;
    core::Settings m_settings;
    core::NameGenerator m_names;
    std::unordered_map<std::string, Actor> m_tokenCache;
    core::ILogSink *m_log = nullptr;
};

} // namespace dynodesk::platform
