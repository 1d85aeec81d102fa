// Deploys with stock git against the real emulator: push output, releases, slugs and process
// types for the sample apps, every way a push can fail, branches and clone.
#include "deploytestbase.h"

#include "common/golden.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QRandomGenerator>
#include <QRegularExpression>

using namespace dynodesk::testing;
using nlohmann::json;

#define VERIFY_OUTPUT(result, text)                                                                                    \
    QVERIFY2((result).output.contains(QStringLiteral(text)), qPrintable((result).output))

// A git command that must succeed; on failure the test shows what git printed.
#define VERIFY_SUCCEEDED(result)                                                                                       \
    do {                                                                                                               \
        const auto &gitResult_ = (result);                                                                             \
        QVERIFY2(gitResult_.exitCode == 0, qPrintable(gitResult_.output));                                             \
    } while (false)

// For its lifetime, the process's PATH (which the builds and git inherit) lacks `tool`: each of
// its directories that holds one is replaced by a copy made of links to everything else in it.
class PathWithout final {
public:
    explicit PathWithout(const QString &tool) : m_saved(qgetenv("PATH"))
    {
        QStringList dirs;
        for (const QString &dir : QString::fromLocal8Bit(m_saved).split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
            if (!QFileInfo(dir + QLatin1Char('/') + tool).exists()) {
                dirs << dir;
                continue;
            }
            const QString shadow = m_shadows.filePath(QString::number(dirs.size()));
            QDir().mkpath(shadow);
            for (const QFileInfo &e : QDir(dir).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System))
                if (e.fileName() != tool)
                    QFile::link(e.absoluteFilePath(), shadow + QLatin1Char('/') + e.fileName());
            dirs << shadow;
        }
        qputenv("PATH", dirs.join(QLatin1Char(':')).toLocal8Bit());
    }
    ~PathWithout() { qputenv("PATH", m_saved); }
    PathWithout(const PathWithout &) = delete;
    PathWithout &operator=(const PathWithout &) = delete;

private:
    QByteArray m_saved;
    QTemporaryDir m_shadows;
};

class TestDeploy : public QObject {
    Q_OBJECT

    std::unique_ptr<DeployFixture> f;

    void createApp(const QString &name)
    {
        QCOMPARE(f->api().post("/apps", {{"name", name.toStdString()}}).status, 201);
    }

    json releases(const QString &app) { return f->api().get("/apps/" + app + "/releases").json(); }

    // A number from /proc/self/status (`Threads`, or `VmSize` in kB).
    static qint64 processStatus(const char *field)
    {
        QFile status(QStringLiteral("/proc/self/status"));
        if (!status.open(QIODevice::ReadOnly))
            return -1;
        const QString prefix = QString::fromLatin1(field) + QLatin1Char(':');
        for (const QByteArray &line : status.readAll().split('\n'))
            if (line.startsWith(prefix.toLatin1()))
                return line.mid(prefix.size()).trimmed().split(' ').first().toLongLong();
        return -1;
    }

    QStringList slugOf(const json &release)
    {
        const std::string id = release["slug"]["id"];
        return DeployFixture::slugFiles(f->dataDir() + "/slugs/" + QString::fromStdString(id) + ".tgz");
    }

    json slugJson(const QString &app, const json &release)
    {
        return f->api().get("/apps/" + app + "/slugs/" + QString::fromStdString(release["slug"]["id"].get<std::string>())).json();
    }

private slots:
    void init()
    {
        f = std::make_unique<DeployFixture>();
        QVERIFY(f->started());
    }
    void cleanup() { f.reset(); }

