// The built-in Node.js buildpack (issue #21): fixture apps of tests/buildpacks/apps pushed with
// stock git to the real emulator, with their dependencies from the npm registry; what the push
// printed, what the slug holds, whether a release was made and what the app serves.

#include "buildpackfixture.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

using namespace dynodesk::testing;
using nlohmann::json;

namespace {

bool hasFile(const Deploy &d, const QString &path) { return d.slugFiles.contains(path) || d.slugFiles.contains(path + QLatin1Char('/')); }

// The push printed `lines` in this order.
bool inOrder(const Deploy &d, const QStringList &lines)
{
    qsizetype at = 0;
    for (const QString &line : lines) {
        at = d.push.output.indexOf(line, at);
        if (at < 0)
            return false;
    }
    return true;
}

} // namespace

#define VERIFY_SLUG_HAS(deploy, path) QVERIFY2(hasFile(deploy, QStringLiteral(path)), qPrintable((deploy).slugFiles.join(QLatin1Char('\n'))))
#define VERIFY_SLUG_LACKS(deploy, path) QVERIFY2(!hasFile(deploy, QStringLiteral(path)), qPrintable((deploy).slugFiles.join(QLatin1Char('\n'))))
#define VERIFY_DEPLOYED(deploy)                                                                                        \
    do {                                                                                                               \
        QVERIFY2((deploy).succeeded(), qPrintable((deploy).push.output));                                              \
        QVERIFY2((deploy).released(), qPrintable((deploy).push.output));                                               \
    } while (false)

class TestNodejsBuildpack final : public QObject {
    Q_OBJECT

    std::unique_ptr<BuildpackFixture> f;

    void setConfig(const QString &app, const json &vars)
    {
        if (f->api().get(QStringLiteral("/apps/") + app).status == 404)
            f->api().post(QStringLiteral("/apps"), {{"name", app.toStdString()}});
        QCOMPARE(f->api().patch(QStringLiteral("/apps/") + app + QStringLiteral("/config-vars"), vars).status, 200);
    }

    // A new commit of `repo` pushed again to `app`.
    Deploy pushAgain(const QString &app, const QString &repo)
    {
        f->commitAll(repo, QStringLiteral("again"));
        return f->pushRepo(app, repo);
    }

private slots:
    void initTestCase()
    {
        f = std::make_unique<BuildpackFixture>();
        QVERIFY(f->started());
    }
    void cleanupTestCase() { f.reset(); }

