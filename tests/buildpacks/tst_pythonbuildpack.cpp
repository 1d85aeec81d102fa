// The built-in Python buildpack (issue #21): fixture apps of tests/buildpacks/apps/python-* pushed
// with stock git to the real emulator, their packages from a package index of the test's own
// (tests/buildpacks/pythonwheels.py, served on loopback), as the platform's Python buildpack builds
// them: pip, Pipenv, Poetry and uv lockfiles, Python version files, collectstatic, the build cache.
#include "buildpackfixture.h"

#include <QProcess>

using namespace dynodesk::testing;
using nlohmann::json;

// A push's output must not contain `text`.
#define VERIFY_PUSH_LACKS(deploy, text)                                                                                \
    QVERIFY2(!(deploy).push.output.contains(QStringLiteral(text)), qPrintable((deploy).push.output))
#define VERIFY_PROCESS_TYPES(deploy, expected)                                                                         \
    QVERIFY2((deploy).slug["process_types"] == (expected), (deploy).slug["process_types"].dump().c_str())
#define VERIFY_SLUG_HAS(deploy, file)                                                                                  \
    QVERIFY2((deploy).slugFiles.contains(QStringLiteral(file)), qPrintable((deploy).slugFiles.join(QLatin1Char(' '))))
#define VERIFY_SLUG_LACKS(deploy, file)                                                                                \
    QVERIFY2(!(deploy).slugFiles.contains(QStringLiteral(file)), qPrintable((deploy).slugFiles.join(QLatin1Char(' '))))

// A push rejected without a release: the app still has the `before` releases its config vars made.
#define VERIFY_REJECTED_WITH(deploy, before)                                                                           \
    do {                                                                                                               \
        QVERIFY2((deploy).push.exitCode != 0, qPrintable((deploy).push.output));                                       \
        QVERIFY2((deploy).push.output.contains(QStringLiteral("Push rejected")), qPrintable((deploy).push.output));    \
        QCOMPARE((deploy).releases, (before));                                                                         \
    } while (false)

static const char kSitePackages[] = ".heroku/python/lib/python3.11/site-packages/";

class TestPythonBuildpack : public QObject {
    Q_OBJECT

    std::unique_ptr<BuildpackFixture> f;
    QProcess m_index;
    QString m_indexUrl; // http://127.0.0.1:PORT/

    // Creates `app` with the given config vars (the index as PIP_INDEX_URL unless they name one);
    // returns how many releases that made.
    int configure(const QString &app, json vars = json::object())
    {
        f->api().post(QStringLiteral("/apps"), {{"name", app.toStdString()}});
        if (!vars.contains("PIP_INDEX_URL") && !vars.contains("PIP_FIND_LINKS"))
            vars["PIP_INDEX_URL"] = (m_indexUrl + QStringLiteral("simple/")).toStdString();
        f->api().patch(QStringLiteral("/apps/") + app + QStringLiteral("/config-vars"), vars);
        return int(f->api().get(QStringLiteral("/apps/") + app + QStringLiteral("/releases")).json().size());
    }

    static bool has(const Deploy &d, const QString &sitePackagesEntry)
    {
        return d.slugFiles.contains(QLatin1String(kSitePackages) + sitePackagesEntry);
    }

private slots:
    void initTestCase()
    {
        f = std::make_unique<BuildpackFixture>(300);
        QVERIFY(f->started());
        // The index: wheels made now, served by the machine's python3 on a free loopback port.
        m_index.start(QStringLiteral("/usr/bin/python3"),
                      {QStringLiteral(DYNODESK_FIXTURES_DIR "/../pythonwheels.py"), f->tmp(QStringLiteral("index"))});
        QVERIFY2(m_index.waitForReadyRead(30000), qPrintable(QString::fromUtf8(m_index.readAllStandardError())));
        const int port = m_index.readLine().trimmed().toInt();
        QVERIFY(port > 0);
        m_indexUrl = QStringLiteral("http://127.0.0.1:%1/").arg(port);
    }

    void cleanupTestCase()
    {
        f.reset();
        m_index.kill();
        m_index.waitForFinished(5000);
    }

    // requirements.txt: the console script of an installed wheel serves the app through the router.
    void requirementsAppServedThroughRouter()
    {
        configure(QStringLiteral("py-pip"));
        const Deploy d = f->deploy(QStringLiteral("py-pip"), QStringLiteral("python-pip"));
        QVERIFY2(d.succeeded() && d.released(), qPrintable(d.push.output));
        VERIFY_PUSH_SAYS(d, "-----> Python app detected");
        VERIFY_PUSH_SAYS(d, "-----> Using Python 3.11 specified in .python-version");
        VERIFY_PUSH_SAYS(d, "-----> Installing dependencies using 'pip install -r requirements.txt'");
        VERIFY_PUSH_SAYS(d, "Successfully installed dynodesk-greeter-1.0.0 dynodesk-web-1.0.0");
        VERIFY_PUSH_SAYS(d, "-----> Saving cache");
        VERIFY_PUSH_LACKS(d, "Warning:");
        VERIFY_SLUG_HAS(d, ".heroku/python/bin/dynodesk-web");
        VERIFY_SLUG_HAS(d, ".profile.d/python.sh");
        QVERIFY(has(d, QStringLiteral("dynodesk_web/__init__.py")));
        VERIFY_PROCESS_TYPES(d, json({{"web", "dynodesk-web hello:application"}}));
        const auto page = f->fetchWhenUp(QStringLiteral("py-pip"));
        QCOMPARE(page.status, 200);
        QCOMPARE(page.body, QByteArray("Hello from python-pip\n"));
    }

