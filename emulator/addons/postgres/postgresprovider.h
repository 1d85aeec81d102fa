#pragma once

#include "postgrescluster.h"

#include "addons/iaddonprovider.h"
#include "addons/idatabaseprovider.h"

#include <memory>
#include <optional>

namespace dynodesk::addons::postgres {

// Heroku Postgres on the emulator's own cluster, started on first use. Each add-on's resource
// is a database and role of that name, limited to the plan's connections.
class PostgresProvider final : public IAddonProvider, public IDatabaseProvider {
public:
    // `binaries` may be an error (PostgreSQL not installed): every provision then fails with it.
    PostgresProvider(QString clusterDir, core::Result<Binaries> binaries);
    // Finds the binaries on first use, on the provisioner's worker rather than the caller's thread.
    // `exclusive`: the caller holds the directory alone (the emulator's data-dir lock), so a
    // server left running by its crashed predecessor is stopped and started again.
    explicit PostgresProvider(QString clusterDir, bool exclusive = false);
    ~PostgresProvider() override;

    core::Result<AddonConfig> provision(const std::string &resource, const Plan &plan) override;
    core::Status deprovision(const std::string &resource) override;
    core::Status changePlan(const std::string &resource, const Plan &plan) override;
    core::Result<AddonConfig> rotateCredentials(const std::string &resource) override;
    core::Status resume() override;
    void shutdown() override;
    IDatabaseProvider *database() override { return this; }

    core::Result<DatabaseStats> stats(const std::string &resource) override;
    core::Status reset(const std::string &resource) override;
    core::Status killConnections(const std::string &resource) override;
    core::Result<BackupMade> backup(const std::string &resource, const std::string &backupId) override;
    core::Status restore(const std::string &resource, const AddonConfig &config, const std::string &file) override;
    core::Status deleteBackup(const std::string &file) override;
    core::Result<AddonConfig> fork(const std::string &resource, const Plan &plan, const std::string &fromResource) override;

    // The running cluster, started if needed.
    core::Result<PostgresCluster *> cluster();

private:
    QString m_dir;
    std::optional<core::Result<Binaries>> m_binaries;
    std::unique_ptr<PostgresCluster> m_cluster;
    bool m_exclusive = false;
};

} // namespace dynodesk::addons::postgres
