// The data API behind the CLI's pg:* commands: databases, credentials, backups and restores.
// the core thread; the work on the PostgreSQL server (stats, reset, dumps, restores) runs on the
// provisioner's worker and comes back through a callback.

#include "dataservice.h"

#include "platform/addons/addonjobs.h"
#include "platform/addons/addonresolver.h"
#include "platform/addons/attachmentservice.h"
#include "platform/releases/releaseservice.h"
#include "platform/transaction.h"
#include "transferstate.h"
#include "addons/addonstate.h"
#include "addons/plancatalog.h"
#include "core/ids.h"
#include "store/store.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QUrl>

#include <chrono>
#include <map>
#include <regex>

namespace dynodesk::platform {

using core::ApiError;

DataService::DataService(detail::Environment &env, AddonResolver &resolver, AttachmentService &attachments,
                         AddonJobs &jobs, ReleaseService &releases, const addons::PlanCatalog &catalog)
    : Service(env), m_resolver(resolver), m_attachments(attachments), m_jobs(jobs), m_releases(releases),
      m_catalog(catalog), m_backupSecret(core::newId() + core::newId())
{
}

static const char *const PostgresService = "heroku-postgresql";
static constexpr auto BackupUrlLifetime = std::chrono::minutes(10);

static ApiError noProvisioner() { return ApiError{503, "service_unavailable", "Add-ons are not available on this emulator."}; }

Result<Addon> DataService::database(const Actor &actor, const std::string &idOrName, Action action)
{
    auto found = m_resolver.addon(actor, std::nullopt, idOrName, action);
    if (!found)
        return found.error();
    if (found->service != PostgresService)
        return ApiError::notFound("Couldn't find that database: " + found->name + " is not a Heroku Postgres add-on.");
    if (found->state != std::string(addons::toString(addons::State::Provisioned)))
        return ApiError::notFound("The database " + found->name + " is " + found->state + ", not available.");
    if (!m_jobs.provisioner())
        return noProvisioner();
    return *found;
}

void DataService::databaseStatus(const Actor &actor, const std::string &idOrName, Reply<DatabaseStatus> done)
{
    auto db = database(actor, idOrName);
    if (!db)
        return done(db.error());
    auto choice = m_catalog.resolve(db->service + ":" + db->plan);
    const addons::Plan plan = choice ? *choice->plan : addons::Plan{db->plan, db->plan};
    const std::string resource = db->providerId;
    m_jobs.provisioner()->database<addons::DatabaseStats>(
            db->service, [resource](addons::IDatabaseProvider &p) { return p.stats(resource); },
            [addon = *db, plan, done](Result<addons::DatabaseStats> stats) {
                if (!stats)
                    return done(stats.error());
                done(DatabaseStatus{addon, plan, *stats});
            });
}

Result<DatabaseCredentials> DataService::databaseCredentials(const Actor &actor, const std::string &idOrName)
{
    auto db = database(actor, idOrName, Action::ReadConfig);
    if (!db)
        return db.error();
    const auto url = db->config.find("URL");
    if (url == db->config.end())
        return ApiError::internal("The database " + db->name + " has no URL.");
    const QUrl u(QString::fromStdString(url->second));
    return DatabaseCredentials{*db, u.host().toStdString(), u.path().mid(1).toStdString(), u.userName().toStdString(),
                               u.password().toStdString(), url->second, u.port()};
}

void DataService::rotateDatabaseCredentials(const Actor &actor, const std::string &idOrName, Reply<Addon> done)
{
    auto db = database(actor, idOrName, Action::WriteConfig);
    if (!db)
        return done(db.error());
    const std::string resource = db->providerId;
    m_jobs.provisioner()->call<addons::AddonConfig>(
            db->service, [resource](addons::IAddonProvider &p) { return p.rotateCredentials(resource); },
            [this, id = db->id, actor, done](Result<addons::AddonConfig> config) {
                if (!config)
                    return done(config.error());
                auto found = m_store.addons.byIdOrName(id);
                if (!found)
                    return done(ApiError::notFound("The database was destroyed meanwhile."));
                Addon a = *found;
                const ConfigMap old = a.config;
                a.config = *config;
                a.updatedAt = now();
                std::vector<Release> made;
                auto stored = inTransaction([&]() -> Result<Addon> {
                    m_store.addons.update(a);
                    std::map<std::string, std::vector<Attachment>> byApp;
                    for (const auto &attachment : m_store.attachments.listForAddon(a.id))
                        byApp[attachment.appId].push_back(attachment);
                    for (const auto &[appId, attachments] : byApp)
                        if (auto release = m_attachments.replaceConfigInTransaction(attachments, actor, old, a.config))
                            made.push_back(*release);
                    return *m_store.addons.byIdOrName(a.id);
                });
                if (stored) {
                    apiLog(a.appId, "Rotate the credentials of " + a.name + " by " + actor.email);
                    for (const auto &r : made)
                        m_releases.releaseMade(r);
                }
                done(stored);
            });
}

void DataService::resetDatabase(const Actor &actor, const std::string &idOrName, Reply<Addon> done)
{
    auto db = database(actor, idOrName, Action::WriteConfig);
    if (!db)
        return done(db.error());
    const std::string resource = db->providerId;
    m_jobs.provisioner()->database<core::Done>(
            db->service, [resource](addons::IDatabaseProvider &p) { return p.reset(resource); },
            [this, addon = *db, actor, done](core::Status reset) {
                if (!reset)
                    return done(reset.error());
                apiLog(addon.appId, "Reset " + addon.name + " by " + actor.email);
                done(addon);
            });
}

void DataService::killDatabaseConnections(const Actor &actor, const std::string &idOrName, Reply<Addon> done)
{
    auto db = database(actor, idOrName, Action::WriteConfig);
    if (!db)
        return done(db.error());
    const std::string resource = db->providerId;
    m_jobs.provisioner()->database<core::Done>(
            db->service, [resource](addons::IDatabaseProvider &p) { return p.killConnections(resource); },
            [addon = *db, done](core::Status killed) {
                if (!killed)
                    return done(killed.error());
                done(addon);
            });
}

std::string DataService::backupUrl(const std::string &transferId) const
{
    return "http://" + m_settings.host + ":" + std::to_string(m_settings.apiPort) + "/data-backups/" + transferId;
}

// How transfers name a database: its attachment on the owning app (`DATABASE`), as the platform
// lists them, else the add-on's name.
static std::string word(data::State s) { return std::string(data::toString(s)); }

// A transfer's next state for `input`, from the table (transferstate.h); nullopt when the input
// does not apply to the state it is in, and the transfer stays as it is.
static std::optional<data::State> next(const DataTransfer &t, data::Input input)
{
    const auto from = data::stateFromString(t.state);
    return from ? data::transition(*from, input) : std::nullopt;
}

static std::string transferName(store::Store &store, const Addon &db)
{
    std::string name = db.name;
    for (const auto &a : store.attachments.listForAddon(db.id))
        if (a.appId == db.appId && (name == db.name || a.name == "DATABASE"))
            name = a.name;
    return name;
}

static void logTo(DataTransfer &t, const std::string &at, std::string message)
{
    t.logs.push_back({at, std::move(message)});
}

Result<DataTransfer> DataService::captureBackup(const Actor &actor, const std::string &databaseName)
{
    auto db = database(actor, databaseName, Action::WriteConfig);
    if (!db)
        return db.error();
    const std::string at = now();
    DataTransfer t;
    t.id = core::newId();
    t.appId = db->appId;
    t.appName = db->appName;
    t.kind = "backup";
    t.addonId = db->id;
    t.fromName = transferName(m_store, *db);
    t.toName = "BACKUP";
    t.state = word(data::State::Pending);
    t.createdAt = t.updatedAt = at;
    logTo(t, at, "Backup of " + db->name + " requested by " + actor.email);
    auto made = inTransaction([&]() -> Result<DataTransfer> {
        t.num = m_store.dataTransfers.nextNum(t.appId);
        m_store.dataTransfers.insert(t);
        return t;
    });
    if (made) {
        apiLog(t.appId, "Capture backup of " + db->name + " by " + actor.email);
        runTransfer(*made);
    }
    return made;
}

Result<DataTransfer> DataService::restoreBackup(const Actor &actor, const std::string &databaseName, const std::string &url)
{
    auto db = database(actor, databaseName, Action::WriteConfig);
    if (!db)
        return db.error();
    static const std::regex own("/data-backups/([0-9a-fA-F-]{36})(\\?.*)?$");
    std::smatch m;
    if (!std::regex_search(url, m, own))
        return ApiError::invalidParams("The emulator restores only its own backups: name one of `heroku pg:backups` "
                                       "(e.g. b001) or its download URL.");
    auto backup = m_store.dataTransfers.byId(m[1].str());
    if (!backup || backup->kind != "backup" || !app(actor, backup->appId))
        return ApiError::notFound("That backup does not exist (it may have been deleted).");
    if (backup->state != word(data::State::Succeeded) || !backup->file)
        return ApiError::invalidParams("That backup did not complete successfully; it cannot be restored.");
    const std::string at = now();
    DataTransfer t;
    t.id = core::newId();
    t.appId = db->appId;
    t.appName = db->appName;
    t.kind = "restore";
    t.addonId = db->id;
    t.fromName = (backup->appId == db->appId ? "" : backup->appName + "::") + "b" + std::string(backup->num < 100 ? "0" : "")
            + (backup->num < 10 ? "0" : "") + std::to_string(backup->num);
    t.toName = transferName(m_store, *db);
    t.state = word(data::State::Pending);
    t.sourceId = backup->id;
    t.sourceBytes = backup->processedBytes;
    t.createdAt = t.updatedAt = at;
    logTo(t, at, "Restore of " + t.fromName + " into " + db->name + " requested by " + actor.email);
    auto made = inTransaction([&]() -> Result<DataTransfer> {
        t.num = m_store.dataTransfers.nextNum(t.appId);
        m_store.dataTransfers.insert(t);
        return t;
    });
    if (made) {
        apiLog(t.appId, "Restore " + t.fromName + " into " + db->name + " by " + actor.email);
        runTransfer(*made);
    }
    return made;
}

void DataService::runTransfer(const DataTransfer &queued)
{
    DataTransfer t = queued;
    auto addon = m_store.addons.byIdOrName(t.addonId);
    std::optional<DataTransfer> source;
    if (t.sourceId)
        source = m_store.dataTransfers.byId(*t.sourceId);
    const std::string at = now();
    const auto running = next(t, data::Input::Started);
    if (!running)
        return;
    t.state = word(*running);
    t.startedAt = at;
    t.updatedAt = at;
    if (!m_jobs.provisioner() || !addon || (t.kind == "restore" && (!source || !source->file))) {
        finishTransfer(t.id, ApiError::notFound(!addon ? "The database is gone." : !m_jobs.provisioner() ? "Add-ons are not available."
                                                                                             : "The backup is gone."));
        return;
    }
    logTo(t, at, t.kind == "backup" ? "Dumping " + addon->name + " with pg_dump -Fc" : "Restoring with pg_restore --clean --no-acl --no-owner");
    m_store.dataTransfers.update(t);
    const std::string resource = addon->providerId;
    auto finished = [this, id = t.id](Result<addons::BackupMade> outcome) { finishTransfer(id, outcome); };
    if (t.kind == "backup") {
        m_jobs.provisioner()->database<addons::BackupMade>(
                addon->service, [resource, id = t.id](addons::IDatabaseProvider &p) { return p.backup(resource, id); }, finished);
        return;
    }
    const std::string file = *source->file;
    const int64_t size = source->processedBytes;
    m_jobs.provisioner()->database<addons::BackupMade>(
            addon->service,
            [resource, config = addon->config, file, size](addons::IDatabaseProvider &p) -> Result<addons::BackupMade> {
                if (auto restored = p.restore(resource, config, file); !restored)
                    return restored.error();
                return addons::BackupMade{file, size, size};
            },
            finished);
}

void DataService::finishTransfer(const std::string &id, const Result<addons::BackupMade> &outcome)
{
    auto found = m_store.dataTransfers.byId(id);
    if (!found) { // deleted while it ran: its file goes too
        if (outcome && m_jobs.provisioner() && !outcome.value().file.empty()) {
            const std::string file = outcome.value().file;
            m_jobs.provisioner()->database<core::Done>(
                    PostgresService, [file](addons::IDatabaseProvider &p) { return p.deleteBackup(file); }, [](core::Status) {});
        }
        return;
    }
    DataTransfer t = *found;
    // One that never started (its database or backup was gone) fails from pending.
    const bool started = t.state == word(data::State::Running);
    const auto to = next(t, !started ? data::Input::NothingToWork
                                     : outcome ? data::Input::WorkSucceeded : data::Input::WorkFailed);
    if (!to)
        return;
    const std::string at = now();
    t.state = word(*to);
    t.finishedAt = at;
    t.updatedAt = at;
    if (outcome && started) {
        if (t.kind == "backup")
            t.file = outcome.value().file;
        t.sourceBytes = outcome.value().sourceBytes;
        t.processedBytes = outcome.value().processedBytes;
        logTo(t, at, t.kind == "backup" ? "Backup completed" : "Restore completed");
    } else {
        logTo(t, at, "Error: " + (outcome ? std::string("it could not start") : outcome.error().message));
        logTo(t, at, t.kind == "backup" ? "Backup failed" : "Restore failed; the database is unchanged");
    }
    m_store.dataTransfers.update(t);
    const bool succeeded = t.state == word(data::State::Succeeded);
    apiLog(t.appId, std::string(t.kind == "backup" ? "Backup " : "Restore ") + (succeeded ? "completed" : "failed") + " for "
                            + (t.kind == "backup" ? t.fromName : t.toName));
}

Result<std::vector<DataTransfer>> DataService::dataTransfers(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    return m_store.dataTransfers.listForApp(access->app.id);
}

Result<DataTransfer> DataService::dataTransfer(const Actor &actor, const std::string &appName, const std::string &idOrNum)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    auto found = m_store.dataTransfers.find(access->app.id, idOrNum);
    if (!found)
        return ApiError::notFound("Couldn't find that transfer.");
    return *found;
}

