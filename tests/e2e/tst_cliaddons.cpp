// End to end: Heroku Postgres through the official `heroku` CLI (v11, unmodified) against a
// dynodesk-server process and the real PostgreSQL server it starts: addons:create --wait,
// addons, addons:info, config:get DATABASE_URL, the Attach release, a deployed app's dyno writing
// through DATABASE_URL with psql, pg:info, pg:psql, pg:credentials:url, pg:backups:capture,
// pg:backups, pg:backups:restore, pg:backups:url, pg:reset, attach/detach to another app,
// upgrade, rename, and destroy.
#include "common/herokucli.h"
#include "common/serverprocess.h"

#include "addons/postgres/postgrescluster.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>


using namespace dynodesk::testing;

class TestCliAddons : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HerokuCli> m_heroku;
    QString m_addon, m_url;
    QString m_psql;

    // Whether psql on this machine can open the URL.
    bool connects(const QString &url) const
    {
        QProcess p;
        p.start(m_psql, {url, QStringLiteral("-X"), QStringLiteral("-At"), QStringLiteral("-c"), QStringLiteral("SELECT 1")});
        return p.waitForFinished(60000) && p.exitCode() == 0;
    }

    CliResult heroku(const QStringList &args) const { return m_heroku->run(args); }
    static QStringList app(const char *name = "cli-pg") { return {QStringLiteral("-a"), QString::fromLatin1(name)}; }

    // Pushes the node-basic fixture to the app with stock git; the push output.
    QString deploy(const QString &appName) const
    {
        const QString repo = m_heroku->home() + QStringLiteral("/src-") + appName;
        QDir().mkpath(repo);
        for (const char *file : {"package.json", "server.js"})
            QFile::copy(QStringLiteral(DYNODESK_SOURCE_DIR "/tests/fixtures/apps/node-basic/") + QLatin1String(file),
                        repo + QLatin1Char('/') + QLatin1String(file));
        m_heroku->git(repo, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        m_heroku->git(repo, {QStringLiteral("add"), QStringLiteral("-A")});
        m_heroku->git(repo, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("one")});
        const QString remote = QString(m_server->apiUrl()).replace(QStringLiteral("http://"),
                                                                   QStringLiteral("http://x:") + m_server->token() + QLatin1Char('@'))
                + QLatin1Char('/') + appName + QStringLiteral(".git");
        return m_heroku->git(repo, {QStringLiteral("push"), remote, QStringLiteral("main")});
    }

