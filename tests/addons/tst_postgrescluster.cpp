// The Postgres provider's cluster against a real PostgreSQL server: provision, connect with the
// URL the way an app does, connection limits, isolation between add-ons, credential rotation,
// backup and restore, fork, reset, destroy, restart, and the clear errors of a locked or corrupt
// cluster directory.
#include "addons/postgres/postgrescluster.h"
#include "common/psqlclient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace dynodesk::addons::postgres;

using Psql = dynodesk::testing::PsqlResult;

class TestPostgresCluster : public QObject {
    Q_OBJECT

    Binaries m_bins;
    QTemporaryDir m_tmp;
    std::unique_ptr<PostgresCluster> m_cluster;

    QString clusterDir() const { return m_tmp.filePath(QStringLiteral("pg")); }

    // psql with nothing but the URL, as a dyno runs it.
    Psql psql(const QString &url, const QString &sql) const
    {
        return dynodesk::testing::runPsql(m_bins.tool(QStringLiteral("psql")), url, sql);
    }

    QString count(const Credentials &db) const
    {
        const Psql r = psql(db.url(), QStringLiteral("select count(*) from items"));
        return r.exitCode == 0 ? r.out : r.err;
    }

private slots:
    void initTestCase()
    {
        auto bins = Binaries::find();
        QVERIFY2(bins.ok(), bins.ok() ? "" : bins.error().message.c_str());
        m_bins = *bins;
        QVERIFY(m_tmp.isValid());
        // Under root the server runs as an unprivileged user, which must reach the cluster dir.
        chmod(QFile::encodeName(m_tmp.path()).constData(), 0711);
        m_cluster = std::make_unique<PostgresCluster>(clusterDir(), m_bins);
        const auto started = m_cluster->start();
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
        QVERIFY(m_cluster->port() > 0);
    }

