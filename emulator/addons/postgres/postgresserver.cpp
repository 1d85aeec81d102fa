#include "postgresserver.h"

#include "clusterhome.h"
#include "postgresdetail.h"
#include "servercertificate.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTcpServer>


namespace dynodesk::addons::postgres {

using detail::failure;

static int freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

PostgresServer::PostgresServer(QString dir, Binaries binaries, QString homeBase)
    : m_dir(std::move(dir)), m_homeBase(std::move(homeBase)), m_bins(std::move(binaries)), m_command(m_dir)
{
}

QString PostgresServer::dataDir() const
{
    return QDir(m_dir).filePath(QStringLiteral("data"));
}

// The cluster directory belongs to the service user, and that user must be able to reach it:
// under root it may live outside the data dir (ClusterHome).
core::Status PostgresServer::ensureDir()
{
    if (!QDir().mkpath(QFileInfo(m_dir).absolutePath()))
        return failure(QStringLiteral("cannot create the PostgreSQL cluster directory"), m_dir);
    auto user = ServiceUser::forCurrentProcess();
    if (!user)
        return user.error();
    m_command.setServiceUser(*user);
    auto home = ClusterHome::resolve(m_dir, m_command, m_homeBase);
    if (!home)
        return home.error();
    m_dir = *home;
    m_command.setWorkDir(m_dir);
    if (!QDir().mkpath(m_dir))
        return failure(QStringLiteral("cannot create the PostgreSQL cluster directory"), m_dir);
    if (!*user)
        return core::Done{};
    if (!m_command.giveToServiceUser(m_dir, 0700))
        return failure(QStringLiteral("cannot give the cluster directory to user ") + (*user)->name, m_dir);
    const auto probe = m_command.run(QStringLiteral("test"), {QStringLiteral("-w"), m_dir}, true);
    if (probe.exitCode != 0)
        return failure(QStringLiteral("PostgreSQL runs as user %1, which cannot reach %2").arg((*user)->name, m_dir),
                       QStringLiteral("make its parent directories traversable (chmod o+x)"));
    return core::Done{};
}

core::Status PostgresServer::initdb()
{
    m_superPassword = detail::randomHex(32);
    const QString pwFile = QDir(m_dir).filePath(QStringLiteral("initdb-password"));
    {
        QFile f(pwFile);
        if (!f.open(QIODevice::WriteOnly) || f.write(m_superPassword.toUtf8()) < 0)
            return failure(QStringLiteral("cannot write"), pwFile);
    }
    if (m_command.serviceUser())
        (void)m_command.giveToServiceUser(pwFile, 0600);
    const auto o = m_command.run(m_bins.tool(QStringLiteral("initdb")),
                                 {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), detail::Superuser,
                                  QStringLiteral("--pwfile"), pwFile, QStringLiteral("--auth-host=scram-sha-256"),
                                  QStringLiteral("--auth-local=scram-sha-256"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                                  QStringLiteral("--no-instructions")},
                                 true);
    QFile::remove(pwFile);
    if (o.exitCode != 0)
        return failure(QStringLiteral("initdb failed"), o.err);
    // Outside the data directory, readable by the emulator only.
    QFile secret(QDir(m_dir).filePath(QStringLiteral("superuser-password")));
    if (!secret.open(QIODevice::WriteOnly) || secret.write(m_superPassword.toUtf8()) < 0)
        return failure(QStringLiteral("cannot write"), secret.fileName());
    secret.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return core::Done{};
}

core::Status PostgresServer::readSuperuserPassword()
{
    QFile secret(QDir(m_dir).filePath(QStringLiteral("superuser-password")));
    if (!secret.open(QIODevice::ReadOnly))
        return failure(QStringLiteral("the PostgreSQL cluster is corrupt"), secret.fileName() + QStringLiteral(" is missing"));
    m_superPassword = QString::fromUtf8(secret.readAll()).trimmed();
    return core::Done{};
}

// The port is chosen once: the add-ons' URLs in config vars name it.
core::Status PostgresServer::ensurePort()
{
    QFile portFile(QDir(m_dir).filePath(QStringLiteral("port")));
    if (portFile.open(QIODevice::ReadOnly))
        m_port = QString::fromLatin1(portFile.readAll()).trimmed().toInt();
    portFile.close();
    if (m_port > 0)
        return core::Done{};
    m_port = freePort();
    if (!portFile.open(QIODevice::WriteOnly) || portFile.write(QByteArray::number(m_port)) < 0)
        return failure(QStringLiteral("cannot write"), portFile.fileName());
    return core::Done{};
}

QString PostgresServer::serverLogTail() const
{
    QFile log(QDir(m_dir).filePath(QStringLiteral("server.log")));
    if (!log.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(log.readAll()).right(600);
}

core::Status PostgresServer::start()
{
    if (m_running)
        return core::Done{};
    if (auto s = ensureDir(); !s)
        return s;
    const QDir data(dataDir());
    if (!QFileInfo::exists(data.filePath(QStringLiteral("PG_VERSION")))) {
        if (data.exists() && !data.isEmpty())
            return failure(QStringLiteral("the PostgreSQL cluster is corrupt"), dataDir() + QStringLiteral(" has no PG_VERSION"));
        if (auto s = initdb(); !s)
            return s;
    }
    if (auto s = readSuperuserPassword(); !s)
        return s;
    if (auto pid = detail::livePostmaster(data.filePath(QStringLiteral("postmaster.pid"))))
        return core::ApiError::conflict(QStringLiteral("the PostgreSQL cluster in %1 is in use by another process (pid %2)")
                                            .arg(m_dir).arg(*pid).toStdString());
    if (auto s = ensurePort(); !s)
        return s;
    QString options = QStringLiteral("-p %1 -c listen_addresses=127.0.0.1 -c unix_socket_directories=''").arg(m_port);
    if (ServerCertificate(m_command, dataDir()).ensure())
        options += QStringLiteral(" -c ssl=on");
    const auto o = m_command.run(m_bins.tool(QStringLiteral("pg_ctl")),
                                 {QStringLiteral("-D"), dataDir(), QStringLiteral("-l"), QDir(m_dir).filePath(QStringLiteral("server.log")),
                                  QStringLiteral("-o"), options, QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
                                  QStringLiteral("start")},
                                 true);
    if (o.exitCode != 0)
        return failure(QStringLiteral("the PostgreSQL server did not start"), o.err + serverLogTail());
    m_running = true;
    return core::Done{};
}

core::Status PostgresServer::pgCtlStop(const QString &what)
{
    const auto o = m_command.run(m_bins.tool(QStringLiteral("pg_ctl")),
                                 {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"),
                                  QStringLiteral("stop")},
                                 true);
    if (o.exitCode != 0)
        return failure(what, o.err);
    return core::Done{};
}

core::Status PostgresServer::stopLeftover()
{
    if (m_running || !detail::livePostmaster(QDir(dataDir()).filePath(QStringLiteral("postmaster.pid"))))
        return core::Done{};
    if (auto s = ensureDir(); !s)
        return s;
    return pgCtlStop(QStringLiteral("the PostgreSQL server a previous run left did not stop"));
}

core::Status PostgresServer::stop()
{
    if (!m_running)
        return core::Done{};
    if (auto s = pgCtlStop(QStringLiteral("the PostgreSQL server did not stop")); !s)
        return s;
    m_running = false;
    return core::Done{};
}

core::Result<QString> PostgresServer::query(const QString &sql, const QString &database) const
{
    if (!m_running)
        return core::ApiError::internal("the PostgreSQL server is not running");
    const auto o = m_command.run(m_bins.tool(QStringLiteral("psql")),
                                 {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port),
                                  QStringLiteral("-U"), detail::Superuser, QStringLiteral("-d"), database, QStringLiteral("-X"),
                                  QStringLiteral("-At"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                                  QStringLiteral("-c"), sql},
                                 false, m_superPassword);
    if (o.exitCode != 0)
        return failure(QStringLiteral("PostgreSQL"), o.err);
    return o.out.trimmed();
}

} // namespace dynodesk::addons::postgres