private slots:
    void initTestCase()
    {
        auto bins = dynodesk::addons::postgres::Binaries::find();
        if (!bins)
            QSKIP(qPrintable(QStringLiteral("PostgreSQL is not installed (tools/setup installs it): ")
                             + QString::fromStdString(bins.error().message)));
        m_psql = bins->tool(QStringLiteral("psql"));
        m_heroku = std::make_unique<HerokuCli>(m_dir.path() + QStringLiteral("/home"), m_dir.path() + QStringLiteral("/data"));
        QVERIFY2(m_heroku->prepare(), "the official heroku CLI is not installed; run tools/test");
        m_server = std::make_unique<ServerProcess>(m_dir.path() + QStringLiteral("/data"));
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_heroku->setServer(m_server.get());
        QCOMPARE(heroku({QStringLiteral("apps:create"), QStringLiteral("cli-pg")}).exitCode, 0);
        QCOMPARE(heroku({QStringLiteral("apps:create"), QStringLiteral("cli-pg-reports")}).exitCode, 0);
    }

    void cleanupTestCase()
    {
        if (m_server)
            QVERIFY2(m_server->terminate(), qPrintable(m_server->output()));
    }

    void unknownPlanIsRefused()
    {
        auto r = heroku(QStringList{QStringLiteral("addons:create"), QStringLiteral("heroku-postgresql:hobby-dev")} + app());
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("Couldn't find either the add-on service or the add-on plan")), qPrintable(r.all()));
    }

    void createWaitsUntilProvisioned()
    {
        auto r = heroku(QStringList{QStringLiteral("addons:create"), QStringLiteral("heroku-postgresql:essential-0"),
                                    QStringLiteral("--wait")} + app());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Creating heroku-postgresql:essential-0 on cli-pg...")), qPrintable(r.all()));
        const auto created = QRegularExpression(QStringLiteral("Created (postgresql-[a-z]+-\\d{5}) as DATABASE_URL")).match(r.out);
        QVERIFY2(created.hasMatch(), qPrintable(r.all()));
        m_addon = created.captured(1);

        r = heroku(QStringList{QStringLiteral("addons")} + app());
        QCOMPARE(r.exitCode, 0);
        // The table's layout follows the terminal's width: check its cells, not its line breaks.
        QVERIFY2(QRegularExpression(QStringLiteral("heroku-postgresql \\(%1\\)\\s+essential-0\\s+[\\s\\S]*created[\\s\\S]*as DATABASE")
                                            .arg(m_addon))
                         .match(r.out).hasMatch(),
                 qPrintable(r.all()));

        r = heroku({QStringLiteral("addons:info"), m_addon});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("=== ") + m_addon), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("Plan:\\s+heroku-postgresql:essential-0")).match(r.out).hasMatch(), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("Attachments:\\s+cli-pg::DATABASE")).match(r.out).hasMatch(), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("Owning app:\\s+cli-pg")).match(r.out).hasMatch(), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("State:\\s+created")).match(r.out).hasMatch(), qPrintable(r.all()));

        r = heroku(QStringList{QStringLiteral("config:get"), QStringLiteral("DATABASE_URL")} + app());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("^postgres://\\w+:\\w+@127\\.0\\.0\\.1:\\d+/\\w+$")).match(r.out.trimmed()).hasMatch(),
                 qPrintable(r.all()));
        m_url = r.out.trimmed();
        QVERIFY(connects(m_url));

        r = heroku(QStringList{QStringLiteral("releases")} + app());
        QVERIFY2(r.out.contains(QStringLiteral("Attach DATABASE (@ref:%1)").arg(m_addon)), qPrintable(r.all()));
        r = heroku(QStringList{QStringLiteral("addons:wait")} + app());
        QCOMPARE(r.exitCode, 0);
    }

    void aDynoWritesThroughDatabaseUrl()
    {
        QVERIFY(!m_addon.isEmpty());
        const QString pushed = deploy(QStringLiteral("cli-pg"));
        QVERIFY2(pushed.contains(QStringLiteral("Released v")), qPrintable(pushed));
        // The dyno's own environment carries DATABASE_URL; psql is the libpq client at hand.
        auto r = heroku(QStringList{QStringLiteral("run"), QStringLiteral("-x")} + app()
                        + QStringList{QStringLiteral("--"), QStringLiteral("psql \"$DATABASE_URL\" -X -At -v ON_ERROR_STOP=1 -c "
                                                                           "\"CREATE TABLE visits (n int); INSERT INTO visits "
                                                                           "VALUES (41); SELECT n + 1 FROM visits\"")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("42")), qPrintable(r.all()));
    }

    // The pg:* commands: the data API on the API port (HEROKU_DATA_HOST), psql on this machine.
    void pgInfoPsqlAndCredentials()
    {
        QVERIFY(!m_addon.isEmpty());
        auto r = heroku(QStringList{QStringLiteral("pg:info")} + app());
        QCOMPARE(r.exitCode, 0);
        for (const QString &line : {QStringLiteral("^=== DATABASE_URL"), QStringLiteral("Plan:\\s+Essential 0"),
                                    QStringLiteral("Status:\\s+Available"), QStringLiteral("Connections:\\s+\\d+/20"),
                                    QStringLiteral("PG Version:\\s+\\d+\\.\\d+"), QStringLiteral("Created:\\s+\\d{4}-\\d\\d-\\d\\d"),
                                    QStringLiteral("Data Size:\\s+[\\d.]+ \\w+ / 1 GB"), QStringLiteral("Tables:\\s+1/4000"),
                                    QStringLiteral("Add-on:\\s+") + m_addon})
            QVERIFY2(QRegularExpression(line, QRegularExpression::MultilineOption).match(r.out).hasMatch(),
                     qPrintable(line + QStringLiteral(" in:\n") + r.all()));

        r = heroku(QStringList{QStringLiteral("pg:psql"), QStringLiteral("-c"), QStringLiteral("select 1 as one")} + app());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("one\\s+-+\\s+1\\s+\\(1 row\\)")).match(r.out).hasMatch(), qPrintable(r.all()));

        r = heroku(QStringList{QStringLiteral("pg:credentials:url")} + app());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Connection URL:")) && r.out.contains(m_url), qPrintable(r.all()));
    }

    void pgBackupsCaptureListRestoreAndReset()
    {
        QVERIFY(!m_addon.isEmpty());
        auto count = [&] {
            QProcess p;
            p.start(m_psql, {m_url, QStringLiteral("-X"), QStringLiteral("-At"), QStringLiteral("-c"), QStringLiteral("SELECT count(*) FROM visits")});
            p.waitForFinished(60000);
            return p.exitCode() == 0 ? QString::fromUtf8(p.readAllStandardOutput()).trimmed() : QStringLiteral("error");
        };
        QCOMPARE(count(), QStringLiteral("1")); // the dyno's row
        auto r = heroku(QStringList{QStringLiteral("pg:backups:capture")} + app());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Backing up DATABASE to b001... done")), qPrintable(r.all()));
        r = heroku(QStringList{QStringLiteral("pg:backups")} + app());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("b001\\s+\\S+\\s+Completed \\S+\\s+[\\d.]+\\s*\\w+\\s+DATABASE")).match(r.out).hasMatch(),
                 qPrintable(r.all()));

        QProcess insert;
        insert.start(m_psql, {m_url, QStringLiteral("-X"), QStringLiteral("-c"), QStringLiteral("INSERT INTO visits VALUES (99)")});
        QVERIFY(insert.waitForFinished(60000) && insert.exitCode() == 0);
        QCOMPARE(count(), QStringLiteral("2"));
        r = heroku(QStringList{QStringLiteral("pg:backups:restore"), QStringLiteral("b001"), QStringLiteral("DATABASE"),
                               QStringLiteral("--confirm"), QStringLiteral("cli-pg")} + app());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Restoring... done")), qPrintable(r.all()));
        QCOMPARE(count(), QStringLiteral("1"));

        r = heroku(QStringList{QStringLiteral("pg:backups:url"), QStringLiteral("b001")} + app());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.trimmed().startsWith(m_server->apiUrl() + QStringLiteral("/data-backups/")), qPrintable(r.all()));

        r = heroku(QStringList{QStringLiteral("pg:reset"), QStringLiteral("--confirm"), QStringLiteral("cli-pg")} + app());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Resetting ") + m_addon + QStringLiteral("... done")), qPrintable(r.all()));
        QCOMPARE(count(), QStringLiteral("error")); // the table is gone
        QVERIFY(connects(m_url));
    }

    void attachToAnotherAppAndDetach()
    {
        auto r = heroku(QStringList{QStringLiteral("addons:attach"), m_addon, QStringLiteral("--as"), QStringLiteral("REPORTING")}
                        + app("cli-pg-reports"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Setting REPORTING config vars and restarting cli-pg-reports... done, v2")),
                 qPrintable(r.all()));
        const QString shared = heroku(QStringList{QStringLiteral("config:get"), QStringLiteral("REPORTING_URL")} + app("cli-pg-reports")).out.trimmed();
        QCOMPARE(shared, heroku(QStringList{QStringLiteral("config:get"), QStringLiteral("DATABASE_URL")} + app()).out.trimmed());

        r = heroku(QStringList{QStringLiteral("addons:attach"), m_addon, QStringLiteral("--as"), QStringLiteral("REPORTING")}
                   + app("cli-pg-reports"));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("already taken")), qPrintable(r.all()));

        r = heroku(QStringList{QStringLiteral("addons:detach"), QStringLiteral("REPORTING")} + app("cli-pg-reports"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Unsetting REPORTING config vars and restarting cli-pg-reports... done, v3")),
                 qPrintable(r.all()));
        r = heroku(QStringList{QStringLiteral("releases")} + app("cli-pg-reports"));
        QVERIFY2(r.out.contains(QStringLiteral("Detach REPORTING (@ref:%1)").arg(m_addon)), qPrintable(r.all()));
    }

    void upgradeAndRename()
    {
        auto r = heroku(QStringList{QStringLiteral("addons:upgrade"), m_addon, QStringLiteral("essential-1")} + app());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Changing %1 on cli-pg from heroku-postgresql:essential-0 to "
                                               "heroku-postgresql:essential-1... done").arg(m_addon)),
                 qPrintable(r.all()));
        r = heroku({QStringLiteral("addons:rename"), m_addon, QStringLiteral("cli-pg-db")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.all().contains(QStringLiteral("cli-pg-db")), qPrintable(r.all()));
        m_addon = QStringLiteral("cli-pg-db");
        r = heroku({QStringLiteral("addons:info"), m_addon});
        QVERIFY2(QRegularExpression(QStringLiteral("Plan:\\s+heroku-postgresql:essential-1")).match(r.out).hasMatch(), qPrintable(r.all()));
    }

    void destroyNeedsConfirmationAndDropsTheDatabase()
    {
        // Without --confirm the CLI asks; a wrong answer refuses and nothing changes.
        auto r = m_heroku->run(QStringList{QStringLiteral("addons:destroy"), m_addon} + app(), true,
                               {{QStringLiteral("To proceed"), QStringLiteral("some-other-app")}});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("Confirmation did not match cli-pg. Aborted.")),
                 qPrintable(r.all()));
        QVERIFY(heroku(QStringList{QStringLiteral("addons")} + app()).out.contains(m_addon));

        r = heroku(QStringList{QStringLiteral("addons:destroy"), m_addon, QStringLiteral("--confirm"), QStringLiteral("cli-pg")} + app());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Destroying %1 on cli-pg...").arg(m_addon)), qPrintable(r.all()));
        r = heroku(QStringList{QStringLiteral("addons:wait")} + app());
        QCOMPARE(r.exitCode, 0);
        r = heroku(QStringList{QStringLiteral("addons")} + app());
        QVERIFY2(!r.out.contains(m_addon), qPrintable(r.all()));
        r = heroku(QStringList{QStringLiteral("config")} + app());
        QVERIFY2(!r.out.contains(QStringLiteral("DATABASE_URL")), qPrintable(r.all()));
        r = heroku(QStringList{QStringLiteral("releases")} + app());
        QVERIFY2(r.out.contains(QStringLiteral("Detach DATABASE (@ref:%1)").arg(m_addon)), qPrintable(r.all()));
        // The database and its role are gone; the app has no URL left.
        QVERIFY(QTest::qWaitFor([&] { return !connects(m_url); }, 30000));
        r = heroku(QStringList{QStringLiteral("run"), QStringLiteral("-x")} + app()
                   + QStringList{QStringLiteral("--"), QStringLiteral("test -z \"$DATABASE_URL\"")});
        QCOMPARE(r.exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestCliAddons)
#include "tst_cliaddons.moc"