    void provisionedDatabaseTakesWritesThroughItsUrl()
    {
        auto db = m_cluster->createDatabase(QStringLiteral("dapp1"), 20);
        QVERIFY2(db.ok(), db.ok() ? "" : db.error().message.c_str());
        QVERIFY(db->url().startsWith(QStringLiteral("postgres://dapp1:")));
        QCOMPARE(db->password.size(), 64);
        const Psql r = psql(db->url(), QStringLiteral("create table items(id serial primary key, name text); "
                                                      "insert into items(name) values ('a'),('b'),('c')"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(count(*db), QStringLiteral("3"));
        // clients that require TLS (the CLI's pg:psql, many frameworks) connect too
        const Psql tls = psql(db->url() + QStringLiteral("?sslmode=require"), QStringLiteral("select ssl from pg_stat_ssl where pid = pg_backend_pid()"));
        QVERIFY2(tls.exitCode == 0, qPrintable(tls.err));
        QCOMPARE(tls.out, QStringLiteral("t"));
        // what pg:info shows: tables, size, version, connections (none open now)
        auto info = m_cluster->info(QStringLiteral("dapp1"));
        QVERIFY2(info.ok(), info.ok() ? "" : info.error().message.c_str());
        QCOMPARE(info->tables, 1);
        QCOMPARE(info->connections, 0);
        QVERIFY(info->dataSizeBytes > 1000000);
        QVERIFY2(info->version.startsWith(QStringLiteral("1")), qPrintable(info->version));
        QVERIFY(m_cluster->dropDatabase(QStringLiteral("dapp1")).ok());
    }

    void connectionLimitIsEnforced()
    {
        auto db = m_cluster->createDatabase(QStringLiteral("dlimit"), 1);
        QVERIFY(db.ok());
        QProcess holder;
        holder.start(m_bins.tool(QStringLiteral("psql")), {db->url(), QStringLiteral("-X"), QStringLiteral("-c"),
                                                            QStringLiteral("select pg_sleep(4)")});
        QVERIFY(holder.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(*m_cluster->query(QStringLiteral("select count(*) from pg_stat_activity where usename = 'dlimit'")),
                                  QStringLiteral("1"), 10000);
        const Psql second = psql(db->url(), QStringLiteral("select 1"));
        QCOMPARE(second.exitCode, 2);
        QVERIFY2(second.err.contains(QStringLiteral("too many connections")), qPrintable(second.err));
        holder.waitForFinished(10000);
        // a plan change raises the limit
        QVERIFY(m_cluster->setConnectionLimit(QStringLiteral("dlimit"), 20).ok());
        QCOMPARE(*m_cluster->query(QStringLiteral("select rolconnlimit from pg_roles where rolname = 'dlimit'")), QStringLiteral("20"));
        QVERIFY(m_cluster->dropDatabase(QStringLiteral("dlimit")).ok());
    }

    void addonsCannotReadEachOther()
    {
        auto a = m_cluster->createDatabase(QStringLiteral("disoa"), 20);
        auto b = m_cluster->createDatabase(QStringLiteral("disob"), 20);
        QVERIFY(a.ok() && b.ok());
        Credentials intruder = *b;
        intruder.database = a->database;
        const Psql r = psql(intruder.url(), QStringLiteral("select 1"));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("permission denied")), qPrintable(r.err));
        QVERIFY(m_cluster->dropDatabase(QStringLiteral("disoa")).ok());
        QVERIFY(m_cluster->dropDatabase(QStringLiteral("disob")).ok());
    }

    void rotationRetiresTheOldPassword()
    {
        auto old = m_cluster->createDatabase(QStringLiteral("drot"), 20);
        QVERIFY(old.ok());
        auto rotated = m_cluster->rotatePassword(QStringLiteral("drot"));
        QVERIFY(rotated.ok());
        QVERIFY(rotated->password != old->password);
        const Psql withOld = psql(old->url(), QStringLiteral("select 1"));
        QVERIFY(withOld.exitCode != 0);
        QVERIFY2(withOld.err.contains(QStringLiteral("password authentication failed")), qPrintable(withOld.err));
        QCOMPARE(psql(rotated->url(), QStringLiteral("select 1")).out, QStringLiteral("1"));
        QVERIFY(m_cluster->dropDatabase(QStringLiteral("drot")).ok());
    }

    void backupRestoreRoundTripAndFork()
    {
        auto db = m_cluster->createDatabase(QStringLiteral("dbak"), 20);
        QVERIFY(db.ok());
        QCOMPARE(psql(db->url(), QStringLiteral("create table items(id int); insert into items select generate_series(1, 5)")).exitCode, 0);
        // pg_dump runs as the service user under root: backups go to the directory it owns.
        auto backups = m_cluster->backupsDir();
        QVERIFY(backups.ok());
        const QString backup = *backups + QStringLiteral("/b001.dump");
        const auto dumped = m_cluster->dump(*db, backup);
        QVERIFY2(dumped.ok(), dumped.ok() ? "" : dumped.error().message.c_str());
        QCOMPARE(psql(db->url(), QStringLiteral("insert into items select generate_series(6, 9)")).exitCode, 0);
        QCOMPARE(count(*db), QStringLiteral("9"));

        // a missing or invalid backup changes nothing
        QVERIFY(!m_cluster->restore(*db, *backups + QStringLiteral("/missing.dump")).ok());
        QFile junk(*backups + QStringLiteral("/junk.dump"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a dump");
        junk.close();
        QVERIFY(!m_cluster->restore(*db, junk.fileName()).ok());
        QCOMPARE(count(*db), QStringLiteral("9"));

        const auto restored = m_cluster->restore(*db, backup);
        QVERIFY2(restored.ok(), restored.ok() ? "" : restored.error().message.c_str());
        QCOMPARE(count(*db), QStringLiteral("5"));

        // a fork: a new database filled from a dump of the other
        auto fork = m_cluster->createDatabase(QStringLiteral("dfork"), 20);
        QVERIFY(fork.ok());
        QVERIFY(m_cluster->restore(*fork, backup).ok());
        QCOMPARE(count(*fork), QStringLiteral("5"));
        QCOMPARE(psql(fork->url(), QStringLiteral("insert into items values (42)")).exitCode, 0);
        QCOMPARE(count(*db), QStringLiteral("5"));

        // the superuser's dump ignores the plan's connection limit and holds the same rows
        const QString asSuperuser = *backups + QStringLiteral("/super.dump");
        QVERIFY(m_cluster->dumpDatabase(QStringLiteral("dbak"), asSuperuser).ok());
        auto copy = m_cluster->createDatabase(QStringLiteral("dcopy"), 20);
        QVERIFY(copy.ok());
        QVERIFY(m_cluster->restore(*copy, asSuperuser).ok());
        QCOMPARE(count(*copy), QStringLiteral("5"));
        QVERIFY(m_cluster->dropDatabase(QStringLiteral("dcopy")).ok());
        QVERIFY(m_cluster->dumpDatabase(QStringLiteral("Bad Name"), asSuperuser).error().status == 422);
        QVERIFY(m_cluster->dropDatabase(QStringLiteral("dbak")).ok());
        QVERIFY(m_cluster->dropDatabase(QStringLiteral("dfork")).ok());
    }

    void resetDropsEverything()
    {
        auto db = m_cluster->createDatabase(QStringLiteral("dreset"), 20);
        QVERIFY(db.ok());
        QCOMPARE(psql(db->url(), QStringLiteral("create table items(id int); insert into items values (1)")).exitCode, 0);
        const auto reset = m_cluster->reset(QStringLiteral("dreset"));
        QVERIFY2(reset.ok(), reset.ok() ? "" : reset.error().message.c_str());
        QVERIFY(count(*db).contains(QStringLiteral("does not exist")));
        QCOMPARE(psql(db->url(), QStringLiteral("create table items(id int)")).exitCode, 0);
        QVERIFY(m_cluster->dropDatabase(QStringLiteral("dreset")).ok());
    }

    void destroyDropsDatabaseAndRole()
    {
        auto db = m_cluster->createDatabase(QStringLiteral("dgone"), 20);
        QVERIFY(db.ok());
        QVERIFY(m_cluster->dropDatabase(QStringLiteral("dgone")).ok());
        QCOMPARE(*m_cluster->query(QStringLiteral("select count(*) from pg_database where datname = 'dgone'")), QStringLiteral("0"));
        QCOMPARE(*m_cluster->query(QStringLiteral("select count(*) from pg_roles where rolname = 'dgone'")), QStringLiteral("0"));
        QVERIFY(psql(db->url(), QStringLiteral("select 1")).exitCode != 0);
    }

    void badNamesAreRefused()
    {
        const auto r = m_cluster->createDatabase(QStringLiteral("x; drop role dynodesk"), 20);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().status, 422);
    }

    void secondEmulatorOnTheSameDirIsRefused()
    {
        PostgresCluster other(clusterDir(), m_bins);
        const auto started = other.start();
        QVERIFY(!started.ok());
        QVERIFY2(QString::fromStdString(started.error().message).contains(QStringLiteral("in use by another process")),
                 started.error().message.c_str());
        QVERIFY(m_cluster->query(QStringLiteral("select 1")).ok());
    }

    void corruptDirIsAClearError()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("corrupt"));
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/data")));
        QFile stray(dir + QStringLiteral("/data/stray"));
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.close();
        PostgresCluster broken(dir, m_bins);
        const auto started = broken.start();
        QVERIFY(!started.ok());
        QVERIFY2(QString::fromStdString(started.error().message).contains(QStringLiteral("corrupt")), started.error().message.c_str());
    }

