#include "postgrescluster.h"

#include "core/childprocess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpServer>

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dynodesk::addons::postgres {

static const QString Superuser = QStringLiteral("dynodesk");
static constexpr int CommandTimeoutMs = 120000;

static QString randomHex(int length)
{
    static const char digits[] = "0123456789abcdef";
    QString s;
    for (int i = 0; i < length; ++i)
        s += QChar(digits[QRandomGenerator::system()->bounded(16)]);
    return s;
}

static bool validName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z0-9_]{0,62}$"));
    return re.match(name).hasMatch();
}

static core::ApiError failure(const QString &what, const QString &detail)
{
    return core::ApiError::internal((what + QStringLiteral(": ") + detail.trimmed()).toStdString());
}

core::Result<Binaries> Binaries::find()
{
    QStringList candidates;
    QProcess pgConfig;
    core::inheritOnlyStdio(pgConfig);
    pgConfig.start(QStringLiteral("pg_config"), {QStringLiteral("--bindir")});
    if (pgConfig.waitForFinished(10000) && pgConfig.exitCode() == 0)
        candidates << QString::fromLocal8Bit(pgConfig.readAllStandardOutput()).trimmed();
    QDir debian(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = debian.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &v : versions)
        candidates << debian.filePath(v + QStringLiteral("/bin"));
    return findIn(candidates);
}

core::Result<Binaries> Binaries::findIn(const QStringList &candidates)
{
    for (const QString &dir : candidates) {
        const Binaries b{dir};
        if (QFileInfo(b.tool(QStringLiteral("initdb"))).isExecutable() && QFileInfo(b.tool(QStringLiteral("pg_ctl"))).isExecutable())
            return b;
    }
    return core::ApiError::internal("PostgreSQL server programs (initdb, pg_ctl) were not found: install the "
                                    "postgresql package (apt-get install postgresql).");
}

QString Binaries::tool(const QString &name) const
{
    return QDir(binDir).filePath(name);
}

static std::optional<ServiceUser> lookupUser(const char *name)
{
    const passwd *pw = getpwnam(name);
    if (!pw)
        return std::nullopt;
    return ServiceUser{QString::fromLocal8Bit(name), pw->pw_uid, pw->pw_gid};
}

core::Result<std::optional<ServiceUser>> ServiceUser::forCurrentProcess()
{
    if (geteuid() != 0)
        return std::optional<ServiceUser>();
    for (const char *name : {"postgres", "dynodesk-postgres"}) {
        if (auto u = lookupUser(name))
            return std::optional<ServiceUser>(*u);
    }
    QProcess useradd;
    core::inheritOnlyStdio(useradd);
    useradd.start(QStringLiteral("useradd"), {QStringLiteral("--system"), QStringLiteral("--user-group"),
                                              QStringLiteral("--no-create-home"), QStringLiteral("--shell"),
                                              QStringLiteral("/usr/sbin/nologin"), QStringLiteral("dynodesk-postgres")});
    useradd.waitForFinished(30000);
    if (auto u = lookupUser("dynodesk-postgres"))
        return std::optional<ServiceUser>(*u);
    return failure(QStringLiteral("PostgreSQL refuses to run as root and the user dynodesk-postgres could not be created"),
                   QString::fromLocal8Bit(useradd.readAllStandardError()));
}

QString Credentials::url() const
{
    return QStringLiteral("postgres://%1:%2@%3:%4/%5").arg(user, password, host).arg(port).arg(database);
}

PostgresCluster::PostgresCluster(QString dir, Binaries binaries) : m_dir(std::move(dir)), m_bins(std::move(binaries)) {}

PostgresCluster::~PostgresCluster()
{
    if (m_running)
        (void)stop();
}

QString PostgresCluster::dataDir() const
{
    return QDir(m_dir).filePath(QStringLiteral("data"));
}