Result<DataTransfer> DataService::deleteDataTransfer(const Actor &actor, const std::string &appName, const std::string &idOrNum)
{
    auto access = app(actor, appName, Action::WriteConfig);
    if (!access)
        return access.error();
    auto found = m_store.dataTransfers.find(access->app.id, idOrNum);
    if (!found)
        return ApiError::notFound("Couldn't find that transfer.");
    if (!next(*found, data::Input::DeleteAsked))
        return ApiError::invalidParams("The transfer is still running; it can be deleted once it has finished.");
    auto deleted = inTransaction([&]() -> Result<DataTransfer> {
        m_store.dataTransfers.markDeleted(found->id, now());
        return *found;
    });
    if (deleted && found->file && m_jobs.provisioner()) {
        const std::string file = *found->file;
        m_jobs.provisioner()->database<core::Done>(
                PostgresService, [file](addons::IDatabaseProvider &p) { return p.deleteBackup(file); }, [](core::Status) {});
    }
    return deleted;
}

std::string DataService::signBackup(const std::string &id, const std::string &expires) const
{
    return QMessageAuthenticationCode::hash(QByteArray::fromStdString(id + ":" + expires),
                                            QByteArray::fromStdString(m_backupSecret), QCryptographicHash::Sha256)
            .toHex()
            .toStdString();
}