    void restartKeepsDataAndPort()
    {
        auto db = m_cluster->createDatabase(QStringLiteral("dkeep"), 20);
        QVERIFY(db.ok());
        QCOMPARE(psql(db->url(), QStringLiteral("create table items(id int); insert into items values (1), (2)")).exitCode, 0);
        const int port = m_cluster->port();
        QVERIFY(m_cluster->stop().ok());
        QVERIFY(psql(db->url(), QStringLiteral("select 1")).exitCode != 0);
        m_cluster = std::make_unique<PostgresCluster>(clusterDir(), m_bins);
        const auto started = m_cluster->start();
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
        QCOMPARE(m_cluster->port(), port);
        QCOMPARE(count(*db), QStringLiteral("2"));
    }

    // Under root, a data dir inside a directory of mode 700 (as /root is): the cluster lives in
    // a directory of its own under the home base, the data dir links to it, nothing of the user's
    // directories is loosened; it is reused by the next start and removed once its data dir goes.
    void privateDataDirGetsAClusterHomeOutsideIt()
    {
        if (geteuid() != 0)
            QSKIP("only root runs the server as another user");
        QTemporaryDir priv, homes;
        chmod(QFile::encodeName(homes.path()).constData(), 0711);
        const QString base = homes.filePath(QStringLiteral("postgres"));
        const QString dataDir = priv.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(dataDir));
        const QString link = dataDir + QStringLiteral("/postgres");
        auto cluster = std::make_unique<PostgresCluster>(link, m_bins, base);
        auto started = cluster->start();
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
        QVERIFY(QFileInfo(link).isSymLink());
        const QString home = QFileInfo(link).symLinkTarget();
        QCOMPARE(QFileInfo(home).absolutePath(), base);
        QCOMPARE(QFileInfo(priv.path()).permissions() & (QFile::ExeOther | QFile::ExeGroup), QFile::Permissions());
        struct stat st = {};
        QCOMPARE(stat(QFile::encodeName(home).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0700u);
        QVERIFY(st.st_uid != 0);
        auto db = cluster->createDatabase(QStringLiteral("dhome"), 20);
        QVERIFY2(db.ok(), db.ok() ? "" : db.error().message.c_str());
        QCOMPARE(psql(db->url(), QStringLiteral("create table items(id int); insert into items values (7)")).exitCode, 0);
        const int port = cluster->port();
        QVERIFY(cluster->stop().ok());

        cluster = std::make_unique<PostgresCluster>(link, m_bins, base);
        started = cluster->start();
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
        QCOMPARE(QFileInfo(link).symLinkTarget(), home);
        QCOMPARE(cluster->port(), port);
        QCOMPARE(count(*db), QStringLiteral("1"));
        QVERIFY(cluster->stop().ok());
        cluster.reset();

        // The data dir is deleted: placing the next cluster removes the orphan.
        QVERIFY(QDir(dataDir).removeRecursively());
        const QString otherData = priv.filePath(QStringLiteral("other"));
        QVERIFY(QDir().mkpath(otherData));
        PostgresCluster other(otherData + QStringLiteral("/postgres"), m_bins, base);
        started = other.start();
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
        QVERIFY(!QFileInfo::exists(home));
        QVERIFY(other.stop().ok());
    }

