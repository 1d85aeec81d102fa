#include "postgresprovider.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace dynodesk::addons::postgres {

static AddonConfig configOf(const Credentials &c)
{
    return {{"URL", c.url().toStdString()}};
}

PostgresProvider::PostgresProvider(QString clusterDir, core::Result<Binaries> binaries)
    : m_dir(std::move(clusterDir)), m_binaries(std::move(binaries))
{
}

PostgresProvider::PostgresProvider(QString clusterDir, bool exclusive) : m_dir(std::move(clusterDir)), m_exclusive(exclusive) {}

PostgresProvider::~PostgresProvider()
{
    shutdown();
}

core::Result<PostgresCluster *> PostgresProvider::cluster()
{
    if (!m_binaries)
        m_binaries = Binaries::find();
    if (!*m_binaries)
        return m_binaries->error();
    if (!m_cluster) {
        m_cluster = std::make_unique<PostgresCluster>(m_dir, m_binaries->value());
        if (m_exclusive)
            if (auto stopped = m_cluster->stopLeftover(); !stopped)
                return stopped.error();
    }
    if (auto started = m_cluster->start(); !started)
        return started.error();
    return m_cluster.get();
}

core::Result<AddonConfig> PostgresProvider::provision(const std::string &resource, const Plan &plan)
{
    auto c = cluster();
    if (!c)
        return c.error();
    auto creds = (*c)->createDatabase(QString::fromStdString(resource), plan.connectionLimit);
    if (!creds)
        return creds.error();
    return configOf(*creds);
}

core::Status PostgresProvider::deprovision(const std::string &resource)
{
    auto c = cluster();
    if (!c)
        return c.error();
    return (*c)->dropDatabase(QString::fromStdString(resource));
}

core::Status PostgresProvider::changePlan(const std::string &resource, const Plan &plan)
{
    auto c = cluster();
    if (!c)
        return c.error();
    return (*c)->setConnectionLimit(QString::fromStdString(resource), plan.connectionLimit);
}

core::Result<AddonConfig> PostgresProvider::rotateCredentials(const std::string &resource)
{
    auto c = cluster();
    if (!c)
        return c.error();
    auto creds = (*c)->rotatePassword(QString::fromStdString(resource));
    if (!creds)
        return creds.error();
    return configOf(*creds);
}

core::Status PostgresProvider::resume()
{
    auto c = cluster();
    if (!c)
        return c.error();
    return core::Done{};
}

core::Result<DatabaseStats> PostgresProvider::stats(const std::string &resource)
{
    auto c = cluster();
    if (!c)
        return c.error();
    auto info = (*c)->info(QString::fromStdString(resource));
    if (!info)
        return info.error();
    return DatabaseStats{info->connections, info->dataSizeBytes, info->tables, info->version.toStdString()};
}

core::Status PostgresProvider::reset(const std::string &resource)
{
    auto c = cluster();
    if (!c)
        return c.error();
    return (*c)->reset(QString::fromStdString(resource));
}

core::Status PostgresProvider::killConnections(const std::string &resource)
{
    auto c = cluster();
    if (!c)
        return c.error();
    return (*c)->killConnections(QString::fromStdString(resource));
}

core::Result<BackupMade> PostgresProvider::backup(const std::string &resource, const std::string &backupId)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9-]+$"));
    if (!safe.match(QString::fromStdString(backupId)).hasMatch())
        return core::ApiError::invalidParams("invalid backup id");
    auto c = cluster();
    if (!c)
        return c.error();
    auto dir = (*c)->backupsDir();
    if (!dir)
        return dir.error();
    const QString name = QString::fromStdString(resource);
    auto info = (*c)->info(name);
    if (!info)
        return info.error();
    const QString file = QDir(*dir).filePath(QString::fromStdString(backupId) + QStringLiteral(".dump"));
    if (auto dumped = (*c)->dumpDatabase(name, file); !dumped)
        return dumped.error();
    return BackupMade{file.toStdString(), info->dataSizeBytes, QFileInfo(file).size()};
}

// The role's own credentials, from the add-on's URL: a restore runs with the role's rights only.
static core::Result<Credentials> credentialsOf(const std::string &resource, const AddonConfig &config)
{
    const auto url = config.find("URL");
    if (url == config.end())
        return core::ApiError::internal("the add-on has no URL");
    const QUrl u(QString::fromStdString(url->second));
    Credentials c{u.path().mid(1), u.userName(), u.password(), u.host(), u.port()};
    if (c.database != QString::fromStdString(resource) || c.user.isEmpty())
        return core::ApiError::internal("the add-on's URL does not name its database");
    return c;
}

core::Status PostgresProvider::restore(const std::string &resource, const AddonConfig &config, const std::string &file)
{
    auto creds = credentialsOf(resource, config);
    if (!creds)
        return creds.error();
    auto c = cluster();
    if (!c)
        return c.error();
    return (*c)->restore(*creds, QString::fromStdString(file));
}

core::Status PostgresProvider::deleteBackup(const std::string &file)
{
    if (QFileInfo::exists(QString::fromStdString(file)) && !QFile::remove(QString::fromStdString(file)))
        return core::ApiError::internal("cannot delete the backup file " + file);
    return core::Done{};
}

core::Result<AddonConfig> PostgresProvider::fork(const std::string &resource, const Plan &plan, const std::string &fromResource)
{
    auto c = cluster();
    if (!c)
        return c.error();
    auto dir = (*c)->backupsDir();
    if (!dir)
        return dir.error();
    const QString file = QDir(*dir).filePath(QStringLiteral("fork-%1.dump").arg(QString::fromStdString(resource)));
    if (auto dumped = (*c)->dumpDatabase(QString::fromStdString(fromResource), file); !dumped)
        return dumped.error();
    auto creds = (*c)->createDatabase(QString::fromStdString(resource), plan.connectionLimit);
    if (!creds) {
        QFile::remove(file);
        return creds.error();
    }
    auto restored = (*c)->restore(*creds, file);
    QFile::remove(file);
    if (!restored) {
        (void)(*c)->dropDatabase(QString::fromStdString(resource)); // nothing half-made stays behind
        return restored.error();
    }
    return configOf(*creds);
}

void PostgresProvider::shutdown()
{
    if (m_cluster)
        (void)m_cluster->stop();
}

} // namespace dynodesk::addons::postgres