PostgresCluster::Output PostgresCluster::run(const QString &program, const QStringList &args, bool asServiceUser,
                                             const QString &password) const
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    if (!password.isEmpty())
        env.insert(QStringLiteral("PGPASSWORD"), password);
    env.remove(QStringLiteral("PGDATA"));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(m_dir);
    core::inheritOnlyStdio(p); // the server pg_ctl starts lives on: it must hold none of ours
    if (asServiceUser && m_user) {
        QStringList wrapped{QStringLiteral("--reuid=%1").arg(m_user->uid), QStringLiteral("--regid=%1").arg(m_user->gid),
                            QStringLiteral("--init-groups"), QStringLiteral("--"), program};
        p.start(QStringLiteral("setpriv"), wrapped + args);
    } else {
        p.start(program, args);
    }
    Output o;
    if (!p.waitForStarted(10000)) {
        o.err = p.errorString();
        return o;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(CommandTimeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        o.err = QStringLiteral("%1 did not finish in time").arg(QFileInfo(program).fileName());
        return o;
    }
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = QString::fromUtf8(p.readAllStandardOutput());
    o.err = QString::fromUtf8(p.readAllStandardError());
    return o;
}

// The cluster directory belongs to the service user, and that user must be able to reach it.
core::Status PostgresCluster::ensureDir()
{
    if (!QDir().mkpath(m_dir))
        return failure(QStringLiteral("cannot create the PostgreSQL cluster directory"), m_dir);
    auto user = ServiceUser::forCurrentProcess();
    if (!user)
        return user.error();
    m_user = *user;
    if (!m_user)
        return core::Done{};
    if (chown(QFile::encodeName(m_dir).constData(), m_user->uid, m_user->gid) != 0)
        return failure(QStringLiteral("cannot give the cluster directory to user ") + m_user->name, m_dir);
    chmod(QFile::encodeName(m_dir).constData(), 0700);
    const Output probe = run(QStringLiteral("test"), {QStringLiteral("-w"), m_dir}, true);
    if (probe.exitCode != 0)
        return failure(QStringLiteral("PostgreSQL runs as user %1, which cannot reach %2").arg(m_user->name, m_dir),
                       QStringLiteral("make its parent directories traversable (chmod o+x)"));
    return core::Done{};
}