    // A cluster made in place while its data dir was reachable moves to its home, data and port
    // kept, once the data dir becomes private (as the server makes it 700 at start).
    void inPlaceClusterMovesHomeWhenItsDataDirBecomesPrivate()
    {
        if (geteuid() != 0)
            QSKIP("only root runs the server as another user");
        QTemporaryDir outer, homes;
        chmod(QFile::encodeName(outer.path()).constData(), 0711);
        chmod(QFile::encodeName(homes.path()).constData(), 0711);
        const QString base = homes.filePath(QStringLiteral("postgres"));
        const QString dataDir = outer.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(dataDir));
        chmod(QFile::encodeName(dataDir).constData(), 0711);
        const QString dir = dataDir + QStringLiteral("/postgres");
        auto cluster = std::make_unique<PostgresCluster>(dir, m_bins, base);
        QVERIFY(cluster->start().ok());
        QVERIFY(!QFileInfo(dir).isSymLink()); // reachable: in place, as before
        auto db = cluster->createDatabase(QStringLiteral("dmoved"), 20);
        QVERIFY(db.ok());
        QCOMPARE(psql(db->url(), QStringLiteral("create table items(id int); insert into items values (1), (2), (3)")).exitCode, 0);
        const int port = cluster->port();
        QVERIFY(cluster->stop().ok());

        chmod(QFile::encodeName(dataDir).constData(), 0700);
        cluster = std::make_unique<PostgresCluster>(dir, m_bins, base);
        const auto started = cluster->start();
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
        QVERIFY(QFileInfo(dir).isSymLink());
        QCOMPARE(QFileInfo(QFileInfo(dir).symLinkTarget()).absolutePath(), base);
        QCOMPARE(cluster->port(), port);
        QCOMPARE(count(*db), QStringLiteral("3"));
        QVERIFY(cluster->stop().ok());
    }

    void cleanupTestCase()
    {
        if (m_cluster)
            QVERIFY(m_cluster->stop().ok());
    }
};

QTEST_GUILESS_MAIN(TestPostgresCluster)
#include "tst_postgrescluster.moc"
