#pragma once

#include <QString>

namespace dynodesk::addons::postgres {

class PostgresCommand;

// A self-signed certificate in the data dir, so clients that require TLS (the CLI's `pg:psql`
// sets PGSSLMODE=require, as many app frameworks do for DATABASE_URL) can connect. Made once with
// the openssl program as the service user; without it the server runs without TLS.
class ServerCertificate final {
public:
    ServerCertificate(const PostgresCommand &command, QString dataDir);

    // True when server.crt and server.key are there (made now if missing).
    bool ensure() const;

private:
    const PostgresCommand &m_command;
    QString m_dataDir;
};

} // namespace dynodesk::addons::postgres