    // TypeScript compiled by the build script (typescript a devDependency), served from dist/;
    // the lifecycle scripts announced in the platform's order; the cache on the second push.
    void typescriptBuildIsServed()
    {
        const QString repo = f->repoOf(QStringLiteral("node-typescript"), QStringLiteral("ts-repo"));
        f->api().post(QStringLiteral("/apps"), {{"name", "ts-app"}});
        const Deploy d = f->pushRepo(QStringLiteral("ts-app"), repo);
        VERIFY_DEPLOYED(d);
        QVERIFY2(inOrder(d, {"-----> Node.js app detected", "-----> Creating runtime environment", "NODE_ENV=production",
                             "-----> Installing binaries", "Using default npm version: ", "-----> Prebuild",
                             "       Running heroku-prebuild", "prebuild ran with NODE_ENV=production",
                             "-----> Installing dependencies", "       Installing node modules", "-----> Build",
                             "       Running build", "compiled with tsc Version 5.6.3", "-----> Caching build",
                             "       - npm cache", "-----> Pruning devDependencies", "-----> Cleanup",
                             "       Running heroku-cleanup", "cleanup ran", "-----> Build succeeded!",
                             "-----> Discovering process types"}),
                 qPrintable(d.push.output));
        QVERIFY2(!d.push.output.contains(QStringLiteral("Restoring cache")), qPrintable(d.push.output)); // nothing cached yet
        VERIFY_SLUG_HAS(d, "dist/server.js");
        VERIFY_SLUG_HAS(d, "node_modules/ms/package.json");
        VERIFY_SLUG_LACKS(d, "node_modules/typescript");
        VERIFY_SLUG_HAS(d, ".profile.d/nodejs.sh");
        VERIFY_SLUG_HAS(d, ".profile.d/WEB_CONCURRENCY.sh");
        QCOMPARE(QString::fromStdString(d.slug["process_types"]["web"].get<std::string>()), QStringLiteral("npm start"));
        // The detected buildpack stays set on the app for the next pushes, as on the platform.
        const auto installed = f->api().get(QStringLiteral("/apps/ts-app/buildpack-installations")).json();
        QCOMPARE(installed.size(), size_t(1));
        QCOMPARE(installed[0]["buildpack"]["name"].get<std::string>(), std::string("heroku/nodejs"));

        const auto page = f->fetchWhenUp(QStringLiteral("ts-app"));
        QCOMPARE(page.status, 200);
        QCOMPARE(page.body, QByteArray("compiled from TypeScript for Dynodesk, a day is 86400000 ms\n"));
        const QString env = QString::fromUtf8(f->fetch(QStringLiteral("ts-app"), QStringLiteral("/env")).body);
        QVERIFY2(env.contains(QStringLiteral("NODE_ENV=production\n")), qPrintable(env));
        QVERIFY2(env.contains(QStringLiteral("WEB_MEMORY=512\n")), qPrintable(env));
        QVERIFY2(env.contains(QStringLiteral("WEB_CONCURRENCY=1\n")), qPrintable(env)); // a 512 MB dyno
        // A standard-2X dyno (1024 MB) runs two processes of 512 MB.
        QCOMPARE(f->api().patch(QStringLiteral("/apps/ts-app/formation/web"), {{"size", "standard-2X"}}).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(QString::fromUtf8(f->fetch(QStringLiteral("ts-app"), QStringLiteral("/env")).body)
                                     .contains(QStringLiteral("WEB_CONCURRENCY=2\n")), 30000);

        const Deploy again = pushAgain(QStringLiteral("ts-app"), repo);
        VERIFY_DEPLOYED(again);
        QVERIFY2(inOrder(again, {"-----> Restoring cache", "       - npm cache", "-----> Installing dependencies",
                                 "compiled with tsc Version 5.6.3", "-----> Build succeeded!"}),
                 qPrintable(again.push.output));
        VERIFY_SLUG_HAS(again, "dist/server.js");
    }

    // A React app built by Vite (a devDependency) whose built files a small node server serves.
    void viteReactBuildIsServed()
    {
        const Deploy d = f->deploy(QStringLiteral("vite-app"), QStringLiteral("node-vite-react"));
        VERIFY_DEPLOYED(d);
        VERIFY_PUSH_SAYS(d, "> vite build");
        VERIFY_SLUG_HAS(d, "dist/index.html");
        VERIFY_SLUG_HAS(d, "node_modules/react-dom/package.json");
        VERIFY_SLUG_LACKS(d, "node_modules/vite");
        const QStringList assets = d.slugFiles.filter(QRegularExpression(QStringLiteral("^dist/assets/index-.*\\.js$")));
        QCOMPARE(assets.size(), 1);

        const auto page = f->fetchWhenUp(QStringLiteral("vite-app"));
        QCOMPARE(page.status, 200);
        const QString asset = assets.first().mid(4); // /assets/index-<hash>.js
        QVERIFY2(page.body.contains("<div id=\"root\"></div>") && page.body.contains(asset.toUtf8()), page.body.constData());
        const auto script = f->fetch(QStringLiteral("vite-app"), asset);
        QCOMPARE(script.status, 200);
        QVERIFY(script.body.contains("Built by Vite on Dynodesk"));
    }

    // devDependencies are there for the build and pruned after it; NPM_CONFIG_PRODUCTION=false
    // keeps them; config vars reach the build but LANG and BUILD_DIR do not.
    void devDependenciesPrunedUnlessOptedOut()
    {
        const Deploy pruned = f->deploy(QStringLiteral("prune-app"), QStringLiteral("node-devdeps"));
        VERIFY_DEPLOYED(pruned);
        VERIFY_PUSH_SAYS(pruned, "build saw the devDependency is-number");
        VERIFY_SLUG_HAS(pruned, "node_modules/ms/package.json");
        VERIFY_SLUG_LACKS(pruned, "node_modules/is-number");

        setConfig(QStringLiteral("keep-dev-app"), {{"NPM_CONFIG_PRODUCTION", "false"}, {"FIXTURE_VAR", "from-config"},
                                                   {"LANG", "xx_XX.UTF-8"}, {"BUILD_DIR", "/nowhere"}});
        const Deploy kept = f->deploy(QStringLiteral("keep-dev-app"), QStringLiteral("node-devdeps"));
        VERIFY_DEPLOYED(kept);
        VERIFY_PUSH_SAYS(kept, "Skipping because NPM_CONFIG_PRODUCTION is 'false'");
        VERIFY_PUSH_SAYS(kept, "FIXTURE_VAR=from-config");
        QVERIFY2(!kept.push.output.contains(QStringLiteral("xx_XX")), qPrintable(kept.push.output));
        VERIFY_SLUG_HAS(kept, "node_modules/is-number/package.json");

        setConfig(QStringLiteral("staging-app"), {{"NODE_ENV", "staging"}});
        const Deploy staging = f->deploy(QStringLiteral("staging-app"), QStringLiteral("node-devdeps"));
        VERIFY_DEPLOYED(staging);
        QVERIFY2(inOrder(staging, {"-----> Creating runtime environment", "       NODE_ENV=staging", "-----> Pruning devDependencies",
                                   "       Skipping because NODE_ENV is not 'production'"}),
                 qPrintable(staging.push.output));
        VERIFY_SLUG_HAS(staging, "node_modules/is-number/package.json");
    }

    // Yarn 2+ refuses YARN_PRODUCTION before running anything, with the platform's advice.
    void yarnProductionWithYarn2Fails()
    {
        setConfig(QStringLiteral("berry-production-app"), {{"YARN_PRODUCTION", "true"}});
        const Deploy d = f->deploy(QStringLiteral("berry-production-app"), QStringLiteral("node-yarn-berry"));
        QVERIFY2(d.push.exitCode != 0 && d.push.output.contains(QStringLiteral("Push rejected")), qPrintable(d.push.output));
        QCOMPARE(d.releases, 2); // v1 and the config vars' v2: no deploy
        QVERIFY(d.slugFiles.isEmpty());
        QVERIFY2(inOrder(d, {"-----> Build failed", " !     Unsupported Yarn configuration: YARN_PRODUCTION",
                             "$ heroku config:set YARN2_SKIP_PRUNING=false"}),
                 qPrintable(d.push.output));
        QVERIFY2(!d.push.output.contains(QStringLiteral("Installing dependencies")), qPrintable(d.push.output));
    }

    // NODE_MODULES_CACHE=false: nothing restored or saved, said so.
    void cacheCanBeDisabled()
    {
        setConfig(QStringLiteral("nocache-app"), {{"NODE_MODULES_CACHE", "false"}});
        const QString repo = f->repoOf(QStringLiteral("node-devdeps"), QStringLiteral("nocache-repo"));
        VERIFY_DEPLOYED(f->pushRepo(QStringLiteral("nocache-app"), repo));
        const Deploy again = pushAgain(QStringLiteral("nocache-app"), repo);
        VERIFY_DEPLOYED(again);
        QVERIFY2(inOrder(again, {"-----> Restoring cache", "Caching has been disabled because NODE_MODULES_CACHE=false",
                                 "-----> Installing dependencies"}),
                 qPrintable(again.push.output));
        QVERIFY2(!again.push.output.contains(QStringLiteral("Caching build")), qPrintable(again.push.output));
        QVERIFY2(!again.push.output.contains(QStringLiteral("- npm cache")), qPrintable(again.push.output));
    }

    // node_modules committed to the app: the cache made without them is not restored (its
    // signature changed) and the committed modules are rebuilt, as the platform does.
    void cacheSignatureChangeSkipsTheCache()
    {
        const QString repo = f->repoOf(QStringLiteral("node-devdeps"), QStringLiteral("signature-repo"));
        f->api().post(QStringLiteral("/apps"), {{"name", "signature-app"}});
        VERIFY_DEPLOYED(f->pushRepo(QStringLiteral("signature-app"), repo));
        QDir().mkpath(repo + QStringLiteral("/node_modules/ms"));
        QFile module(repo + QStringLiteral("/node_modules/ms/package.json"));
        QVERIFY(module.open(QIODevice::WriteOnly));
        module.write(R"({"name": "ms", "version": "2.1.3", "main": "index.js"})");
        module.close();
        const Deploy again = pushAgain(QStringLiteral("signature-app"), repo);
        VERIFY_DEPLOYED(again);
        QVERIFY2(inOrder(again, {"-----> Restoring cache",
                                 "       Cached directories were not restored due to a change in version of node, npm, yarn or stack",
                                 "       Module installation may take longer for this build", "-----> Installing dependencies",
                                 "       Prebuild detected (node_modules already exists)", "-----> Build succeeded!"}),
                 qPrintable(again.push.output));
    }

    // npm install runs with no dependencies at all (a root postinstall runs); heroku-postbuild
    // wins over build; cacheDirectories are saved and restored on the next push.
    void postinstallAndCacheDirectories()
    {
        const QString repo = f->repoOf(QStringLiteral("node-postinstall"), QStringLiteral("postinstall-repo"));
        f->api().post(QStringLiteral("/apps"), {{"name", "postinstall-app"}});
        const Deploy d = f->pushRepo(QStringLiteral("postinstall-app"), repo);
        VERIFY_DEPLOYED(d);
        VERIFY_PUSH_SAYS(d, "Installing node modules (package.json)");
        VERIFY_PUSH_SAYS(d, "postinstall wrote postinstall.txt");
        VERIFY_PUSH_SAYS(d, "Detected both \"build\" and \"heroku-postbuild\" scripts");
        VERIFY_PUSH_SAYS(d, "heroku-postbuild ran 1 times");
        QVERIFY2(inOrder(d, {"Saving cacheDirectories (package.json):", "- .build-cache"}), qPrintable(d.push.output));
        VERIFY_SLUG_HAS(d, "postinstall.txt");

        const Deploy again = pushAgain(QStringLiteral("postinstall-app"), repo);
        VERIFY_DEPLOYED(again);
        QVERIFY2(inOrder(again, {"-----> Restoring cache", "Loading from cacheDirectories (package.json):", "- .build-cache",
                                 "heroku-postbuild ran 2 times"}),
                 qPrintable(again.push.output));
    }

    // Yarn 1 from yarn.lock, Yarn 4 and pnpm through Corepack from the packageManager field.
    void otherPackageManagers_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("uses");
        QTest::addColumn<QString>("install");
        QTest::addColumn<QString>("build");
        QTest::newRow("yarn 1") << "node-yarn1" << "Using yarn 1.22.22 (Corepack" << "Installing node modules (yarn.lock)"
                                << "Running build (yarn)";
        QTest::newRow("yarn 4") << "node-yarn-berry" << "Using yarn 4.5.3 (Corepack" << "Running 'yarn install' with yarn.lock"
                                << "Running build (yarn)";
        QTest::newRow("pnpm") << "node-pnpm" << "Using pnpm 9.15.0 (Corepack" << "Running 'pnpm install' with pnpm-lock.yaml"
                              << "Running build";
    }
    void otherPackageManagers()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, uses);
        QFETCH(QString, install);
        QFETCH(QString, build);
        const QString app = fixture.mid(5) + QStringLiteral("-app");
        const Deploy d = f->deploy(app, fixture);
        VERIFY_DEPLOYED(d);
        QVERIFY2(inOrder(d, {"-----> Installing binaries", uses, "-----> Installing dependencies", install, "-----> Build",
                             build, "build wrote dist/built.txt", "-----> Pruning devDependencies", "-----> Build succeeded!"}),
                 qPrintable(d.push.output));
        VERIFY_SLUG_HAS(d, "dist/built.txt");
        VERIFY_SLUG_HAS(d, "node_modules/ms"); // with pnpm, a link into node_modules/.pnpm
        VERIFY_SLUG_LACKS(d, "node_modules/is-number");
        for (const QString &leak : {QStringLiteral(".cache/"), QStringLiteral(".npm/"), QStringLiteral(".yarn/berry/")})
            QVERIFY2(d.slugFiles.filter(leak).isEmpty(), qPrintable(leak)); // the tools' homes stay out of the slug
        QCOMPARE(f->fetchWhenUp(app).status, 200);
    }

    // Bad input: the push is rejected, no release is made, the cause named in the platform's words.
    void failuresRejectThePush_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QStringList>("says");
        QTest::newRow("failing build script")
            << "node-failing-build"
            << QStringList{"       Running build", "error TS2322: this fixture fails on purpose", "-----> Build failed",
                           " !     Error: A build script exited with a non-zero exit code.",
                           "The \"build\" script in package.json failed (exit code 3)."};
        QTest::newRow("two lockfiles") << "node-two-lockfiles"
                                       << QStringList{"-----> Build failed", " !     Error: Multiple lockfiles found.",
                                                      "Multiple package managers (npm,Yarn) have created lockfiles",
                                                      "$ git rm yarn.lock"};
        QTest::newRow("lockfile out of sync")
            << "node-out-of-sync"
            << QStringList{"-----> Installing dependencies", "Please update your lock file", "-----> Build failed",
                           " !     Error: npm lockfile is not in sync."};
        QTest::newRow("pnpm lockfile out of sync")
            << "node-pnpm-out-of-sync"
            << QStringList{"-----> Installing dependencies", "ERR_PNPM_OUTDATED_LOCKFILE",
                           "pnpm-lock.yaml is not up to date with", "-----> Build failed",
                           " !     Error: pnpm lockfile is not in sync."};
        QTest::newRow("package.json not JSON") << "node-invalid-json"
                                               << QStringList{"-----> Build failed", " !     Error: Unable to parse your package.json."};
        QTest::newRow("unknown dependency")
            << "node-unknown-dep"
            << QStringList{"-----> Installing dependencies", "E404", "dynodesk-fixture-package-that-does-not-exist",
                           "-----> Build failed", " !     Error: Unable to install dependencies using npm.",
                           "A package could not be found in the npm registry (404)."};
    }
    void failuresRejectThePush()
    {
        QFETCH(QString, fixture);
        QFETCH(QStringList, says);
        const Deploy d = f->deploy(fixture.mid(5) + QStringLiteral("-app"), fixture);
        VERIFY_REJECTED(d);
        QVERIFY2(inOrder(d, says + QStringList{"Push rejected, failed to compile Node.js app."}), qPrintable(d.push.output));
        QVERIFY2(!d.push.output.contains(QStringLiteral("Build succeeded!")), qPrintable(d.push.output));
    }

    // A build script that outlasts the build timeout ends the build: rejected, no release.
    void buildThatRunsOutOfTime()
    {
        BuildpackFixture slow(5);
        QVERIFY(slow.started());
        const Deploy d = slow.deploy(QStringLiteral("slow-app"), QStringLiteral("node-slow-build"));
        QVERIFY2(d.push.exitCode != 0, qPrintable(d.push.output));
        QCOMPARE(d.releases, 1);
        QVERIFY2(!d.push.output.contains(QStringLiteral("Build succeeded!")), qPrintable(d.push.output));
        QVERIFY2(inOrder(d, {"       Running build", "building for a minute", "Build timed out after 5 seconds."}),
                 qPrintable(d.push.output));
    }
};

QTEST_GUILESS_MAIN(TestNodejsBuildpack)
#include "tst_nodejsbuildpack.moc"
