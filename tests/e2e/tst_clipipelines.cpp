// End to end: the official `heroku` CLI's pipelines commands against a fresh dynodesk-server:
// a staging app deployed with stock git, a pipeline made from it, a production app added and
// the staging slug promoted to it (served through the router, no build), stages changed,
// renamed, transferred to a team and destroyed; and the refusals the CLI prints.
#include "common/herokucli.h"
#include "common/httpclient.h"
#include "common/serverprocess.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace dynodesk::testing;
using nlohmann::json;

class TestCliPipelines : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HerokuCli> m_heroku;
    std::unique_ptr<HttpClient> m_api;

    CliResult heroku(const QString &line) const
    {
        return m_heroku->run(line.split(QLatin1Char(' '), Qt::SkipEmptyParts));
    }

    static bool hasLine(const QString &text, const QString &pattern)
    {
        return QRegularExpression(pattern, QRegularExpression::MultilineOption).match(text).hasMatch();
    }

    QString git(const QString &dir, const QStringList &args) const { return m_heroku->git(dir, args); }

    // The node-basic fixture (with `procfile` if given) committed in a fresh repo and pushed to
    // `app`; what git printed.
    QString deploy(const QString &app, const QByteArray &procfile = {})
    {
        const QString repo = m_dir.path() + QStringLiteral("/src-") + app;
        QDir().mkpath(repo);
        for (const char *file : {"package.json", "server.js"})
            QFile::copy(QStringLiteral(DYNODESK_SOURCE_DIR "/tests/fixtures/apps/node-basic/") + QLatin1String(file),
                        repo + QLatin1Char('/') + QLatin1String(file));
        if (!procfile.isEmpty()) {
            QFile file(repo + QStringLiteral("/Procfile"));
            file.open(QIODevice::WriteOnly);
            file.write(procfile);
        }
        git(repo, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        git(repo, {QStringLiteral("add"), QStringLiteral("-A")});
        git(repo, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("one")});
        const QString remote = QString(m_server->apiUrl()).replace(QStringLiteral("http://"),
                                                                   QStringLiteral("http://x:") + m_server->token() + QLatin1Char('@'))
                + QLatin1Char('/') + app + QStringLiteral(".git");
        return git(repo, {QStringLiteral("push"), remote, QStringLiteral("main")});
    }

    // GET / of `app` through the router, retried until it answers 200 (at most 30 s); its body.
    QByteArray page(const QString &app) const
    {
        HttpClient router(QStringLiteral("http://127.0.0.1:%1").arg(m_server->routerPort()));
        const QByteArray host = app.toUtf8() + ".localhost";
        for (int i = 0; i < 120; ++i) {
            const HttpResult r = router.get(QStringLiteral("/"), {{"Host", host}});
            if (r.status == 200)
                return r.body;
            QTest::qWait(250);
        }
        return {};
    }

    json currentRelease(const QString &app) const
    {
        const json releases = m_api->get(QStringLiteral("/apps/") + app + QStringLiteral("/releases")).json();
        for (auto it = releases.rbegin(); it != releases.rend(); ++it)
            if ((*it)["current"] == true)
                return *it;
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        m_heroku = std::make_unique<HerokuCli>(m_dir.path() + QStringLiteral("/home"), m_dir.path() + QStringLiteral("/data"));
        QVERIFY2(m_heroku->prepare(), "the official heroku CLI is not installed; run tools/test");
        m_server = std::make_unique<ServerProcess>(m_dir.path() + QStringLiteral("/data"));
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_heroku->setServer(m_server.get());
        m_api = std::make_unique<HttpClient>(m_server->apiUrl(), m_server->token());
        QCOMPARE(m_api->post(QStringLiteral("/teams"), {{"name", "pl-team"}}).status, 201);
    }

    void cleanupTestCase()
    {
        if (m_server)
            QVERIFY(m_server->terminate());
    }

    void createAddInfo()
    {
        QCOMPARE(heroku(QStringLiteral("apps:create pe-staging")).exitCode, 0);
        QCOMPARE(heroku(QStringLiteral("apps:create pe-production")).exitCode, 0);
        const QString pushed = deploy(QStringLiteral("pe-staging"));
        QVERIFY2(pushed.contains(QStringLiteral("Released v2")), qPrintable(pushed));

        auto r = heroku(QStringLiteral("pipelines:create pe -a pe-staging --stage staging"));
        QVERIFY2(r.exitCode == 0 && r.all().contains(QStringLiteral("Creating pe pipeline... done"))
                         && r.all().contains(QStringLiteral("Adding pe-staging to pe pipeline as staging... done")),
                 qPrintable(r.all()));
        VERIFY_OK(heroku(QStringLiteral("pipelines:add pe -a pe-production --stage production")),
                  "Adding pe-production to pe pipeline as production... done");
        r = heroku(QStringLiteral("pipelines"));
        QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("My Pipelines")) && hasLine(r.out, QStringLiteral("^pe$")),
                 qPrintable(r.all()));
        r = heroku(QStringLiteral("pipelines:info pe"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("owner: developer@dynodesk.local")), qPrintable(r.all()));
        QVERIFY2(hasLine(r.out, QStringLiteral("^\\s*pe-staging\\s+staging\\s*$")), qPrintable(r.all()));
        QVERIFY2(hasLine(r.out, QStringLiteral("^\\s*pe-production\\s+production\\s*$")), qPrintable(r.all()));
        QVERIFY2(r.out.indexOf(QStringLiteral("pe-staging")) < r.out.indexOf(QStringLiteral("pe-production")), qPrintable(r.out));
        r = heroku(QStringLiteral("apps:info -a pe-staging"));
        QVERIFY2(r.exitCode == 0 && hasLine(r.out, QStringLiteral("^Pipeline:\\s+pe - staging$")), qPrintable(r.all()));
    }

    void promoteStagingToProduction()
    {
        const json staging = currentRelease(QStringLiteral("pe-staging"));
        auto r = heroku(QStringLiteral("pipelines:promote -a pe-staging"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.all().contains(QStringLiteral("Starting promotion to production...")), qPrintable(r.all()));
        QVERIFY2(r.all().contains(QStringLiteral("Promotion successful")), qPrintable(r.all()));
        QVERIFY2(hasLine(r.out, QStringLiteral("^pe-production:\\s+succeeded$")), qPrintable(r.all()));

        const json production = currentRelease(QStringLiteral("pe-production"));
        const json stagingSlug = m_api->get(QStringLiteral("/apps/pe-staging/slugs/")
                                            + QString::fromStdString(staging["slug"]["id"])).json();
        const json productionSlug = m_api->get(QStringLiteral("/apps/pe-production/slugs/")
                                               + QString::fromStdString(production["slug"]["id"])).json();
        QVERIFY2(productionSlug["commit"] == stagingSlug["commit"] && productionSlug["size"] == stagingSlug["size"],
                 (productionSlug.dump() + " " + stagingSlug.dump()).c_str());
        const std::string sha = stagingSlug["commit"];
        r = heroku(QStringLiteral("releases -a pe-production"));
        QVERIFY2(r.out.contains(QString::fromStdString("Promote pe-staging v2 " + sha.substr(0, 7))), qPrintable(r.all()));
        QCOMPARE(m_api->get(QStringLiteral("/apps/pe-production/builds")).json().size(), size_t(0));
        QCOMPARE(page(QStringLiteral("pe-production")), QByteArray("Hello from node-basic\n"));
    }

    // pipelines:diff asks https://kolkrabbi.heroku.com (fixed in the CLI, not the API URL) for the
    // app's GitHub link; unreachable or refusing, the CLI takes the app as not connected.
    void diffSaysNotConnectedToGitHub()
    {
        VERIFY_REFUSED(heroku(QStringLiteral("pipelines:diff -a pe-staging")),
                       "pe-staging does not seem to be connected to GitHub!");
    }

    // A slug with a release command: one target streams its release phase; of two, the one where
    // the phase fails is reported failed and the other released.
    void releasePhaseOnTargets()
    {
        for (const char *app : {"pr-source", "pr-good", "pr-bad"})
            QCOMPARE(heroku(QStringLiteral("apps:create ") + QLatin1String(app)).exitCode, 0);
        const QString pushed = deploy(QStringLiteral("pr-source"), "web: node server.js\nrelease: test -z \"$BREAK\" && echo phase-ok\n");
        QVERIFY2(pushed.contains(QStringLiteral("phase-ok")), qPrintable(pushed));
        QCOMPARE(heroku(QStringLiteral("config:set BREAK=1 -a pr-bad")).exitCode, 0);
        QCOMPARE(heroku(QStringLiteral("pipelines:create pr -a pr-source --stage staging")).exitCode, 0);
        QCOMPARE(heroku(QStringLiteral("pipelines:add pr -a pr-good --stage production")).exitCode, 0);
        QCOMPARE(heroku(QStringLiteral("pipelines:add pr -a pr-bad --stage production")).exitCode, 0);

        auto r = heroku(QStringLiteral("pipelines:promote -a pr-source --to pr-good"));
        QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("Running release command...")), qPrintable(r.all()));
        QVERIFY2(r.out.contains(QStringLiteral("phase-ok")) && hasLine(r.out, QStringLiteral("^pr-good:\\s+succeeded$")),
                 qPrintable(r.all()));

        r = heroku(QStringLiteral("pipelines:promote -a pr-source --to pr-good,pr-bad"));
        QVERIFY2(r.exitCode != 0 && r.err.contains(QStringLiteral("Promotion to some apps failed")), qPrintable(r.all()));
        QVERIFY2(hasLine(r.out, QStringLiteral("^pr-good:\\s+succeeded$")) && hasLine(r.out, QStringLiteral("^pr-bad:\\s+failed"))
                         && hasLine(r.out, QStringLiteral("^\\s+Release v3 failed: its release command did not succeed\\.$")),
                 qPrintable(r.all()));
        QCOMPARE(page(QStringLiteral("pr-good")), QByteArray("Hello from node-basic\n"));
        QVERIFY2(currentRelease(QStringLiteral("pr-bad"))["version"] == 2, "pr-bad keeps its config release as current");
    }

    void badInput()
    {
        VERIFY_REFUSED(heroku(QStringLiteral("pipelines:update -a pe-production --stage qa")),
                       "Stage \"qa\" is not one of review, development, staging, production.");
        QCOMPARE(heroku(QStringLiteral("apps:create pe-other")).exitCode, 0);
        QCOMPARE(heroku(QStringLiteral("pipelines:create pe-second -a pe-other --stage staging")).exitCode, 0);
        VERIFY_REFUSED(heroku(QStringLiteral("pipelines:add pe-second -a pe-staging --stage development")),
                       "pe-staging is already in the pipeline pe: remove it from there first.");
        // An app with no release promoted: the platform's refusal, nothing released downstream.
        QCOMPARE(heroku(QStringLiteral("apps:create pe-dev")).exitCode, 0);
        VERIFY_OK(heroku(QStringLiteral("pipelines:add pe -a pe-dev --stage development")),
                  "Adding pe-dev to pe pipeline as development... done");
        const int before = int(m_api->get(QStringLiteral("/apps/pe-staging/releases")).json().size());
        VERIFY_REFUSED(heroku(QStringLiteral("pipelines:promote -a pe-dev")), "Couldn't find a release with a slug to promote on pe-dev");
        QCOMPARE(int(m_api->get(QStringLiteral("/apps/pe-staging/releases")).json().size()), before);
    }

    void updateRemoveRenameTransferDestroy()
    {
        VERIFY_OK(heroku(QStringLiteral("pipelines:update -a pe-dev --stage review")), "Changing pe-dev to review... done");
        QVERIFY2(hasLine(heroku(QStringLiteral("pipelines:info pe")).out, QStringLiteral("^\\s*pe-dev\\s+review\\s*$")), "stage");
        VERIFY_OK(heroku(QStringLiteral("pipelines:remove -a pe-dev")), "Removing pe-dev... done");
        QVERIFY(!heroku(QStringLiteral("pipelines:info pe")).out.contains(QStringLiteral("pe-dev")));
        QVERIFY(!heroku(QStringLiteral("apps:info -a pe-dev")).out.contains(QStringLiteral("Pipeline")));

        VERIFY_OK(heroku(QStringLiteral("pipelines:rename pe pe-renamed")), "Renaming pe pipeline to pe-renamed... done");
        VERIFY_OK(heroku(QStringLiteral("pipelines:transfer pl-team -p pe-renamed --confirm pe-renamed")),
                  "Transferring pe-renamed pipeline to the pl-team team... done");
        auto r = heroku(QStringLiteral("pipelines:info pe-renamed"));
        QVERIFY2(r.out.contains(QStringLiteral("owner: pl-team (team)")), qPrintable(r.all()));
        QVERIFY2(!r.all().contains(QStringLiteral("do not belong")), qPrintable(r.all())); // the apps moved too
        r = heroku(QStringLiteral("apps:info -a pe-production"));
        QVERIFY2(hasLine(r.out, QStringLiteral("^Owner:\\s+pl-team")), qPrintable(r.all()));

        // A team app's pipeline made for the team with -t.
        QCOMPARE(heroku(QStringLiteral("apps:create pe-team-app --team pl-team")).exitCode, 0);
        VERIFY_OK(heroku(QStringLiteral("pipelines:create pe-team -a pe-team-app --stage staging -t pl-team")),
                  "Adding pe-team-app to pe-team pipeline as staging... done");
        r = heroku(QStringLiteral("pipelines:info pe-team"));
        QVERIFY2(r.out.contains(QStringLiteral("owner: pl-team (team)"))
                         && hasLine(r.out, QStringLiteral("^\\s*pe-team-app\\s+staging\\s*$")),
                 qPrintable(r.all()));

        VERIFY_OK(heroku(QStringLiteral("pipelines:destroy pe-renamed")), "Destroying pe-renamed pipeline... done");
        QVERIFY(!hasLine(heroku(QStringLiteral("pipelines")).out, QStringLiteral("^pe-renamed$")));
        QVERIFY(!heroku(QStringLiteral("apps:info -a pe-staging")).out.contains(QStringLiteral("Pipeline")));
        QCOMPARE(page(QStringLiteral("pe-production")), QByteArray("Hello from node-basic\n")); // apps stay
    }
};

QTEST_GUILESS_MAIN(TestCliPipelines)
#include "tst_clipipelines.moc"