core::Status PostgresCluster::initdb()
{
    m_superPassword = randomHex(32);
    const QString pwFile = QDir(m_dir).filePath(QStringLiteral("initdb-password"));
    {
        QFile f(pwFile);
        if (!f.open(QIODevice::WriteOnly) || f.write(m_superPassword.toUtf8()) < 0)
            return failure(QStringLiteral("cannot write"), pwFile);
    }
    if (m_user)
        chown(QFile::encodeName(pwFile).constData(), m_user->uid, m_user->gid);
    const Output o = run(m_bins.tool(QStringLiteral("initdb")),
                         {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), Superuser, QStringLiteral("--pwfile"), pwFile,
                          QStringLiteral("--auth-host=scram-sha-256"), QStringLiteral("--auth-local=scram-sha-256"),
                          QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--no-instructions")},
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

// A self-signed certificate in the data dir, so clients that require TLS (the CLI's `pg:psql`
// sets PGSSLMODE=require, as many app frameworks do for DATABASE_URL) can connect. Made once with
// the openssl program as the service user; without it the server runs without TLS.
bool PostgresCluster::ensureTls()
{
    const QDir data(dataDir());
    const QString crt = data.filePath(QStringLiteral("server.crt")), key = data.filePath(QStringLiteral("server.key"));
    if (QFileInfo::exists(crt) && QFileInfo::exists(key))
        return true;
    const Output o = run(QStringLiteral("openssl"),
                         {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                          QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                          QStringLiteral("-keyout"), key, QStringLiteral("-out"), crt, QStringLiteral("-days"), QStringLiteral("3650"),
                          QStringLiteral("-subj"), QStringLiteral("/O=Dynodesk/CN=localhost")},
                         true);
    chmod(QFile::encodeName(key).constData(), 0600);
    if (o.exitCode != 0) {
        QFile::remove(crt);
        QFile::remove(key);
        return false;
    }
    return true;
}

static int freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

static std::optional<qint64> livePid(const QString &pidFile)
{
    QFile f(pidFile);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const qint64 pid = QString::fromLatin1(f.readLine()).trimmed().toLongLong();
    if (pid > 0 && kill(static_cast<pid_t>(pid), 0) == 0)
        return pid;
    return std::nullopt;
}

core::Status PostgresCluster::start()
{
    if (m_running)
        return core::Done{};
    if (auto s = ensureDir(); !s)
        return s;
    const QDir dir(m_dir);
    if (!QFileInfo::exists(QDir(dataDir()).filePath(QStringLiteral("PG_VERSION")))) {
        if (QDir(dataDir()).exists() && !QDir(dataDir()).isEmpty())
            return failure(QStringLiteral("the PostgreSQL cluster is corrupt"), dataDir() + QStringLiteral(" has no PG_VERSION"));
        if (auto s = initdb(); !s)
            return s;
    }
    QFile secret(dir.filePath(QStringLiteral("superuser-password")));
    if (!secret.open(QIODevice::ReadOnly))
        return failure(QStringLiteral("the PostgreSQL cluster is corrupt"), secret.fileName() + QStringLiteral(" is missing"));
    m_superPassword = QString::fromUtf8(secret.readAll()).trimmed();
    if (auto pid = livePid(QDir(dataDir()).filePath(QStringLiteral("postmaster.pid"))))
        return core::ApiError::conflict(QStringLiteral("the PostgreSQL cluster in %1 is in use by another process (pid %2)")
                                            .arg(m_dir).arg(*pid).toStdString());
    // The port is chosen once: the add-ons' URLs in config vars name it.
    QFile portFile(dir.filePath(QStringLiteral("port")));
    if (portFile.open(QIODevice::ReadOnly))
        m_port = QString::fromLatin1(portFile.readAll()).trimmed().toInt();
    portFile.close();
    if (m_port <= 0) {
        m_port = freePort();
        if (!portFile.open(QIODevice::WriteOnly) || portFile.write(QByteArray::number(m_port)) < 0)
            return failure(QStringLiteral("cannot write"), portFile.fileName());
        portFile.close();
    }
    QString options = QStringLiteral("-p %1 -c listen_addresses=127.0.0.1 -c unix_socket_directories=''").arg(m_port);
    if (ensureTls())
        options += QStringLiteral(" -c ssl=on");
    const Output o = run(m_bins.tool(QStringLiteral("pg_ctl")),
                         {QStringLiteral("-D"), dataDir(), QStringLiteral("-l"), dir.filePath(QStringLiteral("server.log")),
                          QStringLiteral("-o"), options, QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
                          QStringLiteral("start")},
                         true);
    if (o.exitCode != 0) {
        QFile log(dir.filePath(QStringLiteral("server.log")));
        QString tail;
        if (log.open(QIODevice::ReadOnly))
            tail = QString::fromUtf8(log.readAll()).right(600);
        return failure(QStringLiteral("the PostgreSQL server did not start"), o.err + tail);
    }
    m_running = true;
    return core::Done{};
}

core::Status PostgresCluster::stopLeftover()
{
    if (m_running || !livePid(QDir(dataDir()).filePath(QStringLiteral("postmaster.pid"))))
        return core::Done{};
    if (auto s = ensureDir(); !s)
        return s;
    const Output o = run(m_bins.tool(QStringLiteral("pg_ctl")),
                         {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"),
                          QStringLiteral("stop")},
                         true);
    if (o.exitCode != 0)
        return failure(QStringLiteral("the PostgreSQL server a previous run left did not stop"), o.err);
    return core::Done{};
}

core::Status PostgresCluster::stop()
{
    if (!m_running)
        return core::Done{};
    const Output o = run(m_bins.tool(QStringLiteral("pg_ctl")),
                         {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"),
                          QStringLiteral("stop")},
                         true);
    if (o.exitCode != 0)
        return failure(QStringLiteral("the PostgreSQL server did not stop"), o.err);
    m_running = false;
    return core::Done{};
}

core::Result<QString> PostgresCluster::query(const QString &sql, const QString &database)
{
    if (!m_running)
        return core::ApiError::internal("the PostgreSQL server is not running");
    const Output o = run(m_bins.tool(QStringLiteral("psql")),
                         {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port),
                          QStringLiteral("-U"), Superuser, QStringLiteral("-d"), database, QStringLiteral("-X"), QStringLiteral("-At"),
                          QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-c"), sql},
                         false, m_superPassword);
    if (o.exitCode != 0)
        return failure(QStringLiteral("PostgreSQL"), o.err);
    return o.out.trimmed();
}

// Each statement on its own: CREATE and DROP DATABASE cannot run inside a transaction.
core::Status PostgresCluster::superuserSql(const QStringList &statements)
{
    for (const QString &sql : statements) {
        auto r = query(sql);
        if (!r)
            return r.error();
    }
    return core::Done{};
}

core::Result<Credentials> PostgresCluster::credentialsFor(const QString &name, const QString &password) const
{
    return Credentials{name, name, password, QStringLiteral("127.0.0.1"), m_port};
}

core::Result<Credentials> PostgresCluster::createDatabase(const QString &name, int connectionLimit)
{
    if (!validName(name))
        return core::ApiError::invalidParams("invalid database name");
    const QString password = randomHex(64);
    const auto made = superuserSql({
        QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2' CONNECTION LIMIT %3").arg(name, password).arg(connectionLimit),
        QStringLiteral("CREATE DATABASE %1 OWNER %1 CONNECTION LIMIT %2").arg(name).arg(connectionLimit),
        QStringLiteral("REVOKE ALL ON DATABASE %1 FROM PUBLIC").arg(name),
    });
    if (!made) {
        (void)dropDatabase(name); // nothing half-made stays behind
        return made.error();
    }
    return credentialsFor(name, password);
}

core::Status PostgresCluster::dropDatabase(const QString &name)
{
    if (!validName(name))
        return core::ApiError::invalidParams("invalid database name");
    return superuserSql({QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name),
                         QStringLiteral("DROP ROLE IF EXISTS %1").arg(name)});
}

core::Result<Credentials> PostgresCluster::rotatePassword(const QString &name)
{
    if (!validName(name))
        return core::ApiError::invalidParams("invalid database name");
    const QString password = randomHex(64);
    const auto done = superuserSql({
        QStringLiteral("ALTER ROLE %1 PASSWORD '%2'").arg(name, password),
        QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '%1'").arg(name),
    });
    if (!done)
        return done.error();
    return credentialsFor(name, password);
}

core::Status PostgresCluster::setConnectionLimit(const QString &name, int connectionLimit)
{
    if (!validName(name))
        return core::ApiError::invalidParams("invalid database name");
    return superuserSql({QStringLiteral("ALTER ROLE %1 CONNECTION LIMIT %2").arg(name).arg(connectionLimit),
                         QStringLiteral("ALTER DATABASE %1 CONNECTION LIMIT %2").arg(name).arg(connectionLimit)});
}

core::Result<DatabaseInfo> PostgresCluster::info(const QString &name)
{
    if (!validName(name))
        return core::ApiError::invalidParams("invalid database name");
    auto row = query(QStringLiteral("SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()) - 1, "
                                    "pg_database_size(current_database()), "
                                    "(SELECT count(*) FROM information_schema.tables "
                                    " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')), "
                                    "current_setting('server_version')"),
                     name);
    if (!row)
        return row.error();
    const QStringList f = row->split(QLatin1Char('|'));
    if (f.size() != 4)
        return core::ApiError::internal("unexpected answer from PostgreSQL: " + row->toStdString());
    // The first count leaves out the superuser's own connection that asks.
    return DatabaseInfo{f[0].toInt(), f[1].toLongLong(), f[2].toInt(), f[3].section(QLatin1Char(' '), 0, 0)};
}

core::Status PostgresCluster::reset(const QString &name)
{
    if (!validName(name))
        return core::ApiError::invalidParams("invalid database name");
    auto r = query(QStringLiteral("DROP OWNED BY %1 CASCADE; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public AUTHORIZATION %1")
                         .arg(name), name);
    if (!r)
        return r.error();
    return core::Done{};
}

core::Status PostgresCluster::killConnections(const QString &name)
{
    if (!validName(name))
        return core::ApiError::invalidParams("invalid database name");
    auto r = query(QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                  "WHERE datname = '%1' AND pid <> pg_backend_pid()").arg(name));
    if (!r)
        return r.error();
    return core::Done{};
}