    void nodeAppWithoutDependencies()
    {
        createApp("node-app");
        const QString repo = f->repoOf("node-basic", "node-basic");
        const auto r = f->push(repo, "node-app");
        VERIFY_SUCCEEDED(r);
        VERIFY_OUTPUT(r, "remote: -----> Building on the Heroku-24 stack");
        VERIFY_OUTPUT(r, "remote: -----> Node.js app detected");
        VERIFY_OUTPUT(r, "remote:        Installing node modules (package.json)"); // npm install runs, as the platform's does
        VERIFY_OUTPUT(r, "remote: -----> Discovering process types");
        VERIFY_OUTPUT(r, "remote:        Default types for buildpack -> web");
        VERIFY_OUTPUT(r, "remote: -----> Compressing...");
        VERIFY_OUTPUT(r, "remote:        Done: ");
        VERIFY_OUTPUT(r, "remote:        Released v2");
        VERIFY_OUTPUT(r, "deployed to Heroku");
        // Lines come in the platform's order.
        QVERIFY(r.output.indexOf(QStringLiteral("Node.js app detected")) < r.output.indexOf(QStringLiteral("Compressing")));
        QVERIFY(r.output.indexOf(QStringLiteral("Compressing")) < r.output.indexOf(QStringLiteral("Released v2")));

        const auto rel = releases("node-app");
        QCOMPARE(rel.size(), size_t(2));
        QCOMPARE(rel[1]["description"].get<std::string>(), "Deploy " + f->head(repo).left(7).toStdString());
        QCOMPARE(rel[1]["status"].get<std::string>(), std::string("succeeded"));
        QVERIFY(rel[1]["current"].get<bool>());
        const auto slug = slugJson("node-app", rel[1]);
        VERIFY_GOLDEN(slug, "slug");
        VERIFY_GOLDEN(f->api().get("/apps/node-app/builds").json(), "build");
        JSON_EQ(slug["process_types"], json({{"web", "npm start"}}));
        QCOMPARE(slug["commit"].get<std::string>(), f->head(repo).toStdString());
        QCOMPARE(slug["buildpack_provided_description"].get<std::string>(), std::string("Node.js"));
        const QStringList files = slugOf(rel[1]);
        QVERIFY2(files.contains(QStringLiteral("server.js")) && files.contains(QStringLiteral("package.json")),
                 qPrintable(files.join(QLatin1Char(' '))));
        QVERIFY(!files.contains(QStringLiteral(".git/")));
        const auto web = f->api().get("/apps/node-app/formation/web").json();
        QCOMPARE(web["quantity"].get<int>(), 1);
        QCOMPARE(web["command"].get<std::string>(), std::string("npm start"));
        const auto builds = f->api().get("/apps/node-app/builds").json();
        QCOMPARE(builds.size(), size_t(1));
        QCOMPARE(builds[0]["status"].get<std::string>(), std::string("succeeded"));
        JSON_EQ(builds[0]["release"]["id"], rel[1]["id"]);
        const auto app = f->api().get("/apps/node-app").json();
        QVERIFY(app["slug_size"].get<int64_t>() > 0);
        QVERIFY(app["repo_size"].get<int64_t>() > 0);

        // The slug's blob can be fetched.
        const auto blob = HttpClient(QString()).get(QString::fromStdString(slug["blob"]["url"].get<std::string>()));
        QCOMPARE(blob.status, 200);
        QVERIFY(blob.body.startsWith("\x1f\x8b"));
    }

    void nodeAppWithOneDependency()
    {
        createApp("dep-app");
        const auto r = f->push(f->repoOf("node-dep", "node-dep"), "dep-app");
        VERIFY_SUCCEEDED(r);
        VERIFY_OUTPUT(r, "remote: -----> Node.js app detected");
        // The platform's words for `npm ci` (`npm install` would say "(package.json)" after them).
        QVERIFY2(QRegularExpression(QStringLiteral("remote:        Installing node modules\\s*\n")).match(r.output).hasMatch(), qPrintable(r.output));
        VERIFY_OUTPUT(r, "Released v2");
        const QStringList files = slugOf(releases("dep-app")[1]);
        QVERIFY2(files.contains(QStringLiteral("node_modules/is-number/package.json")), qPrintable(files.join(QLatin1Char(' '))));
    }

