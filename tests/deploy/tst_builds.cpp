// The builds API and buildpacks: sources, builds with their output streamed live, buildpacks set
// per app (a directory, a git URL, several in order), the build cache, and failing buildpacks.
#include "deploytestbase.h"

#include "common/golden.h"
#include "common/serverprocess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace dynodesk::testing;
using nlohmann::json;

class TestBuilds : public QObject {
    Q_OBJECT

    static QByteArray tarball(DeployFixture &f, const QString &fixture)
    {
        const QString out = f.tmp(fixture + QStringLiteral(".tgz"));
        QProcess tar;
        // One top-level folder, as source tarballs usually have.
        tar.start(QStringLiteral("tar"), {QStringLiteral("-czf"), out, QStringLiteral("-C"), QStringLiteral(DYNODESK_FIXTURES_DIR),
                                          fixture});
        tar.waitForFinished(30000);
        QFile file(out);
        file.open(QIODevice::ReadOnly);
        return file.readAll();
    }

    static void setBuildpacks(DeployFixture &f, const QString &app, const QStringList &urls)
    {
        json updates = json::array();
        for (const auto &u : urls)
            updates.push_back({{"buildpack", u.toStdString()}});
        const auto r = f.api().request("PUT", "/apps/" + app + "/buildpack-installations",
                                       QByteArray::fromStdString(json{{"updates", updates}}.dump()));
        QCOMPARE(r.status, 200);
    }

private slots:
    void buildFromSourceStreamsItsOutputLive()
    {
        DeployFixture f;
        QVERIFY(f.started());
        QCOMPARE(f.api().post("/apps", {{"name", "api-build"}}).status, 201);
        const QString slow = f.makeBuildpack(QStringLiteral("slow"), QStringLiteral("Slow"),
                                             QStringLiteral("echo '-----> step one'; sleep 2; echo '       step two'"));
        setBuildpacks(f, QStringLiteral("api-build"), {slow});

        auto source = f.api().post("/apps/api-build/sources", json::object());
        QCOMPARE(source.status, 201);
        VERIFY_GOLDEN(source.json(), "source");
        const QString putUrl = QString::fromStdString(source.json()["source_blob"]["put_url"].get<std::string>());
        const QString getUrl = QString::fromStdString(source.json()["source_blob"]["get_url"].get<std::string>());
        const QByteArray blob = tarball(f, QStringLiteral("node-basic"));
        QCOMPARE(HttpClient(QString()).request("PUT", putUrl, blob).status, 200);
        QCOMPARE(HttpClient(QString()).get(getUrl).body, blob);

        auto created = f.api().post("/apps/api-build/builds", {{"source_blob", {{"url", getUrl.toStdString()}, {"version", "v1.2.3"}}}});
        QCOMPARE(created.status, 201);
        const json build = created.json();
        VERIFY_GOLDEN(build, "build");
        QCOMPARE(build["status"].get<std::string>(), std::string("pending"));
        const QString id = QString::fromStdString(build["id"].get<std::string>());

        // Read the stream as it comes: step one arrives while the build is still pending.
        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(QString::fromStdString(build["output_stream_url"].get<std::string>()))));
        QByteArray received;
        QString statusAtStepOne;
        QEventLoop loop;
        connect(reply, &QNetworkReply::readyRead, &loop, [&] {
            received += reply->readAll();
            if (statusAtStepOne.isEmpty() && received.contains("step one"))
                statusAtStepOne = QString::fromStdString(f.api().get("/apps/api-build/builds/" + id).json()["status"].get<std::string>());
        });
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
        received += reply->readAll();
        delete reply;
        QCOMPARE(statusAtStepOne, QStringLiteral("pending"));
        QVERIFY2(received.contains("-----> Slow app detected"), received.constData());
        QVERIFY2(received.indexOf("step one") < received.indexOf("step two"), received.constData());
        QVERIFY2(received.contains("Released v2"), received.constData());

        const json done = f.api().get("/apps/api-build/builds/" + id).json();
        QCOMPARE(done["status"].get<std::string>(), std::string("succeeded"));
        QVERIFY(done["slug"].is_object() && done["release"].is_object());
        QCOMPARE(f.api().get("/apps/api-build/releases/2").json()["description"].get<std::string>(), std::string("Deploy v1.2.3"));
        // Afterwards the stream gives the whole output at once.
        const auto again = HttpClient(QString()).get(QString::fromStdString(build["output_stream_url"].get<std::string>()));
        QCOMPARE(again.status, 200);
        QVERIFY(again.body.contains("step two") && again.body.contains("Released v2"));

        // Bad builds API input.
        QCOMPARE(f.api().post("/apps/api-build/builds", json::object()).status, 422);
        QCOMPARE(f.api().post("/apps/api-build/builds", {{"source_blob", {{"url", "http://example.com/x.tgz"}}}}).status, 422);
    }

    // file:// sources: only the account's own sources directory and the paths the operator
    // allows; anything else (another place, the store itself, a link out of an allowed
    // directory) is 403 and builds nothing.
    void fileSourcesAreLimitedToWhatTheAccountMayRead()
    {
        QTemporaryDir allowed;
        DeployFixture f(120, [&](dynodesk::core::Settings &s) { s.allowedSourcePaths.push_back(allowed.path().toStdString()); });
        QVERIFY(f.started());
        QCOMPARE(f.api().post("/apps", {{"name", "file-src"}}).status, 201);
        setBuildpacks(f, QStringLiteral("file-src"), {f.makeBuildpack(QStringLiteral("quick"), QStringLiteral("Quick"), QStringLiteral("true"))});
        const QByteArray blob = tarball(f, QStringLiteral("node-basic"));
        auto put = [&](const QString &path) {
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(blob);
        };
        auto build = [&](const QString &path) {
            return f.api().post("/apps/file-src/builds", {{"source_blob", {{"url", ("file://" + path).toStdString()}}}});
        };
        const std::string accountId = f.api().get("/account").json()["id"].get<std::string>();
        const QString own = f.dataDir() + QStringLiteral("/sources/") + QString::fromStdString(accountId) + QStringLiteral("/app.tgz");
        const QString elsewhere = f.tmp(QStringLiteral("elsewhere/app.tgz"));
        put(own);
        put(elsewhere);
        put(allowed.filePath(QStringLiteral("app.tgz")));
        QVERIFY(QFile::link(elsewhere, allowed.filePath(QStringLiteral("link.tgz"))));

        for (const QString &refused : {elsewhere, f.dataDir() + QStringLiteral("/dynodesk.sqlite3"),
                                       allowed.filePath(QStringLiteral("link.tgz")),
                                       allowed.path() + QStringLiteral("/../../etc/passwd")}) {
            const auto r = build(refused);
            QCOMPARE(r.status, 403);
            QCOMPARE(r.json()["id"].get<std::string>(), std::string("forbidden"));
            QVERIFY2(r.json()["message"].get<std::string>().find("You do not have access to the source file://") == 0, r.body.constData());
        }
        QCOMPARE(f.api().get("/apps/file-src/builds").json().size(), size_t(0));
        QCOMPARE(build(own).status, 201);
        QCOMPARE(build(allowed.filePath(QStringLiteral("app.tgz"))).status, 201);
        QCOMPARE(f.api().get("/apps/file-src/builds").json().size(), size_t(2));
    }

    void buildpacksRunInOrderFromDirectoriesAndGitUrls()
    {
        DeployFixture f;
        QVERIFY(f.started());
        QCOMPARE(f.api().post("/apps", {{"name", "bp-app"}}).status, 201);
        const QString first = f.makeBuildpack(QStringLiteral("first"), QStringLiteral("First"),
                                              QStringLiteral("echo '       first buildpack ran'"));
        const QString second = f.makeBuildpack(QStringLiteral("second"), QStringLiteral("Second"),
                                               QStringLiteral("echo '       second buildpack ran'; printf '#!/bin/sh\\n' > \"$1/run\""));
        // The second one is reached by a git URL.
        f.git(second, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        f.commitAll(second, QStringLiteral("buildpack"));
        setBuildpacks(f, QStringLiteral("bp-app"), {first, QStringLiteral("file://") + second});

        const auto list = f.api().get("/apps/bp-app/buildpack-installations").json();
        VERIFY_GOLDEN(list, "buildpack-installation");
        QCOMPARE(list.size(), size_t(2));
        QCOMPARE(list[1]["ordinal"].get<int>(), 1);
        QCOMPARE(list[1]["buildpack"]["url"].get<std::string>(), ("file://" + second).toStdString());

        const auto r = f.push(f.repoOf(QStringLiteral("node-basic"), QStringLiteral("bp")), QStringLiteral("bp-app"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        const int a = r.output.indexOf(QStringLiteral("first buildpack ran"));
        const int b = r.output.indexOf(QStringLiteral("second buildpack ran"));
        QVERIFY2(a >= 0 && b > a, qPrintable(r.output));
        QVERIFY2(r.output.contains(QStringLiteral("Default types for buildpack -> web")), qPrintable(r.output));

        // Built-in names work too, and clearing goes back to detection.
        setBuildpacks(f, QStringLiteral("bp-app"), {QStringLiteral("heroku/nodejs")});
        QCOMPARE(f.api().get("/apps/bp-app/buildpack-installations").json()[0]["buildpack"]["name"].get<std::string>(),
                 std::string("heroku/nodejs"));
        setBuildpacks(f, QStringLiteral("bp-app"), {});
        QVERIFY(f.api().get("/apps/bp-app/buildpack-installations").json().empty());
        setBuildpacks(f, QStringLiteral("bp-app"), {QStringLiteral("not-a-buildpack")});
        const QString repo = f.repoOf(QStringLiteral("node-basic"), QStringLiteral("bp2"));
        f.commitAll(repo, QStringLiteral("a new commit to push"));
        const auto bad = f.push(repo, QStringLiteral("bp-app"), {QStringLiteral("main")}, {QStringLiteral("--force")});
        QVERIFY(bad.exitCode != 0);
        QVERIFY2(bad.output.contains(QStringLiteral("neither a built-in buildpack")), qPrintable(bad.output));
    }

    void buildCacheIsKeptAndCanBeCleared()
    {
        DeployFixture f;
        QVERIFY(f.started());
        QCOMPARE(f.api().post("/apps", {{"name", "cache-app"}}).status, 201);
        const QString bp = f.makeBuildpack(QStringLiteral("cache"), QStringLiteral("Cache"),
                                           QStringLiteral("if [ -f \"$2/marker\" ]; then echo '       cache was warm'; "
                                                          "else echo '       cache was cold'; fi; touch \"$2/marker\""));
        setBuildpacks(f, QStringLiteral("cache-app"), {bp});
        const QString repo = f.repoOf(QStringLiteral("node-basic"), QStringLiteral("cache"));
        auto r = f.push(repo, QStringLiteral("cache-app"));
        QVERIFY2(r.output.contains(QStringLiteral("cache was cold")), qPrintable(r.output));
        f.commitAll(repo, QStringLiteral("again"));
        r = f.push(repo, QStringLiteral("cache-app"));
        QVERIFY2(r.output.contains(QStringLiteral("cache was warm")), qPrintable(r.output));
        QCOMPARE(f.api().del("/apps/cache-app/build-cache").status, 202);
        f.commitAll(repo, QStringLiteral("third"));
        r = f.push(repo, QStringLiteral("cache-app"));
        QVERIFY2(r.output.contains(QStringLiteral("cache was cold")), qPrintable(r.output));
    }

    void failingBuildpacks_data()
    {
        QTest::addColumn<QString>("compile");
        QTest::addColumn<QString>("release");
        QTest::addColumn<QString>("message");
        QTest::newRow("exits non-zero") << "echo '       oops'; exit 3" << "echo '---'" << "Push rejected, failed to compile Broken app.";
        QTest::newRow("invalid YAML") << "true" << "echo 'default_process_types: [unclosed'" << "did not print valid YAML";
        QTest::newRow("runs past the timeout") << "sleep 30" << "echo '---'" << "Build timed out after 3 seconds.";
    }
    void failingBuildpacks()
    {
        QFETCH(QString, compile);
        QFETCH(QString, release);
        QFETCH(QString, message);
        DeployFixture f(3);
        QVERIFY(f.started());
        QCOMPARE(f.api().post("/apps", {{"name", "broken-app"}}).status, 201);
        setBuildpacks(f, QStringLiteral("broken-app"), {f.makeBuildpack(QStringLiteral("broken"), QStringLiteral("Broken"), compile, release)});
        QElapsedTimer timer;
        timer.start();
        const auto r = f.push(f.repoOf(QStringLiteral("node-basic"), QStringLiteral("broken")), QStringLiteral("broken-app"));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.output.contains(message), qPrintable(r.output));
        QVERIFY2(r.output.contains(QStringLiteral("pre-receive hook declined")), qPrintable(r.output));
        QVERIFY(timer.elapsed() < 20000);
        QCOMPARE(f.api().get("/apps/broken-app/releases").json().size(), size_t(1));
        QCOMPARE(f.api().get("/apps/broken-app/builds").json()[0]["status"].get<std::string>(), std::string("failed"));
    }

    void buildInterruptedByACrashIsMarkedFailed()
    {
        QTemporaryDir dir;
        DeployFixture helper; // for git and a slow buildpack
        ServerProcess server(dir.path(), {QStringLiteral("--allow-source-path"), helper.tmp(QStringLiteral("buildpacks"))});
        QVERIFY2(server.start(), qPrintable(server.output()));
        HttpClient api(server.apiUrl(), server.token());
        QCOMPARE(api.post("/apps", {{"name", "crash-app"}}).status, 201);
        const QString slow = helper.makeBuildpack(QStringLiteral("forever"), QStringLiteral("Forever"), QStringLiteral("sleep 60"));
        QCOMPARE(api.request("PUT", "/apps/crash-app/buildpack-installations",
                             QByteArray::fromStdString(json{{"updates", {{{"buildpack", slow.toStdString()}}}}}.dump())).status,
                 200);
        const QString repo = helper.repoOf(QStringLiteral("node-basic"), QStringLiteral("crash"));
        QProcess push;
        push.setWorkingDirectory(repo);
        push.start(QStringLiteral("git"), {QStringLiteral("push"),
                                           server.apiUrl().replace(QStringLiteral("http://"), QStringLiteral("http://x:") + server.token() + QLatin1Char('@'))
                                                   + QStringLiteral("/crash-app.git"),
                                           QStringLiteral("main")});
        QElapsedTimer waited;
        waited.start();
        while (api.get("/apps/crash-app/builds").json().empty() && waited.elapsed() < 20000)
            QTest::qWait(100);
        QCOMPARE(api.get("/apps/crash-app/builds").json()[0]["status"].get<std::string>(), std::string("pending"));
        server.kill();
        push.waitForFinished(30000);
        QVERIFY(push.exitCode() != 0);

        ServerProcess again(dir.path());
        QVERIFY2(again.start(), qPrintable(again.output()));
        HttpClient api2(again.apiUrl(), again.token());
        QCOMPARE(api2.get("/apps/crash-app/builds").json()[0]["status"].get<std::string>(), std::string("failed"));
        QCOMPARE(api2.get("/apps/crash-app/releases").json().size(), size_t(1));
        QVERIFY(again.terminate());
        // The buildpack's process went with the server's: nothing sleeps on in its name.
        QProcess ps;
        ps.start(QStringLiteral("pgrep"), {QStringLiteral("-f"), slow});
        ps.waitForFinished(5000);
        QVERIFY2(ps.readAll().trimmed().isEmpty(), "a buildpack process outlived its build");
    }
};

QTEST_GUILESS_MAIN(TestBuilds)
#include "tst_builds.moc"