core::Result<QString> PostgresCluster::backupsDir()
{
    const QString dir = QDir(m_dir).filePath(QStringLiteral("backups"));
    if (!QDir().mkpath(dir))
        return failure(QStringLiteral("cannot create the backups directory"), dir);
    if (m_user && chown(QFile::encodeName(dir).constData(), m_user->uid, m_user->gid) != 0)
        return failure(QStringLiteral("cannot give the backups directory to user ") + m_user->name, dir);
    chmod(QFile::encodeName(dir).constData(), 0700);
    return dir;
}

// pg_dump and pg_restore run as the service user when we are root, as the server does: the
// backups are that user's files, in its directory.
core::Status PostgresCluster::dump(const Credentials &db, const QString &file)
{
    const Output o = run(m_bins.tool(QStringLiteral("pg_dump")),
                         {QStringLiteral("-Fc"), QStringLiteral("--no-acl"), QStringLiteral("--no-owner"), QStringLiteral("-f"), file,
                          QStringLiteral("-h"), db.host, QStringLiteral("-p"), QString::number(db.port), QStringLiteral("-U"), db.user,
                          db.database},
                         true, db.password);
    if (o.exitCode != 0) {
        QFile::remove(file);
        return failure(QStringLiteral("pg_dump failed"), o.err);
    }
    return core::Done{};
}