    void pythonStandardLibraryApp()
    {
        createApp("py-app");
        const auto r = f->push(f->repoOf("python-stdlib", "python-stdlib"), "py-app");
        VERIFY_SUCCEEDED(r);
        VERIFY_OUTPUT(r, "remote: -----> Python app detected");
        VERIFY_OUTPUT(r, "Procfile declares types -> web");
        const auto rel = releases("py-app")[1];
        JSON_EQ(slugJson("py-app", rel)["process_types"], json({{"web", "python3 app.py"}}));
        const QStringList files = slugOf(rel);
        QVERIFY(files.contains(QStringLiteral("app.py")));
        QVERIFY(files.contains(QStringLiteral(".profile.d/python.sh")));
    }

    void staticSite()
    {
        createApp("static-app");
        const auto r = f->push(f->repoOf("static-site", "static-site"), "static-app");
        VERIFY_SUCCEEDED(r);
        VERIFY_OUTPUT(r, "remote: -----> Static HTML app detected");
        const auto rel = releases("static-app")[1];
        JSON_EQ(slugJson("static-app", rel)["process_types"], json({{"web", "python3 .dynodesk-static/server.py"}}));
        QVERIFY(slugOf(rel).contains(QStringLiteral("index.html")));
    }

    void procfileWithWebWorkerAndRelease()
    {
        createApp("multi-app");
        const auto r = f->push(f->repoOf("procfile-multi", "procfile-multi"), "multi-app");
        VERIFY_SUCCEEDED(r);
        VERIFY_OUTPUT(r, "Procfile declares types -> release, web, worker");
        VERIFY_OUTPUT(r, "-----> Running release command...");
        VERIFY_OUTPUT(r, "release phase ran");
        VERIFY_OUTPUT(r, "Released v2");
        // The release phase's output is in the app's logs too.
        const auto session = f->api().post("/apps/multi-app/log-sessions", {{"lines", 1500}});
        const QString logs = QString::fromUtf8(HttpClient(QString()).get(QString::fromStdString(session.json()["logplex_url"].get<std::string>())).body);
        QVERIFY2(QRegularExpression(QStringLiteral("app\\[release\\.\\d{4}\\]: release phase ran")).match(logs).hasMatch(), qPrintable(logs));
        const auto rel = releases("multi-app")[1];
        QCOMPARE(rel["status"].get<std::string>(), std::string("succeeded"));
        JSON_EQ(slugJson("multi-app", rel)["process_types"],
                 json({{"release", "node release.js"}, {"web", "node web.js"}, {"worker", "node worker.js"}}));
        // The release phase streams its own output from the release, kept after it is over.
        QVERIFY(rel["output_stream_url"].is_string());
        const QString released = QString::fromUtf8(HttpClient(QString()).get(QString::fromStdString(rel["output_stream_url"].get<std::string>())).body);
        QVERIFY2(released.contains(QStringLiteral("release phase ran")) && !released.contains(QStringLiteral("Procfile declares")),
                 qPrintable(released));
        QVERIFY(releases("multi-app")[0]["output_stream_url"].is_null()); // v1 ran none
        // The formation lists the release type, at 0: it is run per release, never scaled.
        const auto formation = f->api().get("/apps/multi-app/formation").json();
        QCOMPARE(formation.size(), size_t(3));
        JSON_EQ(f->api().get("/apps/multi-app/formation/release").json()["quantity"].get<int>(), 0);
        QCOMPARE(f->api().patch("/apps/multi-app/formation", {{"updates", {{{"quantity", "1"}, {"type", "release"}}}}}).status, 422);
        JSON_EQ(f->api().get("/apps/multi-app/formation/web").json()["quantity"].get<int>(), 1);
        JSON_EQ(f->api().get("/apps/multi-app/formation/worker").json()["quantity"].get<int>(), 0);
        // Only the release's types scale now.
        QCOMPARE(f->api().patch("/apps/multi-app/formation", {{"updates", {{{"quantity", "1"}, {"type", "clock"}}}}}).status, 422);
        QCOMPARE(f->api().patch("/apps/multi-app/formation", {{"updates", {{{"quantity", "1"}, {"type", "worker"}}}}}).status, 200);
    }

