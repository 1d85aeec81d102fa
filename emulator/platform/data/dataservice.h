#pragma once

#include "datatypes.h"

#include "platform/service.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dynodesk::platform {

class AddonJobs;
class AddonResolver;
class AttachmentService;
class ReleaseService;

// The outcome of a data API call whose work runs on the provisioner's worker, on the core thread.
template <typename T>
using Reply = std::function<void(Result<T>)>;

// The data API behind the CLI's `pg:*` commands. A database is a provisioned heroku-postgresql
// add-on named by id or name; reading needs the owning app's View, changing it WriteConfig.
// Work on the server runs on the provisioner's worker and answers through `done` on the core
// thread.
class DataService final : public detail::Service {
public:
    DataService(detail::Environment &env, AddonResolver &resolver, AttachmentService &attachments, AddonJobs &jobs,
                ReleaseService &releases, const addons::PlanCatalog &catalog);

    Result<Addon> database(const Actor &actor, const std::string &idOrName, Action action = Action::View);
    void databaseStatus(const Actor &actor, const std::string &idOrName, Reply<DatabaseStatus> done);
    Result<DatabaseCredentials> databaseCredentials(const Actor &actor, const std::string &idOrName);
    // A new password; every config var of the database on every app changes (a release each,
    // which restarts the dynos) and the old password stops working.
    void rotateDatabaseCredentials(const Actor &actor, const std::string &idOrName, Reply<Addon> done);
    void resetDatabase(const Actor &actor, const std::string &idOrName, Reply<Addon> done);
    void killDatabaseConnections(const Actor &actor, const std::string &idOrName, Reply<Addon> done);
    // Backups and restores are transfers listed under the database's owning app: created
    // `pending` at once, then run on the worker (`running`, `succeeded` or `failed` with logs).
    Result<DataTransfer> captureBackup(const Actor &actor, const std::string &database);
    // `backupUrl` names a backup of this emulator (its `to_url` or a signed download link).
    Result<DataTransfer> restoreBackup(const Actor &actor, const std::string &database, const std::string &backupUrl);
    Result<std::vector<DataTransfer>> dataTransfers(const Actor &actor, const std::string &app);
    Result<DataTransfer> dataTransfer(const Actor &actor, const std::string &app, const std::string &idOrNum);
    Result<DataTransfer> deleteDataTransfer(const Actor &actor, const std::string &app, const std::string &idOrNum);
    // A download link for a finished backup, valid for 10 minutes.
    Result<BackupUrl> backupPublicUrl(const Actor &actor, const std::string &app, const std::string &idOrNum);
    // The file a download link names, if its signature holds (compared in constant time) and it
    // has not expired.
    Result<std::string> signedBackupFile(const std::string &id, const std::string &expires, const std::string &signature);
    std::string backupUrl(const std::string &transferId) const; // a backup's `to_url`

    // On start: transfers left pending or running by a crash are failed.
    void recoverTransfers();
    // After an app's destruction: its backups' files go.
    void deleteBackupFiles(const std::vector<std::string> &files);

private:
    void runTransfer(const DataTransfer &transfer);
    void finishTransfer(const std::string &id, const Result<addons::BackupMade> &outcome);
    std::string signBackup(const std::string &id, const std::string &expires) const;

    AddonResolver &m_resolver;
    AttachmentService &m_attachments;
    AddonJobs &m_jobs;
    ReleaseService &m_releases;
    const addons::PlanCatalog &m_catalog;
    std::string m_backupSecret; // signs backup download links (per run)
};

} // namespace dynodesk::platform
