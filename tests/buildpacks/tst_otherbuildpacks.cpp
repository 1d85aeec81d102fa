// The Ruby, Go and Java buildpacks where the toolchain or the dependencies are not on this
// machine: the push is rejected at once (no network waits), without a release, naming what is
// missing and how to provide it offline.
#include "buildpackfixture.h"

#include <QElapsedTimer>
#include <QStandardPaths>

using namespace dynodesk::testing;

// Long enough for a local build to fail, far shorter than a network timeout and its retries.
static constexpr qint64 kAtOnceMs = 60000;

class TestOtherBuildpacks : public QObject {
    Q_OBJECT

    std::unique_ptr<BuildpackFixture> m_fx;

    static bool installed(const char *tool) { return !QStandardPaths::findExecutable(QString::fromUtf8(tool)).isEmpty(); }

    Deploy deployTimed(const QString &app, const QString &fixture)
    {
        QElapsedTimer t;
        t.start();
        Deploy d = m_fx->deploy(app, fixture);
        [&] { QVERIFY2(t.elapsed() < kAtOnceMs, qPrintable(QStringLiteral("took %1 ms").arg(t.elapsed()))); }();
        return d;
    }

private slots:
    void initTestCase()
    {
        m_fx = std::make_unique<BuildpackFixture>();
        QVERIFY(m_fx->started());
    }

    void rubyWithoutLockfileIsRefused()
    {
        const Deploy d = deployTimed(QStringLiteral("ruby-nolock"), QStringLiteral("ruby-no-lockfile"));
        VERIFY_REJECTED(d);
        VERIFY_PUSH_SAYS(d, "Ruby app detected");
        VERIFY_PUSH_SAYS(d, "Gemfile.lock required. Please check it in");
    }

    void rubyGemsNotVendoredAreNamed()
    {
        const Deploy d = deployTimed(QStringLiteral("ruby-novendor"), QStringLiteral("ruby-gems-not-vendored"));
        VERIFY_REJECTED(d);
        VERIFY_PUSH_SAYS(d, "Gemfile.lock needs gems not in vendor/cache: dynodesk-absent-gem-0.0.1 dynodesk-absent-dep-1.0.2");
        VERIFY_PUSH_SAYS(d, "run `bundle package` (bundle cache) and commit vendor/cache");
        if (!installed("ruby"))
            VERIFY_PUSH_SAYS(d, "ruby is not installed on this machine. Install it (Debian package ruby-full)");
        if (!installed("bundle"))
            VERIFY_PUSH_SAYS(d, "bundle (Bundler) is not installed on this machine");
        QVERIFY2(!d.push.output.contains(QStringLiteral("Fetching")), qPrintable(d.push.output));
    }

    void goModulesNotVendoredAreNamed()
    {
        const Deploy d = deployTimed(QStringLiteral("go-novendor"), QStringLiteral("go-modules-not-vendored"));
        VERIFY_REJECTED(d);
        VERIFY_PUSH_SAYS(d, "Go app detected");
        VERIFY_PUSH_SAYS(d, "go.mod requires modules that are not vendored (no vendor/modules.txt).");
        VERIFY_PUSH_SAYS(d, "run `go mod vendor` and commit vendor/");
        if (!installed("go"))
            VERIFY_PUSH_SAYS(d, "go is not installed on this machine. Install it (Debian package golang-go)");
    }

    void javaWithoutALocalRepositoryFailsOffline()
    {
        if (!installed("java") || !installed("mvn"))
            QSKIP("needs java and mvn on this machine");
        const Deploy d = deployTimed(QStringLiteral("java-offline"), QStringLiteral("java-maven-offline"));
        VERIFY_REJECTED(d);
        VERIFY_PUSH_SAYS(d, "Java app detected");
        VERIFY_PUSH_SAYS(d, "Running: mvn -B -q -o -DskipTests package");
        VERIFY_PUSH_SAYS(d, "in offline mode"); // Maven's own words
        VERIFY_PUSH_SAYS(d, "Failed to build app with Maven: Maven cannot reach the central repository from here.");
        VERIFY_PUSH_SAYS(d, "`mvn dependency:go-offline -Dmaven.repo.local=.m2/repository` and commit .m2/repository");
        VERIFY_PUSH_SAYS(d, "set MAVEN_SETTINGS_PATH");
    }

