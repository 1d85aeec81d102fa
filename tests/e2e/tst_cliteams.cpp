// End to end: the official `heroku` CLI's teams commands against a fresh dynodesk-server: a
// teacher (the server's first account) owns the team `lab-class`; students are its members.
// Each command is run as a user would, asserting on what the CLI prints.
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

class TestCliTeams : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HerokuCli> m_heroku;
    QString m_student1, m_student2, m_outsider, m_stranger; // API keys

    static QStringList words(const QString &line) { return line.split(QLatin1Char(' '), Qt::SkipEmptyParts); }
    // `heroku <line>` as the teacher, or as the account whose key is given.
    CliResult heroku(const QString &line) const { return m_heroku->run(words(line)); }
    CliResult herokuAs(const QString &key, const QString &line) const { return m_heroku->runAs(key, words(line)); }

    QString addAccount(const QString &email) const
    {
        QProcess add;
        add.start(QStringLiteral(DYNODESK_SERVER_BIN), {QStringLiteral("accounts:add"), email, QStringLiteral("--password"),
                                                         QStringLiteral("pw-12345"), QStringLiteral("--data-dir"),
                                                         m_dir.path() + QStringLiteral("/data")});
        add.waitForFinished(10000);
        return QRegularExpression(QStringLiteral("Token: (\\S+)")).match(QString::fromUtf8(add.readAll())).captured(1);
    }

    static bool hasLine(const QString &text, const QString &pattern)
    {
        return QRegularExpression(pattern, QRegularExpression::MultilineOption).match(text).hasMatch();
    }