    // A second push reuses the installed environment; a changed requirements.txt discards it.
    void cacheReusedOnSecondPush()
    {
        const int before = configure(QStringLiteral("py-cache"));
        const QString repo = f->repoOf(QStringLiteral("python-pip"), QStringLiteral("py-cache-repo"));
        QVERIFY(f->pushRepo(QStringLiteral("py-cache"), repo).succeeded());
        f->commitAll(repo, QStringLiteral("again"));
        const Deploy warm = f->pushRepo(QStringLiteral("py-cache"), repo);
        QVERIFY2(warm.succeeded() && warm.releases == before + 2, qPrintable(warm.push.output));
        VERIFY_PUSH_SAYS(warm, "-----> Restoring cache");
        VERIFY_PUSH_SAYS(warm, "-----> Using cached install of Python 3.11.2");
        VERIFY_PUSH_SAYS(warm, "Requirement already satisfied: dynodesk-web==1.0.0");
        VERIFY_PUSH_LACKS(warm, "Successfully installed");
        QVERIFY(has(warm, QStringLiteral("dynodesk_greeter/__init__.py")));

        QFile req(repo + QStringLiteral("/requirements.txt"));
        QVERIFY(req.open(QIODevice::Append));
        req.write("dynodesk-devtool==1.0.0\n");
        req.close();
        f->commitAll(repo, QStringLiteral("one more package"));
        const Deploy changed = f->pushRepo(QStringLiteral("py-cache"), repo);
        QVERIFY2(changed.succeeded(), qPrintable(changed.push.output));
        VERIFY_PUSH_SAYS(changed, "-----> Discarding cache since:");
        VERIFY_PUSH_SAYS(changed, "       - The contents of requirements.txt changed");
        VERIFY_PUSH_SAYS(changed, "Successfully installed dynodesk-devtool-1.0.0 dynodesk-greeter-1.0.0 dynodesk-web-1.0.0");
    }

