// The git smart-HTTP service with real parts: the emulator's HTTP server on a free port, stock
// git as the client and the real `git http-backend` behind it. Only the core is faked: the
// authorizer answers like the platform (who may push where), and the pre-receive hook is a small
// script standing in for the emulator's hook binary, so a push's hook output and verdict reach
// the pusher through git's side band exactly as a build's would.

#include "common/httpclient.h"

#include "http/httpserver.h"
#include "git/gitservice.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <future>
#include <mutex>

using namespace dynodesk;
using dynodesk::testing::HttpClient;

class TestGitService final : public QObject {
    Q_OBJECT

    struct Call {
        std::string token, app;
        bool push = false;
    };

    QTemporaryDir m_tmp;
    std::unique_ptr<git::GitService> m_git;
    std::unique_ptr<http::HttpServer> m_server;
    QString m_base, m_hook;
    std::mutex m_mutex;
    std::vector<Call> m_calls;
    std::vector<std::pair<std::string, int64_t>> m_pushes;

    // The platform's rules, faked: token `good` may use app `demo` (id `app-1`) and its old
    // name `old-demo`; `viewer` may fetch but not push; any other app does not exist.
    git::GitGrant authorize(const std::string &token, const std::string &app, bool push)
    {
        {
            std::lock_guard lock(m_mutex);
            m_calls.push_back({token, app, push});
        }
        if (app != "demo" && app != "old-demo")
            return {404, "Couldn't find that app.", {}, {}, {}};
        if (token == "viewer" && push)
            return {403, "You do not have access to the app demo.", {}, {}, {}};
        if (token != "good" && token != "viewer")
            return {401, "Invalid credentials provided.", {}, {}, {}};
        return {200, {}, "app-1", "user-1", "dev@example.com"};
    }

    QProcessEnvironment gitEnv() const
    {
        return testing::gitEnvironment(QProcessEnvironment::systemEnvironment(), m_tmp.filePath(QStringLiteral("home")));
    }

    struct GitRun {
        int code = -1;
        QString out;
    };
    GitRun git(const QStringList &args, const QString &dir = {}) const
    {
        QProcess p;
        p.setProcessEnvironment(gitEnv());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.setWorkingDirectory(dir.isEmpty() ? m_tmp.path() : dir);
        p.start(QStringLiteral("git"), args);
        if (!p.waitForFinished(60000))
            p.kill();
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
    }

    QString url(const QString &token, const QString &app) const
    {
        return QStringLiteral("http://x:%1@127.0.0.1:%2/%3.git").arg(token, m_base.section(':', -1), app);
    }

    void setHook(const QByteArray &script)
    {
        QFile f(m_hook);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(script);
        f.close();
        f.setPermissions(f.permissions() | QFile::ExeOwner);
    }