private slots:
    void initTestCase()
    {
        m_heroku = std::make_unique<HerokuCli>(m_dir.path() + QStringLiteral("/home"), m_dir.path() + QStringLiteral("/data"));
        QVERIFY2(m_heroku->prepare(), "the official heroku CLI is not installed; run tools/test");
        m_server = std::make_unique<ServerProcess>(m_dir.path() + QStringLiteral("/data"));
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_heroku->setServer(m_server.get());
        m_student1 = addAccount(QStringLiteral("student1@lab.test"));
        m_student2 = addAccount(QStringLiteral("student2@lab.test"));
        m_outsider = addAccount(QStringLiteral("outsider@lab.test"));
        m_stranger = addAccount(QStringLiteral("stranger@lab.test"));
        QVERIFY(!m_student1.isEmpty() && !m_student2.isEmpty() && !m_outsider.isEmpty() && !m_stranger.isEmpty());
        // The CLI has no command that makes a team; the API does.
        HttpClient api(m_server->apiUrl(), m_server->token());
        QCOMPARE(api.post(QStringLiteral("/teams"), {{"name", "lab-class"}}).status, 201);
    }

    void cleanupTestCase()
    {
        if (m_server)
            QVERIFY(m_server->terminate());
    }

    void teamsAndMembers()
    {
        auto r = heroku(QStringLiteral("teams"));
        QVERIFY2(r.exitCode == 0 && hasLine(r.out, QStringLiteral("^\\s*lab-class\\s+owner\\s*$")), qPrintable(r.all()));
        QVERIFY2(herokuAs(m_stranger, QStringLiteral("teams")).out.indexOf(QStringLiteral("lab-class")) < 0, "a stranger's teams");

        VERIFY_OK(heroku(QStringLiteral("members:add student1@lab.test -t lab-class --role member")),
                  "Adding student1@lab.test to lab-class as member... done");
        VERIFY_OK(heroku(QStringLiteral("members:add student2@lab.test -t lab-class --role viewer")),
                  "Adding student2@lab.test to lab-class as viewer... done");
        VERIFY_OK(heroku(QStringLiteral("members:set student2@lab.test -t lab-class --role admin")),
                  "Adding student2@lab.test to lab-class as admin... done");
        r = heroku(QStringLiteral("members -t lab-class"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(hasLine(r.out, QStringLiteral("^\\s*developer@dynodesk\\.local\\s+owner\\b")), qPrintable(r.all()));
        QVERIFY2(hasLine(r.out, QStringLiteral("^\\s*student1@lab\\.test\\s+member\\b")), qPrintable(r.all()));
        QVERIFY2(hasLine(r.out, QStringLiteral("^\\s*student2@lab\\.test\\s+admin\\b")), qPrintable(r.all()));
        r = heroku(QStringLiteral("members -t lab-class --role member"));
        QVERIFY2(r.out.contains(QStringLiteral("student1@lab.test")) && !r.out.contains(QStringLiteral("student2@lab.test")),
                 qPrintable(r.all()));

        VERIFY_REFUSED(herokuAs(m_student1, QStringLiteral("members:add outsider@lab.test -t lab-class --role member")),
                       "You must be an admin of lab-class to do this.");
        VERIFY_REFUSED(herokuAs(m_stranger, QStringLiteral("members -t lab-class")), "Couldn't find that team.");

        VERIFY_OK(heroku(QStringLiteral("members:remove student2@lab.test -t lab-class")),
                  "Removing student2@lab.test from lab-class... done");
        r = heroku(QStringLiteral("members -t lab-class"));
        QVERIFY2(!r.out.contains(QStringLiteral("student2@lab.test")), qPrintable(r.all()));
        VERIFY_OK(heroku(QStringLiteral("members:add student2@lab.test -t lab-class --role viewer")), "as viewer... done");
    }

    void teamApps()
    {
        VERIFY_OK(herokuAs(m_student1, QStringLiteral("apps:create lab-app --team lab-class")), "Creating lab-app... done");
        auto r = heroku(QStringLiteral("apps --team lab-class"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("=== Apps in team lab-class")), qPrintable(r.all()));
        QVERIFY2(hasLine(r.out, QStringLiteral("^lab-app$")), qPrintable(r.all()));
        VERIFY_REFUSED(herokuAs(m_student2, QStringLiteral("apps:create viewer-app --team lab-class")),
                       "You must be an admin or member of lab-class to create apps in it.");
        VERIFY_REFUSED(herokuAs(m_stranger, QStringLiteral("apps --team lab-class")), "Couldn't find that team.");
        // The creator collaborates on it; the team owns it.
        r = herokuAs(m_student1, QStringLiteral("apps"));
        QVERIFY2(hasLine(r.out, QStringLiteral("^\\s*lab-app\\s+lab-class@herokumanager\\.com\\s*$")), qPrintable(r.all()));
        r = heroku(QStringLiteral("apps:info -a lab-app"));
        QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("lab-class@herokumanager.com")), qPrintable(r.all()));
    }

    // Stock git asks the same rule: a viewer may neither clone nor push, the app's creator deploys.
    void gitFollowsThePermissions()
    {
        const QString repo = m_dir.path() + QStringLiteral("/src");
        QDir().mkpath(repo);
        for (const char *file : {"package.json", "server.js"})
            QFile::copy(QStringLiteral(DYNODESK_SOURCE_DIR "/tests/fixtures/apps/node-basic/") + QLatin1String(file),
                        repo + QLatin1Char('/') + QLatin1String(file));
        auto git = [&](const QStringList &args) { return m_heroku->git(repo, args); };
        git({QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        git({QStringLiteral("add"), QStringLiteral("-A")});
        git({QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("one")});
        auto remote = [&](const QString &key) {
            return QString(m_server->apiUrl()).replace(QStringLiteral("http://"), QStringLiteral("http://x:") + key + QLatin1Char('@'))
                    + QStringLiteral("/lab-app.git");
        };
        QString out = git({QStringLiteral("push"), remote(m_student2), QStringLiteral("main")});
        QVERIFY2(out.contains(QStringLiteral("403")) && !out.contains(QStringLiteral("Released")), qPrintable(out));
        out = git({QStringLiteral("clone"), remote(m_student2), m_dir.path() + QStringLiteral("/viewer-clone")});
        QVERIFY2(out.contains(QStringLiteral("403")), qPrintable(out));
        out = git({QStringLiteral("push"), remote(m_student1), QStringLiteral("main")});
        QVERIFY2(out.contains(QStringLiteral("Released v2")), qPrintable(out));
    }

    void accessWithPermissions()
    {
        VERIFY_OK(heroku(QStringLiteral("access:add outsider@lab.test -a lab-app --permissions deploy,operate")),
                  "Adding outsider@lab.test access to the app lab-app with deploy, operate, view permissions... done");
        auto r = heroku(QStringLiteral("access -a lab-app"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(hasLine(r.out, QStringLiteral("^\\s*outsider@lab\\.test\\s+collaborator\\s+deploy, operate, view\\s*$")),
                 qPrintable(r.all()));
        QVERIFY2(hasLine(r.out, QStringLiteral("^\\s*student1@lab\\.test\\s+member\\s+deploy, manage, operate, view\\s*$")),
                 qPrintable(r.all()));
        QVERIFY2(!r.out.contains(QStringLiteral("herokumanager")), qPrintable(r.all()));

        VERIFY_OK(heroku(QStringLiteral("access:update outsider@lab.test -a lab-app --permissions deploy")),
                  "Updating outsider@lab.test in application lab-app with deploy,view permissions... done");
        r = heroku(QStringLiteral("access -a lab-app"));
        QVERIFY2(hasLine(r.out, QStringLiteral("^\\s*outsider@lab\\.test\\s+collaborator\\s+deploy, view\\s*$")),
                 qPrintable(r.all()));
        // What each permission allows, through the CLI.
        VERIFY_OK(herokuAs(m_outsider, QStringLiteral("config:set LAB=1 -a lab-app")), "Setting LAB and restarting lab-app... done");
        VERIFY_REFUSED(herokuAs(m_outsider, QStringLiteral("maintenance:on -a lab-app")),
                       "You must have the manage or operate permission on lab-app to do this.");
        VERIFY_REFUSED(herokuAs(m_student2, QStringLiteral("config -a lab-app")),
                       "You must have the deploy or manage permission on lab-app to do this.");
        r = herokuAs(m_student2, QStringLiteral("releases -a lab-app"));
        QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("Set LAB config vars")), qPrintable(r.all()));
        VERIFY_REFUSED(herokuAs(m_stranger, QStringLiteral("releases -a lab-app")), "You do not have access to the app lab-app.");

        VERIFY_OK(heroku(QStringLiteral("access:remove outsider@lab.test -a lab-app")),
                  "Removing outsider@lab.test access from the app lab-app... done");
        VERIFY_REFUSED(herokuAs(m_outsider, QStringLiteral("config -a lab-app")), "You do not have access to the app lab-app.");
    }

    void lockJoinAndLeave()
    {
        VERIFY_OK(heroku(QStringLiteral("apps:lock -a lab-app")), "Locking lab-app... done");
        VERIFY_REFUSED(heroku(QStringLiteral("apps:lock -a lab-app")), "This app is already locked.");
        auto r = heroku(QStringLiteral("apps --team lab-class"));
        QVERIFY2(hasLine(r.out, QStringLiteral("^lab-app \\[locked\\]$")), qPrintable(r.all()));
        // Locked: a viewer no longer sees it, its creator (granted every permission) still does.
        VERIFY_REFUSED(herokuAs(m_student2, QStringLiteral("apps:info -a lab-app")), "You do not have access to the app lab-app.");
        QCOMPARE(herokuAs(m_student1, QStringLiteral("apps:info -a lab-app")).exitCode, 0);
        VERIFY_REFUSED(herokuAs(m_student2, QStringLiteral("apps:unlock -a lab-app")),
                       "You do not have access to the app lab-app.");
        VERIFY_OK(heroku(QStringLiteral("apps:unlock -a lab-app")), "Unlocking lab-app... done");
        VERIFY_REFUSED(heroku(QStringLiteral("apps:unlock -a lab-app")), "This app is not locked.");

        VERIFY_OK(heroku(QStringLiteral("members:set student2@lab.test -t lab-class --role member")), "as member... done");
        VERIFY_OK(herokuAs(m_student2, QStringLiteral("apps:join -a lab-app")), "Joining lab-app... done");
        r = heroku(QStringLiteral("access -a lab-app"));
        QVERIFY2(hasLine(r.out, QStringLiteral("^\\s*student2@lab\\.test\\s+member\\s+deploy, operate, view\\s*$")),
                 qPrintable(r.all()));
        VERIFY_OK(herokuAs(m_student2, QStringLiteral("apps:leave -a lab-app")), "Leaving lab-app... done");
        r = heroku(QStringLiteral("access -a lab-app"));
        QVERIFY2(!r.out.contains(QStringLiteral("student2@lab.test")), qPrintable(r.all()));
        VERIFY_REFUSED(herokuAs(m_stranger, QStringLiteral("apps:join -a lab-app")), "You do not have access to the app lab-app.");
    }

    void transferToAndFromTheTeam()
    {
        VERIFY_OK(heroku(QStringLiteral("apps:create own-app")), "Creating own-app... done");
        VERIFY_OK(heroku(QStringLiteral("apps:transfer lab-class -a own-app")), "Transferring own-app to lab-class... done");
        auto r = heroku(QStringLiteral("apps --team lab-class"));
        QVERIFY2(hasLine(r.out, QStringLiteral("^own-app$")), qPrintable(r.all()));
        r = heroku(QStringLiteral("apps:info -a own-app --json"));
        QVERIFY2(r.out.contains(QStringLiteral("\"name\": \"lab-class\"")), qPrintable(r.all()));

        VERIFY_REFUSED(herokuAs(m_student2, QStringLiteral("apps:transfer student2@lab.test -a own-app --confirm own-app")),
                       "You must have the manage permission on own-app to do this.");
        VERIFY_OK(heroku(QStringLiteral("apps:transfer student1@lab.test -a own-app --confirm own-app")),
                  "Transferring own-app to student1@lab.test... done");
        r = herokuAs(m_student1, QStringLiteral("apps"));
        QVERIFY2(r.out.contains(QStringLiteral("=== student1@lab.test Apps")) && hasLine(r.out, QStringLiteral("^own-app$")),
                 qPrintable(r.all()));
        r = heroku(QStringLiteral("apps --team lab-class"));
        QVERIFY2(!r.out.contains(QStringLiteral("own-app")), qPrintable(r.all()));
    }

    void spacesAndAutocomplete()
    {
        VERIFY_REFUSED(heroku(QStringLiteral("spaces")), "You do not have access to any spaces.");
        auto r = heroku(QStringLiteral("autocomplete bash"));
        QVERIFY2(r.exitCode == 0 && r.err.contains(QStringLiteral("Building the autocomplete cache... done")),
                 qPrintable(r.all()));
    }
};

QTEST_GUILESS_MAIN(TestCliTeams)
#include "tst_cliteams.moc"
