#include "postgresprovider.h"

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

void PostgresProvider::shutdown()
{
    if (m_cluster)
        (void)m_cluster->stop();
}

} // namespace dynodesk::addons::postgres