    void missingToolchainFailsClearlyAndFast_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("language");
        QTest::newRow("ruby") << "Gemfile" << "source 'https://rubygems.org'\ngem 'rack'\n" << "ruby" << "Ruby";
        QTest::newRow("go") << "go.mod" << "module example.com/app\n\ngo 1.21\n" << "go" << "Go";
    }
    void missingToolchainFailsClearlyAndFast()
    {
        QFETCH(QString, file);
        QFETCH(QString, content);
        QFETCH(QString, tool);
        QFETCH(QString, language);
        // Where the toolchain is installed, the build runs on a PATH that hides it.
        const PathWithout hidden(tool);
        QVERIFY2(QStandardPaths::findExecutable(tool).isEmpty(), qPrintable(tool + " is still on " + qgetenv("PATH")));
        QVERIFY(!QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty());
        createApp("tool-app");
        const QString repo = f->tmp(QStringLiteral("tool-") + tool);
        QDir().mkpath(repo);
        QFile manifest(repo + QLatin1Char('/') + file);
        QVERIFY(manifest.open(QIODevice::WriteOnly));
        manifest.write(content.toUtf8());
        manifest.close();
        f->git(repo, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        f->commitAll(repo, QStringLiteral("first"));
        QElapsedTimer timer;
        timer.start();
        const auto r = f->push(repo, "tool-app");
        QVERIFY(r.exitCode != 0);
        QVERIFY2(timer.elapsed() < 30000, "a missing toolchain must not make the build hang");
        QVERIFY2(r.output.contains(QStringLiteral("-----> %1 app detected").arg(language)), qPrintable(r.output));
        QVERIFY2(r.output.contains(tool + QStringLiteral(" is not installed on this machine")), qPrintable(r.output));
        QVERIFY2(r.output.contains(QStringLiteral("Push rejected, failed to compile %1 app.").arg(language)), qPrintable(r.output));
        QCOMPARE(releases("tool-app").size(), size_t(1));
    }

    void failingBuildRejectsThePush()
    {
        createApp("fail-app");
        const QString repo = f->repoOf("failing-build", "failing-build");
        const auto r = f->push(repo, "fail-app");
        QVERIFY(r.exitCode != 0);
        VERIFY_OUTPUT(r, "Push rejected, failed to compile Node.js app.");
        VERIFY_OUTPUT(r, "Push failed");
        VERIFY_OUTPUT(r, "[remote rejected] main -> main (pre-receive hook declined)");
        QCOMPARE(releases("fail-app").size(), size_t(1));
        JSON_EQ(f->api().get("/apps/fail-app/builds").json()[0]["status"].get<std::string>(), std::string("failed"));
        // The ref was not updated.
        const auto refs = f->git(repo, {QStringLiteral("ls-remote"), f->gitUrl("fail-app", f->token())});
        QVERIFY2(!refs.output.contains(QStringLiteral("refs/heads/main")), qPrintable(refs.output));
    }

    void noDetectableLanguage()
    {
        createApp("nolang-app");
        const auto r = f->push(f->repoOf("no-language", "no-language"), "nolang-app");
        QVERIFY(r.exitCode != 0);
        VERIFY_OUTPUT(r, "No default language could be detected for this app.");
        QCOMPARE(releases("nolang-app").size(), size_t(1));
    }

    void brokenProcfileLineIsNamed()
    {
        createApp("proc-app");
        const auto r = f->push(f->repoOf("broken-procfile", "broken-procfile"), "proc-app");
        QVERIFY(r.exitCode != 0);
        VERIFY_OUTPUT(r, "Procfile line 2 is not valid");
        QCOMPARE(releases("proc-app").size(), size_t(1));
    }

    void failingReleasePhaseKeepsThePreviousRelease()
    {
        createApp("relfail-app");
        const auto r = f->push(f->repoOf("failing-release", "failing-release"), "relfail-app");
        QVERIFY(r.exitCode != 0);
        VERIFY_OUTPUT(r, "migrating");
        VERIFY_OUTPUT(r, "Release command failed: exit status 3");
        const auto rel = releases("relfail-app");
        QCOMPARE(rel.size(), size_t(2));
        QCOMPARE(rel[1]["status"].get<std::string>(), std::string("failed"));
        QVERIFY(rel[0]["current"].get<bool>());
        QVERIFY(!rel[1]["current"].get<bool>());
    }

    void nonFastForwardNeedsForce()
    {
        createApp("ff-app");
        const QString repo = f->repoOf("node-basic", "ff");
        VERIFY_SUCCEEDED(f->push(repo, "ff-app"));
        f->git(repo, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--amend"), QStringLiteral("-m"), QStringLiteral("rewritten")});
        const auto rejected = f->push(repo, "ff-app");
        QVERIFY(rejected.exitCode != 0);
        VERIFY_OUTPUT(rejected, "rejected");
        QCOMPARE(releases("ff-app").size(), size_t(2));
        const auto forced = f->push(repo, "ff-app", {QStringLiteral("main")}, {QStringLiteral("--force")});
        VERIFY_SUCCEEDED(forced);
        VERIFY_OUTPUT(forced, "Released v3");
    }

    void branchesAndClone()
    {
        createApp("branch-app");
        const QString repo = f->repoOf("node-basic", "branch");
        f->git(repo, {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("feature")});
        QFile extra(repo + QStringLiteral("/feature.txt"));
        QVERIFY(extra.open(QIODevice::WriteOnly));
        extra.write("from the feature branch\n");
        extra.close();
        f->commitAll(repo, QStringLiteral("feature"));

        // A branch that does not deploy is accepted, with no build.
        auto r = f->push(repo, "branch-app", {QStringLiteral("feature")});
        VERIFY_SUCCEEDED(r);
        VERIFY_OUTPUT(r, "does not deploy");
        QVERIFY(f->api().get("/apps/branch-app/builds").json().empty());

        // feature:main deploys the branch.
        r = f->push(repo, "branch-app", {QStringLiteral("feature:main")});
        VERIFY_SUCCEEDED(r);
        VERIFY_OUTPUT(r, "Released v2");

        // A clone holds what was pushed.
        const QString clone = f->tmp(QStringLiteral("clone"));
        const auto c = f->git(f->tmp(QString()), {QStringLiteral("clone"), f->gitUrl("branch-app", f->token()), clone});
        VERIFY_SUCCEEDED(c);
        QFile cloned(clone + QStringLiteral("/feature.txt"));
        QVERIFY2(cloned.open(QIODevice::ReadOnly), qPrintable(c.output));
        QCOMPARE(cloned.readAll(), QByteArray("from the feature branch\n"));
    }

    void largeRepositoryAndRestart()
    {
        createApp("big-app");
        const QString repo = f->repoOf("node-basic", "big");
        // 40 MB that does not compress: the push streams through the emulator, never whole in memory.
        QFile big(repo + QStringLiteral("/big.bin"));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QByteArray chunk(1024 * 1024, Qt::Uninitialized);
        for (int i = 0; i < 40; ++i) {
            for (auto &c : chunk)
                c = static_cast<char>(QRandomGenerator::global()->generate());
            big.write(chunk);
        }
        big.close();
        f->commitAll(repo, QStringLiteral("big"));
        auto r = f->push(repo, "big-app");
        VERIFY_SUCCEEDED(r);
        VERIFY_OUTPUT(r, "Released v2");
        QVERIFY(f->api().get("/apps/big-app").json()["repo_size"].get<int64_t>() > 40 * 1024 * 1024);

        // Repos, slugs and releases live in the data dir and survive a restart.
        QVERIFY(f->restart());
        QCOMPARE(releases("big-app").size(), size_t(2));
        QVERIFY(slugOf(releases("big-app")[1]).contains(QStringLiteral("big.bin")));
        const QString clone = f->tmp(QStringLiteral("big-clone"));
        VERIFY_SUCCEEDED(f->git(f->tmp(QString()), {QStringLiteral("clone"), QStringLiteral("-q"), f->gitUrl("big-app", f->token()), clone}));
        QCOMPARE(QFileInfo(clone + QStringLiteral("/big.bin")).size(), qint64(40 * 1024 * 1024));
        f->commitAll(repo, QStringLiteral("after restart"));
        r = f->push(repo, "big-app");
        VERIFY_SUCCEEDED(r);
        VERIFY_OUTPUT(r, "Released v3");
    }

    // Every build and release phase runs on a worker thread of its own. Each is joined once it is
    // done: after 50 pushes the emulator has no more threads than after the first, and has not
    // kept their stacks mapped (an unjoined thread keeps its 8 MiB stack until it is joined).
    void fiftyPushesLeaveNoThreadBehind()
    {
        createApp("many-pushes");
        const QString pack = f->makeBuildpack(QStringLiteral("quick"), QStringLiteral("Quick"), QStringLiteral("true"),
                                              QStringLiteral("echo '--- {}'"));
        const auto set = f->api().request("PUT", "/apps/many-pushes/buildpack-installations",
                                          QByteArray::fromStdString(json{{"updates", {{{"buildpack", "file://" + pack.toStdString()}}}}}.dump()));
        QCOMPARE(set.status, 200);
        const QString repo = f->repoOf("static-site", "many");
        VERIFY_SUCCEEDED(f->push(repo, "many-pushes"));
        QTest::qWait(200); // the first worker is joined
        const qint64 threads = processStatus("Threads"), mapped = processStatus("VmSize");
        for (int i = 0; i < 50; ++i) {
            f->commitAll(repo, QStringLiteral("push %1").arg(i));
            VERIFY_SUCCEEDED(f->push(repo, "many-pushes"));
        }
        QCOMPARE(releases("many-pushes").size(), size_t(52));
        QVERIFY(QTest::qWaitFor([&] { return processStatus("Threads") <= threads; }, 5000));
        const qint64 grownKb = processStatus("VmSize") - mapped;
        qInfo("after 50 pushes: %lld threads (%lld before), address space grown by %lld MiB", processStatus("Threads"),
              threads, grownKb / 1024);
#if !defined(__SANITIZE_ADDRESS__)
        // 50 unjoined stacks would be 400 MiB; glibc keeps up to 40 MiB of joined ones for reuse.
        QVERIFY2(grownKb < 150 * 1024, "the address space grew as if the workers' stacks were kept");
#endif
    }

    void pushesNeedTheRightToken()
    {
        createApp("auth-app");
        const QString repo = f->repoOf("node-basic", "auth");
        auto r = f->git(repo, {QStringLiteral("push"), f->gitUrl("auth-app", QString()), QStringLiteral("main")});
        QVERIFY(r.exitCode != 0);
        VERIFY_OUTPUT(r, "could not read Username"); // git asks for credentials: the server said 401
        r = f->git(repo, {QStringLiteral("push"), f->gitUrl("auth-app", QStringLiteral("HRKU-wrong")), QStringLiteral("main")});
        QVERIFY(r.exitCode != 0);
        VERIFY_OUTPUT(r, "Authentication failed");

        QString stranger;
        f->emulator().runOnCore([&](dynodesk::platform::Platform &p) {
            stranger = QString::fromStdString(p.accounts().createAccount("stranger@example.com", std::string("pw"))->token);
        });
        r = f->git(repo, {QStringLiteral("push"), f->gitUrl("auth-app", stranger), QStringLiteral("main")});
        QVERIFY(r.exitCode != 0);
        VERIFY_OUTPUT(r, "403");
        r = f->push(repo, "no-such-app");
        QVERIFY(r.exitCode != 0);
        VERIFY_OUTPUT(r, "Couldn't find that app.");
        VERIFY_OUTPUT(r, "not found");
        QVERIFY(f->api().get("/apps/auth-app/builds").json().empty());
    }
};

QTEST_GUILESS_MAIN(TestDeploy)
#include "tst_deploy.moc"