    // A work tree with one new commit; returns its hash.
    QString commitIn(const QString &dir, const QString &file)
    {
        QDir().mkpath(dir);
        if (!QFile::exists(dir + "/.git"))
            git({"init", "-q", "--initial-branch=main", dir});
        QFile f(dir + "/" + file);
        f.open(QIODevice::WriteOnly);
        f.write("content of " + file.toUtf8());
        f.close();
        git({"add", "."}, dir);
        git({"commit", "-q", "-m", "add " + file}, dir);
        return git({"rev-parse", "HEAD"}, dir).out.trimmed();
    }

private slots:
    void isGitPath_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("git");
        QTest::newRow("repository") << "/demo.git" << true;
        QTest::newRow("info/refs") << "/demo.git/info/refs" << true;
        QTest::newRow("receive-pack") << "/my-app-42.git/git-receive-pack" << true;
        QTest::newRow("shortest name") << "/a.git" << true;
        QTest::newRow("api path") << "/apps/demo" << false;
        QTest::newRow("root") << "/" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("no leading slash") << "demo.git" << false;
        QTest::newRow("no name") << "/.git" << false;
        QTest::newRow("name goes on") << "/demo.gitx" << false;
        QTest::newRow("nested") << "/apps/demo.git" << false;
        QTest::newRow("traversal") << "/../demo.git" << false;
        QTest::newRow("no .git") << "/demo/info/refs" << false;
    }

    void isGitPath()
    {
        QFETCH(QString, path);
        QFETCH(bool, git);
        QCOMPARE(git::GitService::isGitPath(path.toStdString()), git);
    }

    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
            QFAIL("git is required");
        m_hook = m_tmp.filePath(QStringLiteral("hook.sh"));
        setHook("#!/bin/sh\nexit 0\n");
        m_git = std::make_unique<git::GitService>(
                m_tmp.filePath(QStringLiteral("repos")).toStdString(), m_hook.toStdString(),
                [this](const std::string &token, const std::string &app, bool push) {
                    std::promise<git::GitGrant> p;
                    p.set_value(authorize(token, app, push));
                    return p.get_future();
                },
                [this](const std::string &appId, int64_t bytes) {
                    std::lock_guard lock(m_mutex);
                    m_pushes.emplace_back(appId, bytes);
                });
        m_git->setHookEndpoint("http://127.0.0.1:1/hook", "s3cret");
        m_server = std::make_unique<http::HttpServer>(
                [](http::HttpRequest, http::HttpServer::Reply reply) { reply({404, {}, "not git\n"}); }, 64 << 20, 2);
        m_server->addStreamRoute(&git::GitService::isGitPath,
                                 [this](std::shared_ptr<http::HttpExchange> e) { m_git->handle(std::move(e)); });
        const uint16_t port = m_server->listen("127.0.0.1", 0);
        m_base = QStringLiteral("http://127.0.0.1:%1").arg(port);
    }

    void cleanupTestCase()
    {
        m_server->stop();
        m_git.reset();
    }

    void withoutTokenAsksForOne()
    {
        const auto r = HttpClient(m_base).get(QStringLiteral("/demo.git/info/refs?service=git-upload-pack"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Basic realm=\"Heroku\""));
        QCOMPARE(r.body, QByteArray("Authentication required: use your API token as the password.\n"));
    }

    void refusalsCarryThePlatformsWords()
    {
        const auto missing = HttpClient(m_base, QStringLiteral("good")).get(QStringLiteral("/nope.git/info/refs?service=git-upload-pack"));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.body, QByteArray("Couldn't find that app.\n"));
        const auto viewer = HttpClient(m_base, QStringLiteral("viewer")).get(QStringLiteral("/demo.git/info/refs?service=git-receive-pack"));
        QCOMPARE(viewer.status, 403);
        QCOMPARE(viewer.body, QByteArray("You do not have access to the app demo.\n"));
        std::lock_guard lock(m_mutex);
        QCOMPARE(m_calls.back().push, true); // asking for receive-pack is asking to push
        QCOMPARE(m_calls.back().token, std::string("viewer"));
    }

    void pushRunsTheHookAndReportsTheSize()
    {
        setHook("#!/bin/sh\nread old new ref\necho \"-----> Building $ref for $DYNODESK_APP_ID by $DYNODESK_USER_ID\"\n"
                "echo \"hook url $DYNODESK_HOOK_URL\"\nexit 0\n");
        const QString work = m_tmp.filePath(QStringLiteral("work"));
        const QString head = commitIn(work, QStringLiteral("index.js"));
        const GitRun push = git({"push", url("good", "demo"), "main"}, work);
        QVERIFY2(push.code == 0, qPrintable(push.out));
        QVERIFY2(push.out.contains("remote: -----> Building refs/heads/main for app-1 by user-1"), qPrintable(push.out));
        QVERIFY2(push.out.contains("remote: hook url http://127.0.0.1:1/hook"), qPrintable(push.out));
        // One bare repository per app id, holding the commit.
        const QString bare = m_tmp.filePath(QStringLiteral("repos/app-1.git"));
        QCOMPARE(git({"--git-dir=" + bare, "rev-parse", "main"}).out.trimmed(), head);
        std::lock_guard lock(m_mutex);
        QVERIFY(!m_pushes.empty()); // recorded for the ref advertisement and for the push itself
        QCOMPARE(m_pushes.back().first, std::string("app-1"));
        QVERIFY(m_pushes.back().second > 0);
        QVERIFY(std::any_of(m_calls.begin(), m_calls.end(), [](const Call &c) { return c.push && c.app == "demo" && c.token == "good"; }));
    }

    void rejectedPushChangesNothing()
    {
        setHook("#!/bin/sh\necho ' !     Push rejected, failed to compile Node.js app.'\necho ' !     Push failed'\nexit 1\n");
        const QString work = m_tmp.filePath(QStringLiteral("work"));
        const QString before = git({"--git-dir=" + m_tmp.filePath(QStringLiteral("repos/app-1.git")), "rev-parse", "main"}).out.trimmed();
        commitIn(work, QStringLiteral("broken.js"));
        const GitRun push = git({"push", url("good", "demo"), "main"}, work);
        QVERIFY(push.code != 0);
        QVERIFY2(push.out.contains("remote:  !     Push rejected, failed to compile Node.js app."), qPrintable(push.out));
        QVERIFY2(push.out.contains("pre-receive hook declined"), qPrintable(push.out));
        QCOMPARE(git({"--git-dir=" + m_tmp.filePath(QStringLiteral("repos/app-1.git")), "rev-parse", "main"}).out.trimmed(), before);
    }

    // The repository goes by the app's id, so the old and the new name reach the same one.
    void cloneByAnotherNameOfTheSameApp()
    {
        const QString expected = git({"--git-dir=" + m_tmp.filePath(QStringLiteral("repos/app-1.git")), "rev-parse", "main"}).out.trimmed();
        const size_t pushesBefore = [this] {
            std::lock_guard lock(m_mutex);
            return m_pushes.size();
        }();
        const QString clone = m_tmp.filePath(QStringLiteral("clone"));
        const GitRun r = git({"clone", "-q", url("viewer", "old-demo"), clone});
        QVERIFY2(r.code == 0, qPrintable(r.out));
        QCOMPARE(git({"rev-parse", "HEAD"}, clone).out.trimmed(), expected);
        QVERIFY(QFile::exists(clone + "/index.js"));
        std::lock_guard lock(m_mutex);
        QCOMPARE(m_calls.back().push, false);
        QCOMPARE(m_pushes.size(), pushesBefore); // a fetch records no push
    }

    void wrongTokenFailsTheClone()
    {
        const GitRun r = git({"clone", "-q", url("bad", "demo"), m_tmp.filePath(QStringLiteral("clone-bad"))});
        QVERIFY(r.code != 0);
        QVERIFY2(r.out.contains("Authentication failed") || r.out.contains("401"), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestGitService)
#include "tst_gitservice.moc"
