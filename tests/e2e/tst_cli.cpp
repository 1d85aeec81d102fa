// End to end: the official `heroku` CLI (npm package, major 11, unmodified) against a freshly
// started dynodesk-server, asserting on what users see.
#include "common/drainlistener.h"
#include "common/herokucli.h"
#include "common/httpclient.h"
#include "common/serverprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace dynodesk::testing;

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QString m_cli, m_home;
    std::unique_ptr<HerokuCli> m_heroku;

    QProcessEnvironment environment(bool withKey) const { return m_heroku->environment(withKey); }
    CliResult heroku(const QStringList &args, bool withKey = true, const QList<QPair<QString, QString>> &typed = {}) const
    {
        return m_heroku->run(args, withKey, typed);
    }

    // GET / through the server's router with this Host header: the status and the body.
    QPair<int, QByteArray> routerGet(const QByteArray &host) const
    {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, m_server->routerPort());
        if (!s.waitForConnected(5000))
            return {0, {}};
        s.write("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        QByteArray reply;
        while (s.state() == QAbstractSocket::ConnectedState && s.waitForReadyRead(10000))
            reply += s.readAll();
        reply += s.readAll();
        const qsizetype end = reply.indexOf("\r\n\r\n");
        if (!reply.startsWith("HTTP/1.1 ") || end < 0)
            return {0, reply};
        return {reply.mid(9, 3).toInt(), reply.mid(end + 4)};
    }

    QString addAccount(const QString &email, const QString &password) const
    {
        QProcess add;
        add.start(QStringLiteral(DYNODESK_SERVER_BIN), {QStringLiteral("accounts:add"), email, QStringLiteral("--password"),
                                                         password, QStringLiteral("--data-dir"), m_dir.path() + "/data"});
        add.waitForFinished(10000);
        return QRegularExpression(QStringLiteral("Token: (\\S+)")).match(QString::fromUtf8(add.readAll())).captured(1);
    }