    // Pipenv, Poetry and uv: the lockfile's main packages, exactly as locked, with its hashes.
    void lockfiles_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("lockfile");
        QTest::addColumn<QString>("tool");
        QTest::newRow("pipenv") << "python-pipenv" << "Pipfile.lock" << "Pipenv";
        QTest::newRow("poetry") << "python-poetry" << "poetry.lock" << "Poetry";
        QTest::newRow("uv") << "python-uv" << "uv.lock" << "uv";
    }
    void lockfiles()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, lockfile);
        QFETCH(QString, tool);
        const QString app = QStringLiteral("py-lock-") + QLatin1String(QTest::currentDataTag());
        configure(app);
        const Deploy d = f->deploy(app, fixture);
        QVERIFY2(d.succeeded() && d.released(), qPrintable(d.push.output));
        QVERIFY2(d.push.output.contains(QStringLiteral("-----> Installing dependencies from %1 (%2's lockfile) using "
                                                       "'pip install --require-hashes --no-deps -r <the locked versions>'")
                                            .arg(lockfile, tool)),
                 qPrintable(d.push.output));
        QVERIFY2(d.push.output.contains(QStringLiteral("%1 is not used: pip installs the 2 main packages %2 pins").arg(tool, lockfile)),
                 qPrintable(d.push.output));
        QVERIFY(has(d, QStringLiteral("dynodesk_web/__init__.py")));
        QVERIFY(has(d, QStringLiteral("dynodesk_greeter/__init__.py")));
        QVERIFY2(!has(d, QStringLiteral("dynodesk_devtool/__init__.py")), "a dev dependency was installed");
        const auto page = f->fetchWhenUp(app);
        QCOMPARE(page.body, (QStringLiteral("Hello from ") + fixture + QLatin1Char('\n')).toUtf8());
    }

    // .python-version asking for another major version than the machine's: a warning, the build goes
    // on. The packages come from PIP_EXTRA_INDEX_URL (the main index has none of them).
    void pythonVersionDiffering()
    {
        const QString empty = m_indexUrl + QStringLiteral("empty/"), extra = m_indexUrl + QStringLiteral("simple/");
        configure(QStringLiteral("py-version"), {{"PIP_INDEX_URL", empty.toStdString()}, {"PIP_EXTRA_INDEX_URL", extra.toStdString()}});
        const Deploy d = f->deploy(QStringLiteral("py-version"), QStringLiteral("python-poetry"));
        QVERIFY2(d.succeeded() && d.released(), qPrintable(d.push.output));
        QVERIFY2(d.push.output.contains(QStringLiteral("Looking in indexes: %1, %2").arg(empty, extra)), qPrintable(d.push.output));
        VERIFY_PUSH_SAYS(d, "-----> Using Python 3.12 specified in .python-version");
        VERIFY_PUSH_SAYS(d, " !     Warning: Python 3.12 isn't installed on this machine.");
        VERIFY_PUSH_SAYS(d, "-----> Installing Python 3.11.2 from this machine");
    }

    void runtimeTxtDeprecated()
    {
        configure(QStringLiteral("py-runtime"));
        const Deploy d = f->deploy(QStringLiteral("py-runtime"), QStringLiteral("python-runtimetxt"));
        QVERIFY2(d.succeeded() && d.released(), qPrintable(d.push.output));
        VERIFY_PUSH_SAYS(d, "-----> Using Python 3.11 specified in runtime.txt");
        VERIFY_PUSH_SAYS(d, " !     Warning: The runtime.txt file is deprecated.");
        VERIFY_PUSH_LACKS(d, "isn't installed on this machine");
        VERIFY_PROCESS_TYPES(d, json({{"web", "python3 app.py"}}));
    }

    // Pushes rejected with the platform's words (pip's own for a package no index has), no release.
    void rejected_data()
    {
        QTest::addColumn<QString>("app");
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QStringList>("says");
        QTest::newRow("unknown package") << "py-unknown" << "python-unknown" << QStringList{
            "ERROR: Could not find a version that satisfies the requirement dynodesk-not-on-any-index==2.0.0",
            "Error: Unable to install dependencies using pip."};
        QTest::newRow("two package managers") << "py-two" << "python-two-managers" << QStringList{
            "Error: Multiple Python package manager files were found.", "requirements.txt (pip)", "poetry.lock (Poetry)"};
        QTest::newRow("pyproject without lockfile") << "py-nolock" << "python-pyproject-only" << QStringList{
            "Error: Couldn't find any supported Python package manager files.", "pyproject.toml"};
        QTest::newRow("Pipfile without lockfile") << "py-pipfile" << "python-pipfile-only" << QStringList{"Error: No 'Pipfile.lock' found!"};
    }
    void rejected()
    {
        QFETCH(QString, app);
        QFETCH(QString, fixture);
        QFETCH(QStringList, says);
        const int before = configure(app);
        const Deploy d = f->deploy(app, fixture);
        VERIFY_REJECTED_WITH(d, before);
        for (const QString &text : says)
            QVERIFY2(d.push.output.contains(text), qPrintable(d.push.output));
    }

    // Django from a folder of wheels (PIP_FIND_LINKS, no index): collectstatic runs at build time.
    void collectstatic()
    {
        configure(QStringLiteral("py-django"), {{"PIP_NO_INDEX", "1"}, {"PIP_FIND_LINKS", (m_indexUrl + QStringLiteral("wheels/")).toStdString()}});
        const Deploy d = f->deploy(QStringLiteral("py-django"), QStringLiteral("python-django"));
        QVERIFY2(d.succeeded() && d.released(), qPrintable(d.push.output));
        VERIFY_PUSH_SAYS(d, "-----> No Python version was specified. Using the buildpack default: Python 3.11");
        VERIFY_PUSH_SAYS(d, " !     Warning: No Python version was specified.");
        VERIFY_PUSH_SAYS(d, "-----> $ python manage.py collectstatic --noinput");
        VERIFY_PUSH_SAYS(d, "1 static files copied to '/tmp/build_");
        VERIFY_SLUG_HAS(d, "staticfiles/css/site.css");
    }

    void collectstaticDisabled()
    {
        configure(QStringLiteral("py-django-off"), {{"DISABLE_COLLECTSTATIC", "1"}, {"PIP_NO_INDEX", "1"},
                                                    {"PIP_FIND_LINKS", (m_indexUrl + QStringLiteral("wheels/")).toStdString()}});
        const Deploy d = f->deploy(QStringLiteral("py-django-off"), QStringLiteral("python-django"));
        QVERIFY2(d.succeeded() && d.released(), qPrintable(d.push.output));
        VERIFY_PUSH_SAYS(d, "-----> Skipping Django collectstatic since the env var DISABLE_COLLECTSTATIC is set.");
        VERIFY_PUSH_LACKS(d, "collectstatic --noinput");
        VERIFY_SLUG_LACKS(d, "staticfiles/css/site.css");
    }

    void collectstaticFailureFailsThePush()
    {
        const int before = configure(QStringLiteral("py-django-bad"), {{"BREAK_STATIC_ROOT", "1"}});
        const Deploy d = f->deploy(QStringLiteral("py-django-bad"), QStringLiteral("python-django"));
        VERIFY_REJECTED_WITH(d, before);
        VERIFY_PUSH_SAYS(d, "ImproperlyConfigured: You're using the staticfiles app without having set the STATIC_ROOT setting");
        VERIFY_PUSH_SAYS(d, "Error: Unable to generate Django static files.");
        VERIFY_PUSH_SAYS(d, "$ heroku config:set DISABLE_COLLECTSTATIC=1");
    }
};

QTEST_GUILESS_MAIN(TestPythonBuildpack)
#include "tst_pythonbuildpack.moc"