core::Status PostgresCluster::dumpDatabase(const QString &name, const QString &file)
{
    if (!validName(name))
        return core::ApiError::invalidParams("invalid database name");
    if (!m_running)
        return core::ApiError::internal("the PostgreSQL server is not running");
    return dump(Credentials{name, Superuser, m_superPassword, QStringLiteral("127.0.0.1"), m_port}, file);
}

core::Status PostgresCluster::restore(const Credentials &db, const QString &file)
{
    if (!QFileInfo::exists(file))
        return core::ApiError::notFound("The backup does not exist.");
    const Output check = run(m_bins.tool(QStringLiteral("pg_restore")), {QStringLiteral("-l"), file}, true);
    if (check.exitCode != 0)
        return core::ApiError::invalidParams(
                (QStringLiteral("The backup is not a valid pg_dump archive: ") + check.err.trimmed()).toStdString());
    const Output o = run(m_bins.tool(QStringLiteral("pg_restore")),
                         {QStringLiteral("--clean"), QStringLiteral("--if-exists"), QStringLiteral("--no-acl"), QStringLiteral("--no-owner"),
                          QStringLiteral("--single-transaction"), QStringLiteral("--exit-on-error"), QStringLiteral("-h"), db.host,
                          QStringLiteral("-p"), QString::number(db.port), QStringLiteral("-U"), db.user, QStringLiteral("-d"),
                          db.database, file},
                         true, db.password);
    if (o.exitCode != 0)
        return failure(QStringLiteral("pg_restore failed"), o.err);
    return core::Done{};
}

} // namespace dynodesk::addons::postgres