    void javaUsesTheRepositoryCommittedWithTheApp()
    {
        if (!installed("java") || !installed("mvn"))
            QSKIP("needs java and mvn on this machine");
        const QString repo = m_fx->repoOf(QStringLiteral("java-maven-offline"), QStringLiteral("java-m2"));
        QVERIFY(QDir().mkpath(repo + QStringLiteral("/.m2/repository/test/dynodesk/placeholder")));
        QFile marker(repo + QStringLiteral("/.m2/repository/test/dynodesk/placeholder/README"));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write("a committed local Maven repository\n");
        marker.close();
        m_fx->commitAll(repo, QStringLiteral("commit a local repository"));
        m_fx->api().post(QStringLiteral("/apps"), {{"name", "java-m2"}});
        const Deploy d = m_fx->pushRepo(QStringLiteral("java-m2"), repo);
        VERIFY_REJECTED(d); // the committed repository lacks Maven's plugins
        VERIFY_PUSH_SAYS(d, "Using the Maven repository committed with the app (.m2/repository)");
        VERIFY_PUSH_SAYS(d, "Failed to build app with Maven");
    }

    void javaWithSettingsAsksItsRepositories()
    {
        if (!installed("java") || !installed("mvn"))
            QSKIP("needs java and mvn on this machine");
        const QString repo = m_fx->repoOf(QStringLiteral("java-maven-offline"), QStringLiteral("java-mirror"));
        QFile settings(repo + QStringLiteral("/settings.xml"));
        QVERIFY(settings.open(QIODevice::WriteOnly));
        // A mirror that refuses at once (the discard port on loopback).
        settings.write("<settings><mirrors><mirror><id>lab</id><mirrorOf>*</mirrorOf>"
                       "<url>http://127.0.0.1:9/maven</url></mirror></mirrors></settings>\n");
        settings.close();
        m_fx->commitAll(repo, QStringLiteral("a mirror"));
        m_fx->api().post(QStringLiteral("/apps"), {{"name", "java-mirror"}});
        QElapsedTimer t;
        t.start();
        const Deploy d = m_fx->pushRepo(QStringLiteral("java-mirror"), repo);
        QVERIFY(t.elapsed() < kAtOnceMs);
        VERIFY_REJECTED(d);
        VERIFY_PUSH_SAYS(d, "Running: mvn -B -q -s settings.xml -DskipTests package");
        VERIFY_PUSH_SAYS(d, "it could not get what the build needs from the repositories");
        VERIFY_PUSH_SAYS(d, "that settings.xml names.");
        QVERIFY2(!d.push.output.contains(QStringLiteral("offline mode")), qPrintable(d.push.output));
    }

    void javaSettingsPathMustBeAFile()
    {
        if (!installed("java") || !installed("mvn"))
            QSKIP("needs java and mvn on this machine");
        m_fx->api().post(QStringLiteral("/apps"), {{"name", "java-settings"}});
        QCOMPARE(m_fx->api().patch(QStringLiteral("/apps/java-settings/config-vars"),
                                   {{"MAVEN_SETTINGS_PATH", "config/missing-settings.xml"}}).status, 200);
        const Deploy d = deployTimed(QStringLiteral("java-settings"), QStringLiteral("java-maven-offline"));
        QVERIFY2(!d.succeeded(), qPrintable(d.push.output));
        QCOMPARE(d.releases, 2); // the first and the config var's, no build's
        VERIFY_PUSH_SAYS(d, "MAVEN_SETTINGS_PATH names config/missing-settings.xml, which is not a file in the app.");
    }
};

QTEST_GUILESS_MAIN(TestOtherBuildpacks)
#include "tst_otherbuildpacks.moc"
