#include "postgrescluster.h"

#include "postgresdetail.h"

namespace dynodesk::addons::postgres {

PostgresCluster::PostgresCluster(QString dir, Binaries binaries, QString homeBase)
    : m_server(std::move(dir), std::move(binaries), std::move(homeBase))
{
}

bool PostgresCluster::serverRunsIn(const QString &dir)
{
    return detail::livePostmaster(dir + QStringLiteral("/data/postmaster.pid")).has_value();
}

PostgresCluster::~PostgresCluster()
{
    if (m_server.running())
        (void)m_server.stop();
}

} // namespace dynodesk::addons::postgres