Result<BackupUrl> DataService::backupPublicUrl(const Actor &actor, const std::string &appName, const std::string &idOrNum)
{
    auto t = dataTransfer(actor, appName, idOrNum);
    if (!t)
        return t.error();
    if (t->kind != "backup" || t->state != word(data::State::Succeeded) || !t->file)
        return ApiError::invalidParams("Only a completed backup can be downloaded.");
    const auto expiresAt = m_clock.now() + BackupUrlLifetime;
    const std::string expires = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(expiresAt.time_since_epoch()).count());
    return BackupUrl{backupUrl(t->id) + "?expires=" + expires + "&signature=" + signBackup(t->id, expires),
                     core::formatTimestamp(expiresAt)};
}

Result<std::string> DataService::signedBackupFile(const std::string &id, const std::string &expires, const std::string &signature)
{
    if (expires.empty() || !core::equalsInConstantTime(signature, signBackup(id, expires)))
        return ApiError::forbidden("This backup link is not valid.");
    const auto nowSeconds = std::chrono::duration_cast<std::chrono::seconds>(m_clock.now().time_since_epoch()).count();
    if (std::stoll(expires) < nowSeconds)
        return ApiError::forbidden("This backup link has expired; make a new one with heroku pg:backups:url.");
    auto t = m_store.dataTransfers.byId(id);
    if (!t || t->kind != "backup" || t->state != word(data::State::Succeeded) || !t->file)
        return ApiError::notFound("That backup does not exist (it may have been deleted).");
    return *t->file;
}

void DataService::recoverTransfers()
{
    // Backups and restores a crash cut short failed; a restore ran in one transaction, so its
    // database is as it was.
    for (auto t : m_store.dataTransfers.unfinished()) {
        const auto to = next(t, data::Input::Interrupted);
        if (!to)
            continue;
        t.state = word(*to);
        t.finishedAt = t.updatedAt = now();
        t.logs.push_back({*t.finishedAt, "Error: interrupted by an emulator restart"});
        m_store.dataTransfers.update(t);
    }
}

void DataService::deleteBackupFiles(const std::vector<std::string> &files)
{
    if (!m_jobs.provisioner())
        return;
    for (const auto &file : files)
        m_jobs.provisioner()->database<core::Done>(
                PostgresService, [file](addons::IDatabaseProvider &p) { return p.deleteBackup(file); }, [](core::Status) {});
}

} // namespace dynodesk::platform
