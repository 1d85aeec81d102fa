#include "postgrescluster.h"

namespace dynodesk::addons::postgres {

PostgresCluster::PostgresCluster(QString dir, Binaries binaries, QString homeBase)
    : m_server(std::move(dir), std::move(binaries), std::move(homeBase))
{
}

PostgresCluster::~PostgresCluster()
{
    if (m_server.running())
        (void)m_server.stop();
}

} // namespace dynodesk::addons::postgres