private slots:
    void initTestCase()
    {
        m_cli = QStringLiteral(DYNODESK_CLI_PREFIX "/node_modules/.bin/heroku");
        m_home = m_dir.path() + QStringLiteral("/home");
        m_heroku = std::make_unique<HerokuCli>(m_home, m_dir.path() + QStringLiteral("/data"));
        QVERIFY2(m_heroku->prepare(), "the official heroku CLI is not installed; run tools/test");
        m_server = std::make_unique<ServerProcess>(m_dir.path() + "/data");
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_heroku->setServer(m_server.get());
        const auto version = heroku({QStringLiteral("--version")});
        QVERIFY2(version.out.startsWith(QStringLiteral("heroku/11.")), qPrintable(version.all()));
    }

    void cleanupTestCase()
    {
        if (m_server)
            QVERIFY(m_server->terminate());
    }

    void loginInteractivelyAndWhoami()
    {
        QVERIFY(!addAccount(QStringLiteral("student@lab.test"), QStringLiteral("s3cret-pass")).isEmpty());
        auto r = heroku({QStringLiteral("login"), QStringLiteral("-i")}, false,
                        {{QStringLiteral("Email"), QStringLiteral("student@lab.test")},
                         {QStringLiteral("Password"), QStringLiteral("s3cret-pass")}});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Logged in as student@lab.test")), qPrintable(r.all()));
        QFile netrc(m_home + QStringLiteral("/.netrc"));
        QVERIFY(netrc.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(netrc.readAll());
        const QString machine = QUrl(m_server->apiUrl()).authority();
        QVERIFY2(text.contains(QStringLiteral("machine ") + machine), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("login student@lab.test")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("password HRKU-")), qPrintable(text));

        r = heroku({QStringLiteral("auth:whoami")}, false); // the token from ~/.netrc
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("student@lab.test"));

        r = heroku({QStringLiteral("login"), QStringLiteral("-i")}, false,
                   {{QStringLiteral("Email"), QStringLiteral("student@lab.test")},
                    {QStringLiteral("Password"), QStringLiteral("wrong-pass")}});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("Invalid credentials provided")), qPrintable(r.all()));

        r = heroku({QStringLiteral("auth:whoami")});
        QCOMPARE(r.out.trimmed(), QStringLiteral("developer@dynodesk.local"));
    }

    void appsLifecycle()
    {
        auto r = heroku({QStringLiteral("apps:create"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Creating e2e-app... done")), qPrintable(r.all()));
        QVERIFY2(r.out.contains(QStringLiteral("http://e2e-app.localhost:")), qPrintable(r.all()));

        r = heroku({QStringLiteral("apps:create")});
        QCOMPARE(r.exitCode, 0);
        const auto generated = QRegularExpression(QStringLiteral("Creating app\\.\\.\\. done, ([a-z]+-[a-z]+-[0-9]{4})")).match(r.err);
        QVERIFY2(generated.hasMatch(), qPrintable(r.all()));

        r = heroku({QStringLiteral("apps:create"), QStringLiteral("eu-app"), QStringLiteral("--region"), QStringLiteral("eu")});
        QVERIFY2(r.err.contains(QStringLiteral("Creating eu-app... done, region is eu")), qPrintable(r.all()));

        r = heroku({QStringLiteral("apps:create"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("Name is already taken")), qPrintable(r.all()));
        r = heroku({QStringLiteral("apps:create"), QStringLiteral("Bad_Name")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("Name must start with a letter")), qPrintable(r.all()));

        r = heroku({QStringLiteral("apps")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("=== developer@dynodesk.local Apps")), qPrintable(r.all()));
        QVERIFY2(r.out.contains(QStringLiteral("e2e-app")), qPrintable(r.all()));
        QVERIFY2(r.out.contains(QStringLiteral("eu-app (eu)")), qPrintable(r.all()));
        QVERIFY2(r.out.contains(generated.captured(1)), qPrintable(r.all()));

        r = heroku({QStringLiteral("apps:info"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("=== e2e-app")), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("Owner:\\s+developer@dynodesk.local")).match(r.out).hasMatch(), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("Region:\\s+us")).match(r.out).hasMatch(), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("Stack:\\s+heroku-24")).match(r.out).hasMatch(), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("Git URL:\\s+http://127.0.0.1:\\d+/e2e-app.git")).match(r.out).hasMatch(),
                 qPrintable(r.all()));
        QVERIFY2(!r.out.contains(QStringLiteral("Create Status")), qPrintable(r.all()));
    }

    void configVars()
    {
        auto r = heroku({QStringLiteral("config:set"), QStringLiteral("A=1"), QStringLiteral("B=two words"), QStringLiteral("-a"),
                         QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Setting A, B and restarting e2e-app... done, v2")), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("A:\\s+1\\nB:\\s+two words")).match(r.out).hasMatch(), qPrintable(r.all()));

        r = heroku({QStringLiteral("config"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QVERIFY2(r.out.contains(QStringLiteral("=== e2e-app Config Vars")), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("B:\\s+two words")).match(r.out).hasMatch(), qPrintable(r.all()));

        r = heroku({QStringLiteral("config:get"), QStringLiteral("B"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.out, QStringLiteral("two words\n"));

        r = heroku({QStringLiteral("config:unset"), QStringLiteral("A"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Unsetting A and restarting e2e-app... done, v3")), qPrintable(r.all()));
        r = heroku({QStringLiteral("config:get"), QStringLiteral("A"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.out, QStringLiteral("\n"));

        r = heroku({QStringLiteral("config:set"), QStringLiteral("BAD-KEY=1"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("Invalid config var key BAD-KEY")), qPrintable(r.all()));
    }

    void releasesAndRollback()
    {
        auto r = heroku({QStringLiteral("releases"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("=== e2e-app Releases - Current: v3")), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("v3\\s+Remove A config vars\\s+developer@dynodesk.local")).match(r.out).hasMatch(),
                 qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("v2\\s+Set A, B config vars")).match(r.out).hasMatch(), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("v1\\s+Initial release")).match(r.out).hasMatch(), qPrintable(r.all()));

        r = heroku({QStringLiteral("releases:info"), QStringLiteral("v2"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("=== Release v2")), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("Change:\\s+Set A, B config vars")).match(r.out).hasMatch(), qPrintable(r.all()));
        QVERIFY2(r.out.contains(QStringLiteral("=== v2 Config vars")), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("A:\\s+1")).match(r.out).hasMatch(), qPrintable(r.all()));

        r = heroku({QStringLiteral("rollback"), QStringLiteral("v2"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Rolling back e2e-app to v2... done, v4")), qPrintable(r.all()));
        QVERIFY2(r.err.contains(QStringLiteral("heroku rollback v3")), qPrintable(r.all()));
        r = heroku({QStringLiteral("config:get"), QStringLiteral("A"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.out, QStringLiteral("1\n"));

        r = heroku({QStringLiteral("rollback"), QStringLiteral("v99"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("Couldn't find that release.")), qPrintable(r.all()));
    }

    void access()
    {
        QVERIFY(!addAccount(QStringLiteral("friend@lab.test"), QStringLiteral("pw")).isEmpty());
        auto r = heroku({QStringLiteral("access:add"), QStringLiteral("friend@lab.test"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Adding friend@lab.test access to the app e2e-app... done")), qPrintable(r.all()));

        r = heroku({QStringLiteral("access"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("friend@lab.test\\s+collaborator")).match(r.out).hasMatch(), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("developer@dynodesk.local\\s+owner")).match(r.out).hasMatch(), qPrintable(r.all()));

        r = heroku({QStringLiteral("access:add"), QStringLiteral("nobody@lab.test"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("Couldn't find that user.")), qPrintable(r.all()));

        r = heroku({QStringLiteral("access:remove"), QStringLiteral("friend@lab.test"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Removing friend@lab.test access from the app e2e-app... done")), qPrintable(r.all()));
        r = heroku({QStringLiteral("access"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QVERIFY2(!r.out.contains(QStringLiteral("friend@lab.test")), qPrintable(r.all()));
    }

    void scale()
    {
        auto r = heroku({QStringLiteral("ps:scale"), QStringLiteral("web=2"), QStringLiteral("worker=1"), QStringLiteral("-a"),
                         QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Scaling dynos... done, now running web at 2:Standard-1X, worker at 1:Standard-1X")),
                 qPrintable(r.all()));
        r = heroku({QStringLiteral("ps:scale"), QStringLiteral("web+2"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QVERIFY2(r.err.contains(QStringLiteral("now running web at 4:Standard-1X")), qPrintable(r.all()));
        r = heroku({QStringLiteral("ps:scale"), QStringLiteral("web-1"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QVERIFY2(r.err.contains(QStringLiteral("now running web at 3:Standard-1X")), qPrintable(r.all()));
        r = heroku({QStringLiteral("ps:scale"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.out.trimmed(), QStringLiteral("web=3:Standard-1X worker=1:Standard-1X"));
    }

    QString git(const QString &dir, const QStringList &args) const { return m_heroku->git(dir, args); }

    // The buildpack registry's look-ups, answered by the emulator for its built-in buildpacks
    // (HEROKU_BUILDPACK_REGISTRY_URL is the API URL, as the server's start lines say).
    void buildpackRegistryLookups()
    {
        auto r = heroku({QStringLiteral("buildpacks:search"), QStringLiteral("ruby")});
        QCOMPARE(r.exitCode, 0);
        for (const char *text : {"Buildpack", "Category", "Description", "heroku/ruby", "languages", "1 buildpack found"})
            QVERIFY2(r.out.contains(QLatin1String(text)), qPrintable(r.all()));
        QVERIFY2(!r.out.contains(QStringLiteral("heroku/nodejs")), qPrintable(r.all()));
        r = heroku({QStringLiteral("buildpacks:search"), QStringLiteral("--namespace"), QStringLiteral("heroku")});
        QVERIFY2(r.out.contains(QStringLiteral("6 buildpacks found")), qPrintable(r.all()));
        r = heroku({QStringLiteral("buildpacks:search"), QStringLiteral("cobol")});
        QVERIFY2(r.out.contains(QStringLiteral("No buildpacks found")), qPrintable(r.all()));

        r = heroku({QStringLiteral("buildpacks:info"), QStringLiteral("heroku/nodejs")});
        QCOMPARE(r.exitCode, 0);
        for (const char *text : {"=== heroku/nodejs", "description:", "Node.js apps with npm, yarn or pnpm", "category:",
                                 "languages", "support:", "https://devcenter.heroku.com/articles/nodejs-support",
                                 "readme:"})
            QVERIFY2(r.out.contains(QLatin1String(text)), qPrintable(r.all()));
        QFile readme(QStringLiteral(DYNODESK_SOURCE_DIR "/resources/buildpacks/nodejs/README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString heading = QString::fromUtf8(readme.readLine()).trimmed(); // the buildpack's README follows
        QVERIFY2(r.out.contains(QLatin1Char('\n') + heading + QLatin1Char('\n')), qPrintable(r.all()));
        r = heroku({QStringLiteral("buildpacks:info"), QStringLiteral("heroku/cobol")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("Could not find the buildpack 'heroku/cobol'")), qPrintable(r.all()));

        r = heroku({QStringLiteral("buildpacks:versions"), QStringLiteral("heroku/nodejs")});
        QCOMPARE(r.exitCode, 0);
        static const QRegularExpression row(QStringLiteral("^\\s*1\\s+\\d{4}-\\d\\d-\\d\\dT\\S+\\s+published\\s*$"),
                                            QRegularExpression::MultilineOption);
        for (const char *text : {"Version", "Released At", "Status"})
            QVERIFY2(r.out.contains(QLatin1String(text)), qPrintable(r.all()));
        QVERIFY2(row.match(r.out).hasMatch(), qPrintable(r.all()));
        r = heroku({QStringLiteral("buildpacks:versions"), QStringLiteral("heroku/cobol")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("Could not find 'heroku/cobol'")), qPrintable(r.all()));
    }

    void buildpacksDeploysAndRollback()
    {
        const QString app = QStringLiteral("cli-deploy");
        QCOMPARE(heroku({QStringLiteral("apps:create"), app}).exitCode, 0);
        auto r = heroku({QStringLiteral("buildpacks:set"), QStringLiteral("heroku/nodejs"), QStringLiteral("-a"), app});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Buildpack set. Next release on cli-deploy will use heroku/nodejs.")), qPrintable(r.all()));
        const QString staticBp = QStringLiteral("file://" DYNODESK_SOURCE_DIR "/resources/buildpacks/static");
        r = heroku({QStringLiteral("buildpacks:add"), staticBp, QStringLiteral("-a"), app});
        QCOMPARE(r.exitCode, 0);
        r = heroku({QStringLiteral("buildpacks"), QStringLiteral("-a"), app});
        QVERIFY2(r.out.contains(QStringLiteral("1. heroku/nodejs")) && r.out.contains(QStringLiteral("2. ") + staticBp), qPrintable(r.all()));
        r = heroku({QStringLiteral("buildpacks:remove"), staticBp, QStringLiteral("-a"), app});
        QCOMPARE(r.exitCode, 0);
        r = heroku({QStringLiteral("buildpacks"), QStringLiteral("-a"), app});
        QVERIFY2(r.out.contains(QStringLiteral("heroku/nodejs")) && !r.out.contains(staticBp), qPrintable(r.all()));

        // Two deploys with stock git.
        const QString repo = m_home + QStringLiteral("/src");
        QDir().mkpath(repo);
        for (const char *file : {"package.json", "server.js"})
            QFile::copy(QStringLiteral(DYNODESK_SOURCE_DIR "/tests/fixtures/apps/node-basic/") + QLatin1String(file),
                        repo + QLatin1Char('/') + QLatin1String(file));
        git(repo, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        git(repo, {QStringLiteral("add"), QStringLiteral("-A")});
        git(repo, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("one")});
        const QString remote = m_server->apiUrl().replace(QStringLiteral("http://"), QStringLiteral("http://x:") + m_server->token() + QLatin1Char('@'))
                + QStringLiteral("/cli-deploy.git");
        QString pushed = git(repo, {QStringLiteral("push"), remote, QStringLiteral("main")});
        QVERIFY2(pushed.contains(QStringLiteral("Released v2")), qPrintable(pushed));
        const QString first = git(repo, {QStringLiteral("rev-parse"), QStringLiteral("--short=7"), QStringLiteral("HEAD")}).trimmed();
        git(repo, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"), QStringLiteral("-m"), QStringLiteral("two")});
        pushed = git(repo, {QStringLiteral("push"), remote, QStringLiteral("main")});
        QVERIFY2(pushed.contains(QStringLiteral("Released v3")), qPrintable(pushed));
        const QString second = git(repo, {QStringLiteral("rev-parse"), QStringLiteral("--short=7"), QStringLiteral("HEAD")}).trimmed();

        r = heroku({QStringLiteral("releases"), QStringLiteral("-a"), app});
        QVERIFY2(QRegularExpression(QStringLiteral("v3\\s+Deploy ") + second).match(r.out).hasMatch(), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("v2\\s+Deploy ") + first).match(r.out).hasMatch(), qPrintable(r.all()));

        // rollback with no version goes to the previous deploy.
        r = heroku({QStringLiteral("rollback"), QStringLiteral("-a"), app});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Rolling back cli-deploy to v2... done, v4")), qPrintable(r.all()));
        r = heroku({QStringLiteral("releases"), QStringLiteral("-a"), app});
        QVERIFY2(QRegularExpression(QStringLiteral("v4\\s+Rollback to v2")).match(r.out).hasMatch(), qPrintable(r.all()));

        // heroku git:clone over the emulator's http remote: git rewrites the CLI's https URL,
        // and a credential helper hands it the token (see the README).
        const QString hostPort = m_server->apiUrl().mid(7);
        git(m_home, {QStringLiteral("config"), QStringLiteral("--global"), QStringLiteral("url.http://") + hostPort + QStringLiteral("/.insteadOf"),
                     QStringLiteral("https://") + hostPort + QStringLiteral("/")});
        git(m_home, {QStringLiteral("config"), QStringLiteral("--global"), QStringLiteral("credential.http://") + hostPort + QStringLiteral(".helper"),
                     QStringLiteral("!f() { test \"$1\" = get && echo username=heroku && echo \"password=$HEROKU_API_KEY\"; }; f")});
        r = heroku({QStringLiteral("git:clone"), QStringLiteral("-a"), app});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QFile::exists(m_home + QStringLiteral("/cli-deploy/server.js")), qPrintable(r.all()));
    }

    // releases:retry and apps:stacks:set on the app deployed above (buildpacksDeploysAndRollback).
    void retryAndStackSet()
    {
        const QString app = QStringLiteral("cli-deploy");
        // retry re-releases the latest slug for apps with a release phase; cli-deploy has none,
        // and the CLI says so from the app's formation.
        auto r = heroku({QStringLiteral("releases:retry"), QStringLiteral("-a"), app});
        QVERIFY2(r.exitCode != 0, qPrintable(r.all()));
        QVERIFY2(r.err.contains(QStringLiteral("App must have a release-phase command")), qPrintable(r.all()));
        // An app whose Procfile has a release phase: retry copies the latest release and runs the
        // release command again, streaming its output from the new release.
        const QString withRelease = QStringLiteral("cli-retry");
        QCOMPARE(heroku({QStringLiteral("apps:create"), withRelease}).exitCode, 0);
        const QString repo = m_home + QStringLiteral("/retry");
        QDir().mkpath(repo);
        for (const char *file : {"Procfile", "package.json", "release.js", "web.js", "worker.js"})
            QFile::copy(QStringLiteral(DYNODESK_SOURCE_DIR "/tests/fixtures/apps/procfile-multi/") + QLatin1String(file),
                        repo + QLatin1Char('/') + QLatin1String(file));
        git(repo, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        git(repo, {QStringLiteral("add"), QStringLiteral("-A")});
        git(repo, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("with release")});
        const QString remote = m_server->apiUrl().replace(QStringLiteral("http://"), QStringLiteral("http://x:") + m_server->token() + QLatin1Char('@'))
                + QLatin1Char('/') + withRelease + QStringLiteral(".git");
        const QString pushed = git(repo, {QStringLiteral("push"), remote, QStringLiteral("main")});
        QVERIFY2(pushed.contains(QStringLiteral("Released v2")), qPrintable(pushed));
        r = heroku({QStringLiteral("releases:retry"), QStringLiteral("-a"), withRelease});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Retrying v2 on")) && r.err.contains(QStringLiteral("done, v3")), qPrintable(r.all()));
        QVERIFY2(r.out.contains(QStringLiteral("Running release command...")) && r.out.contains(QStringLiteral("release phase ran")),
                 qPrintable(r.all()));
        r = heroku({QStringLiteral("releases:info"), QStringLiteral("v3"), QStringLiteral("-a"), withRelease});
        QVERIFY2(r.out.contains(QStringLiteral("Retry of v2: Deploy")), qPrintable(r.all()));
        r = heroku({QStringLiteral("releases:output"), QStringLiteral("v3"), QStringLiteral("-a"), withRelease});
        QVERIFY2(r.out.contains(QStringLiteral("release phase ran")), qPrintable(r.all()));

        r = heroku({QStringLiteral("apps:stacks:set"), QStringLiteral("heroku-22"), QStringLiteral("-a"), app});
        QVERIFY2(r.exitCode != 0, qPrintable(r.all()));
        QVERIFY2(r.err.contains(QStringLiteral("heroku-24 only")), qPrintable(r.all()));
        r = heroku({QStringLiteral("apps:stacks"), QStringLiteral("-a"), app});
        QVERIFY2(r.out.contains(QStringLiteral("* heroku-24")), qPrintable(r.all()));
        r = heroku({QStringLiteral("apps:stacks:set"), QStringLiteral("heroku-24"), QStringLiteral("-a"), app});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Setting stack to heroku-24... done")), qPrintable(r.all()));
        QVERIFY2(!r.all().contains(QStringLiteral("redeploy")), qPrintable(r.all()));
    }

    void dynosWithTheCli()
    {
        const QStringList app{QStringLiteral("-a"), QStringLiteral("cli-deploy")};
        CliResult r;
        QElapsedTimer waited;
        waited.start();
        do
            r = heroku(QStringList{QStringLiteral("ps")} + app);
        while (!r.out.contains(QStringLiteral("web.1: up")) && waited.elapsed() < 30000);
        QVERIFY2(r.out.contains(QStringLiteral("=== web (Standard-1X): npm start (1)")), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("web\\.1: up \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 \\(~ \\d+s ago\\)"))
                         .match(r.out).hasMatch(), qPrintable(r.all()));

        r = heroku(QStringList{QStringLiteral("ps:type"), QStringLiteral("web=standard-2X")} + app);
        QCOMPARE(r.exitCode, 0);
        waited.restart(); // the dyno is replaced by one of the new size
        do
            r = heroku(QStringList{QStringLiteral("ps")} + app);
        while (!r.out.contains(QStringLiteral("=== web (Standard-2X)")) && waited.elapsed() < 30000);
        QVERIFY2(r.out.contains(QStringLiteral("=== web (Standard-2X): npm start (1)")), qPrintable(r.all()));

        // restart and stop: the formation brings the dyno back as a new process.
        r = heroku(QStringList{QStringLiteral("ps:restart"), QStringLiteral("web.1")} + app);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.all().contains(QStringLiteral("Restarting")), qPrintable(r.all()));
        QCOMPARE(heroku(QStringList{QStringLiteral("restart")} + app).exitCode, 0);
        r = heroku(QStringList{QStringLiteral("ps:stop"), QStringLiteral("web.1")} + app);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.all().contains(QStringLiteral("Stopping")), qPrintable(r.all()));
        waited.restart();
        do
            r = heroku(QStringList{QStringLiteral("ps")} + app);
        while (!r.out.contains(QStringLiteral("web.1: up")) && waited.elapsed() < 30000);
        QVERIFY2(r.out.contains(QStringLiteral("web.1: up")), qPrintable(r.all()));
        r = heroku(QStringList{QStringLiteral("logs"), QStringLiteral("-n"), QStringLiteral("300")} + app);
        QVERIFY2(r.out.contains(QStringLiteral("heroku[web.1]: Stopping all processes with SIGTERM")), qPrintable(r.all()));

        // heroku run: attached through the TLS rendezvous, with the command's exit status.
        r = heroku(QStringList{QStringLiteral("run"), QStringLiteral("-x")} + app
                   + QStringList{QStringLiteral("--"), QStringLiteral("node"), QStringLiteral("-e"),
                                 QStringLiteral("console.log(6*7, process.env.DYNO); process.exit(3)")});
        QVERIFY2(r.exitCode == 3, qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("42(\\x1b\\[\\d+m)? run\\.\\d{4}")).match(r.out).hasMatch(), qPrintable(r.all()));
        r = heroku(QStringList{QStringLiteral("run"), QStringLiteral("-x")} + app + QStringList{QStringLiteral("echo"), QStringLiteral("fine")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("fine")), qPrintable(r.all()));

        // run:detached: the output goes to the logs; the dyno is discarded at exit.
        r = heroku(QStringList{QStringLiteral("run:detached")} + app + QStringList{QStringLiteral("echo"), QStringLiteral("detached-output")});
        QCOMPARE(r.exitCode, 0);
        const QString dyno = QRegularExpression(QStringLiteral("--dyno (run\\.\\d{4})")).match(r.all()).captured(1);
        QVERIFY2(!dyno.isEmpty(), qPrintable(r.all()));
        waited.restart();
        do
            r = heroku(QStringList{QStringLiteral("logs"), QStringLiteral("--dyno"), dyno} + app);
        while (!r.out.contains(QStringLiteral("State changed from up to complete")) && waited.elapsed() < 30000);
        QVERIFY2(r.out.contains(QStringLiteral("app[%1]: detached-output").arg(dyno)), qPrintable(r.all()));
        r = heroku(QStringList{QStringLiteral("ps")} + app);
        QVERIFY2(!r.out.contains(dyno), qPrintable(r.all()));
    }

    // Custom domains and maintenance mode, seen through the CLI and through the router.
    void domainsAndMaintenance()
    {
        const QStringList app{QStringLiteral("-a"), QStringLiteral("cli-deploy")};
        QCOMPARE(routerGet("www.example.test").first, 404); // not known yet

        // The web URL apps:info prints reaches the app.
        auto r = heroku(QStringList{QStringLiteral("apps:info")} + app);
        const auto webUrl = QRegularExpression(QStringLiteral("Web URL:\\s+(http://(cli-deploy\\.localhost:(\\d+))/)\n")).match(r.out);
        QVERIFY2(webUrl.hasMatch(), qPrintable(r.all()));
        QCOMPARE(webUrl.captured(3).toInt(), int(m_server->routerPort()));
        const auto viaWebUrl = routerGet(webUrl.captured(2).toUtf8());
        QCOMPARE(viaWebUrl.first, 200);
        QVERIFY(viaWebUrl.second.contains("Hello from node-basic\n"));

        r = heroku(QStringList{QStringLiteral("domains:add"), QStringLiteral("www.example.test")} + app);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Adding www.example.test to cli-deploy... done")), qPrintable(r.all()));
        const QString target = QRegularExpression(QStringLiteral("point to the DNS Target ([a-z]+-[a-z]+-\\d{4}\\.herokudns\\.com)\\."))
                                       .match(r.out).captured(1);
        QVERIFY2(!target.isEmpty(), qPrintable(r.all()));

        r = heroku(QStringList{QStringLiteral("domains")} + app);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("=== cli-deploy Heroku Domain\n+cli-deploy\\.localhost\n")).match(r.out).hasMatch(),
                 qPrintable(r.all()));
        QVERIFY2(r.out.contains(QStringLiteral("=== cli-deploy Custom Domains")), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("www\\.example\\.test +CNAME +") + QRegularExpression::escape(target))
                         .match(r.out).hasMatch(), qPrintable(r.all()));

        r = heroku(QStringList{QStringLiteral("domains:info"), QStringLiteral("www.example.test")} + app);
        QCOMPARE(r.exitCode, 0);
        for (const QString &field : {QStringLiteral("app: +cli-deploy"), QStringLiteral("hostname: +www\\.example\\.test"),
                                     QStringLiteral("kind: +custom"), QStringLiteral("cname: +") + QRegularExpression::escape(target)})
            QVERIFY2(QRegularExpression(QStringLiteral("^") + field + QStringLiteral("$"), QRegularExpression::MultilineOption)
                             .match(r.out).hasMatch(), qPrintable(field + QStringLiteral("\n") + r.all()));

        // The domain reaches the app through the router.
        QTRY_COMPARE_WITH_TIMEOUT(routerGet("www.example.test").first, 200, 10000);
        QVERIFY(routerGet("www.example.test").second.contains("Hello from node-basic\n"));

        // A bad name and a taken one are refused with the reason, and change nothing.
        r = heroku(QStringList{QStringLiteral("domains:add"), QStringLiteral("not_a.host")} + app);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("not_a.host is not a valid domain name")), qPrintable(r.all()));
        r = heroku({QStringLiteral("domains:add"), QStringLiteral("www.example.test"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("www.example.test is currently in use by another app.")), qPrintable(r.all()));

        // Maintenance mode: the router answers for the app; the dyno keeps running.
        r = heroku(QStringList{QStringLiteral("maintenance:on")} + app);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Enabling maintenance mode for cli-deploy... done")), qPrintable(r.all()));
        QCOMPARE(heroku(QStringList{QStringLiteral("maintenance")} + app).out.trimmed(), QStringLiteral("on"));
        QTRY_COMPARE_WITH_TIMEOUT(routerGet("www.example.test").first, 503, 10000);
        QVERIFY(routerGet("www.example.test").second.contains("Offline for Maintenance"));
        r = heroku(QStringList{QStringLiteral("maintenance:off")} + app);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Disabling maintenance mode for cli-deploy... done")), qPrintable(r.all()));
        QCOMPARE(heroku(QStringList{QStringLiteral("maintenance")} + app).out.trimmed(), QStringLiteral("off"));
        QTRY_COMPARE_WITH_TIMEOUT(routerGet("www.example.test").first, 200, 10000);
        r = heroku(QStringList{QStringLiteral("logs"), QStringLiteral("-n"), QStringLiteral("300")} + app);
        QVERIFY2(r.out.contains(QStringLiteral("heroku[router]: at=error code=H80 desc=\"Maintenance mode\" method=GET path=\"/\" "
                                               "host=www.example.test")), qPrintable(r.all()));

        // The CLI's router filter: only the router's lines.
        r = heroku(QStringList{QStringLiteral("logs"), QStringLiteral("--dyno"), QStringLiteral("router"), QStringLiteral("-n"),
                               QStringLiteral("300")} + app);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("heroku[router]: at=error code=H80")), qPrintable(r.all()));
        QVERIFY2(r.out.contains(QStringLiteral("heroku[router]: at=info method=GET path=\"/\" host=cli-deploy.localhost:")),
                 qPrintable(r.all()));
        for (const QString &line : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            QVERIFY2(line.contains(QStringLiteral(" heroku[router]: ")), qPrintable(line));

        // Removed: the name no longer routes, and the list has only the default domain.
        r = heroku(QStringList{QStringLiteral("domains:remove"), QStringLiteral("www.example.test")} + app);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Removing www.example.test from cli-deploy... done")), qPrintable(r.all()));
        QTRY_COMPARE_WITH_TIMEOUT(routerGet("www.example.test").first, 404, 10000);
        r = heroku(QStringList{QStringLiteral("domains")} + app);
        QVERIFY2(r.out.contains(QStringLiteral("cli-deploy.localhost")) && !r.out.contains(QStringLiteral("www.example.test")),
                 qPrintable(r.all()));
    }

    void logs()
    {
        auto r = heroku({QStringLiteral("logs"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 0);
        const QRegularExpression line(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00 app\\[api\\]: "),
                                      QRegularExpression::MultilineOption);
        QVERIFY2(line.match(r.out).hasMatch(), qPrintable(r.all()));
        QVERIFY2(r.out.contains(QStringLiteral("app[api]: Set A, B config vars by developer@dynodesk.local")), qPrintable(r.all()));
        QVERIFY2(r.out.contains(QStringLiteral("app[api]: Release v2 created by developer@dynodesk.local")), qPrintable(r.all()));
        QVERIFY2(r.out.contains(QStringLiteral("app[api]: Scaled to web@2:Standard-1X, worker@1:Standard-1X by developer@dynodesk.local")),
                 qPrintable(r.all()));
        r = heroku({QStringLiteral("logs"), QStringLiteral("-n"), QStringLiteral("1"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.out.trimmed().split(QLatin1Char('\n')).size(), 1);
        r = heroku({QStringLiteral("logs"), QStringLiteral("--source"), QStringLiteral("heroku"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.trimmed().isEmpty(), qPrintable(r.all()));

        // --tail keeps reading: a change made meanwhile shows up.
        QProcess tail;
        tail.setProcessEnvironment(environment(true));
        tail.start(m_cli, {QStringLiteral("logs"), QStringLiteral("--tail"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QByteArray seen;
        QElapsedTimer waited;
        waited.start();
        while (!seen.contains("Scaled to") && waited.elapsed() < 60000) {
            tail.waitForReadyRead(200);
            seen += tail.readAllStandardOutput();
        }
        QCOMPARE(heroku({QStringLiteral("config:set"), QStringLiteral("TAILED=1"), QStringLiteral("-a"), QStringLiteral("e2e-app")}).exitCode, 0);
        while (!seen.contains("Set TAILED config vars") && waited.elapsed() < 90000) {
            tail.waitForReadyRead(200);
            seen += tail.readAllStandardOutput();
        }
        QVERIFY2(tail.state() == QProcess::Running, "logs --tail ended by itself");
        tail.kill();
        tail.waitForFinished(5000);
        QVERIFY2(seen.contains("app[api]: Set TAILED config vars by developer@dynodesk.local"), seen.constData());
    }

    void drains()
    {
        const QStringList app{QStringLiteral("-a"), QStringLiteral("e2e-app")};
        DrainListener listener(false);
        QVERIFY(listener.listen());
        const QString url = QStringLiteral("syslog+tcp://127.0.0.1:%1").arg(listener.port());
        auto r = heroku(QStringList{QStringLiteral("drains:add"), url} + app);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Successfully added drain ") + url), qPrintable(r.all()));
        r = heroku(QStringList{QStringLiteral("drains")} + app);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("=== Drains")), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QRegularExpression::escape(url) + QStringLiteral(" \\(d\\.[0-9a-f-]{36}\\)")).match(r.out).hasMatch(),
                 qPrintable(r.all()));

        // Every line of the app reaches the drain, as RFC 5424 syslog.
        QCOMPARE(heroku(QStringList{QStringLiteral("config:set"), QStringLiteral("DRAINED=1")} + app).exitCode, 0);
        QTRY_VERIFY2_WITH_TIMEOUT(listener.frames.join(QLatin1Char('\n')).contains(
                                          QStringLiteral(" app api - Set DRAINED config vars by developer@dynodesk.local")),
                                  qPrintable(listener.frames.join(QLatin1Char('\n'))), 15000);

        // At most 5 per app.
        for (int i = 2; i <= 5; ++i)
            QCOMPARE(heroku(QStringList{QStringLiteral("drains:add"), QStringLiteral("https://127.0.0.1:9/drain%1").arg(i)} + app).exitCode, 0);
        r = heroku(QStringList{QStringLiteral("drains:add"), QStringLiteral("https://127.0.0.1:9/drain6")} + app);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("at most 5 log drains")), qPrintable(r.all()));

        r = heroku(QStringList{QStringLiteral("drains:remove"), url} + app);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Successfully removed drain ") + url), qPrintable(r.all()));
        r = heroku(QStringList{QStringLiteral("drains")} + app);
        QVERIFY2(!r.out.contains(url) && r.out.contains(QStringLiteral("https://127.0.0.1:9/drain5")), qPrintable(r.all()));
    }

    void renameAndDestroy()
    {
        auto r = heroku({QStringLiteral("apps:rename"), QStringLiteral("e2e-renamed"), QStringLiteral("-a"), QStringLiteral("e2e-app")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Renaming e2e-app to e2e-renamed... done")), qPrintable(r.all()));
        QVERIFY2(r.out.contains(QStringLiteral("http://e2e-renamed.localhost:")), qPrintable(r.all()));

        r = heroku({QStringLiteral("apps:destroy"), QStringLiteral("-a"), QStringLiteral("e2e-renamed"), QStringLiteral("--confirm"),
                    QStringLiteral("e2e-renamed")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("Destroying e2e-renamed (including all add-ons)... done")), qPrintable(r.all()));
        r = heroku({QStringLiteral("apps:info"), QStringLiteral("-a"), QStringLiteral("e2e-renamed")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("Couldn't find that app.")), qPrintable(r.all()));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
