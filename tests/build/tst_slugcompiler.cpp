// The slug compiler with real parts: real tar and git for the source, real processes for the
// buildpacks. Most cases use a tiny buildpack written into a temporary dir, so each one can
// check one part of the contract (bin/detect, bin/compile BUILD CACHE ENV, bin/release's YAML);
// one case runs the built-in static buildpack from resources/buildpacks on a fixture app.

#include "build/buildpacks.h"
#include "build/slugcompiler.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace dynodesk::build;

namespace {

void writeFile(const QString &path, const QByteArray &content, bool executable = false)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(content);
    f.close();
    if (executable)
        f.setPermissions(f.permissions() | QFile::ExeOwner | QFile::ExeUser);
}

QString run(const QString &program, const QStringList &args, const QString &dir = {})
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(program, args);
    p.waitForFinished(60000);
    if (p.exitCode() != 0)
        qWarning("%s %s: %s", qPrintable(program), qPrintable(args.join(' ')), p.readAllStandardError().constData());
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

// The tiny buildpack's default scripts; a case replaces the one it is about.
struct Buildpack {
    QByteArray detect = "#!/bin/sh\n[ -f \"$1/tiny.txt\" ] || exit 1\necho TinyLang\n";
    // Records what it was given, and that the env dir holds the app's config.
    QByteArray compile = "#!/bin/sh\nset -e\necho \"-----> Compiling $(cat \"$1/tiny.txt\")\"\n"
                         "echo \"args $# build=$(basename \"$1\") cache=$(basename \"$2\") env=$(basename \"$3\")\"\n"
                         "echo \"GREETING=$(cat \"$3/GREETING\") STACK=$STACK SOURCE_VERSION=$SOURCE_VERSION\"\n"
                         "echo compiled > \"$1/compiled.out\"\n";
    QByteArray release = "#!/bin/sh\necho '---'\necho 'default_process_types:'\n"
                         "echo '  web: ./tiny serve'\necho '  worker: ./tiny work'\n";
};

} // namespace

class TestSlugCompiler final : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_n = 0;

    QString makeBuildpack(const Buildpack &bp)
    {
        const QString dir = m_tmp.filePath(QStringLiteral("bp%1").arg(++m_n));
        writeFile(dir + "/bin/detect", bp.detect, true);
        writeFile(dir + "/bin/compile", bp.compile, true);
        writeFile(dir + "/bin/release", bp.release, true);
        return dir;
    }

    // A .tar.gz of `files` (path → content) under one top-level folder, as GitHub serves them.
    QString makeTarball(const QMap<QString, QByteArray> &files)
    {
        const QString root = m_tmp.filePath(QStringLiteral("src%1").arg(++m_n));
        for (auto it = files.begin(); it != files.end(); ++it)
            writeFile(root + "/app-main/" + it.key(), it.value());
        const QString tarball = root + ".tar.gz";
        run(QStringLiteral("tar"), {"-czf", tarball, "-C", root, "app-main"});
        return tarball;
    }

    BuildJob job(const QString &tarball, const std::vector<std::string> &buildpacks)
    {
        BuildJob j;
        j.buildId = "b" + std::to_string(++m_n);
        j.stackName = "heroku-24";
        j.sourceTarball = tarball.toStdString();
        j.buildpacks = buildpacks;
        j.config = {{"GREETING", "hello"}};
        j.cacheDir = m_tmp.filePath(QStringLiteral("cache")).toStdString();
        j.workDir = m_tmp.filePath(QStringLiteral("work")).toStdString();
        j.slugPath = m_tmp.filePath(QStringLiteral("slugs/%1.tgz").arg(m_n)).toStdString();
        j.timeout = std::chrono::seconds(60);
        return j;
    }

    static bool hasLine(const BuildOutput &out, const std::string &line)
    {
        const auto lines = out.lines();
        return std::find(lines.begin(), lines.end(), line) != lines.end();
    }
    static QString dump(const BuildOutput &out)
    {
        QString s;
        for (const auto &l : out.lines())
            s += QString::fromStdString(l) + '\n';
        return s;
    }
    QStringList slugFiles(const BuildJob &j)
    {
        return run(QStringLiteral("tar"), {"-tzf", QString::fromStdString(j.slugPath)}).split('\n');
    }
    // The last lines must be the platform's failure, nothing packed.
    static void verifyFailed(const BuildResult &r, const BuildOutput &out, const BuildJob &j, const std::string &problem)
    {
        QVERIFY(!r.ok);
        QVERIFY2(hasLine(out, problem), qPrintable(dump(out)));
        QCOMPARE(out.lines().back(), std::string(" !     Push failed"));
        QVERIFY(!QFile::exists(QString::fromStdString(j.slugPath)));
    }

private slots:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void compilesWithTheBuildpackContract()
    {
        const QString bp = makeBuildpack({});
        auto j = job(makeTarball({{"tiny.txt", "tiny-app"}, {"Procfile", "web: ./tiny serve --fast\n"}}), {bp.toStdString()});
        BuildOutput out{std::string()};
        const BuildResult r = SlugCompiler::run(j, out);
        QVERIFY2(r.ok, qPrintable(dump(out)));
        QCOMPARE(r.language, std::string("TinyLang"));
        QCOMPARE(r.buildpackDescription, std::string("TinyLang"));
        // The Procfile wins for `web`; the buildpack's other default types stay.
        QCOMPARE(r.processTypes, (ProcessTypes{{"web", "./tiny serve --fast"}, {"worker", "./tiny work"}}));
        const auto lines = out.lines();
        QCOMPARE(lines.front(), std::string("-----> Building on the Heroku-24 stack"));
        QVERIFY(hasLine(out, "-----> TinyLang app detected"));
        QVERIFY(hasLine(out, "-----> Compiling tiny-app")); // compile's output passes through as it is
        QVERIFY(hasLine(out, "args 3 build=app cache=cache env=env"));
        QVERIFY(hasLine(out, "GREETING=hello STACK=heroku-24 SOURCE_VERSION="));
        QVERIFY(hasLine(out, "-----> Discovering process types"));
        QVERIFY(hasLine(out, "       Procfile declares types -> web, worker"));
        QVERIFY(hasLine(out, "-----> Compressing..."));
        QCOMPARE(QString::fromStdString(lines.back()), QStringLiteral("       Done: %1").arg(QString::fromStdString(humanSize(r.slugSize))));
        QVERIFY(r.slugSize > 0);
        QCOMPARE(QFileInfo(QString::fromStdString(j.slugPath)).size(), r.slugSize);
        const QStringList files = slugFiles(j);
        QVERIFY2(files.contains("./compiled.out") && files.contains("./tiny.txt") && files.contains("./Procfile"),
                 qPrintable(files.join(' ')));
    }

    void defaultProcessTypesWithoutProcfile()
    {
        const QString bp = makeBuildpack({});
        auto j = job(makeTarball({{"tiny.txt", "x"}}), {bp.toStdString()});
        BuildOutput out{std::string()};
        const BuildResult r = SlugCompiler::run(j, out);
        QVERIFY2(r.ok, qPrintable(dump(out)));
        QCOMPARE(r.processTypes, (ProcessTypes{{"web", "./tiny serve"}, {"worker", "./tiny work"}}));
        QVERIFY2(hasLine(out, "       Default types for buildpack -> web, worker"), qPrintable(dump(out)));
    }

    void releaseWithoutDefaultTypes()
    {
        Buildpack b;
        b.release = "#!/bin/sh\necho '--- {}'\n";
        auto j = job(makeTarball({{"tiny.txt", "x"}}), {makeBuildpack(b).toStdString()});
        BuildOutput out{std::string()};
        const BuildResult r = SlugCompiler::run(j, out);
        QVERIFY2(r.ok, qPrintable(dump(out)));
        QVERIFY(r.processTypes.empty());
        QVERIFY(hasLine(out, "       Default types for buildpack -> (none)"));
    }

    void slugignoreAndAlwaysRemoved()
    {
        const QString bp = makeBuildpack({});
        auto j = job(makeTarball({{"tiny.txt", "x"},
                                  {".slugignore", "# not in the slug\n*.psd\n/docs\nspec/\n\n"},
                                  {"art/logo.psd", "big"},
                                  {"docs/guide.md", "g"},
                                  {"lib/docs/kept.md", "k"}, // `/docs` is anchored to the root
                                  {"spec/a_spec.rb", "s"},
                                  {"log/development.log", "l"},
                                  {"tmp/cache/x", "t"},
                                  {"keep.txt", "k"}}),
                     {bp.toStdString()});
        BuildOutput out{std::string()};
        const BuildResult r = SlugCompiler::run(j, out);
        QVERIFY2(r.ok, qPrintable(dump(out)));
        QVERIFY2(hasLine(out, "       Removed 3 files and folders named in .slugignore"), qPrintable(dump(out)));
        const QStringList files = slugFiles(j);
        for (const char *gone : {"./art/logo.psd", "./docs/", "./docs/guide.md", "./spec/", "./log/development.log", "./tmp/cache/"})
            QVERIFY2(!files.contains(QString::fromLatin1(gone)), gone);
        for (const char *kept : {"./lib/docs/kept.md", "./keep.txt", "./log/", "./tmp/"})
            QVERIFY2(files.contains(QString::fromLatin1(kept)), kept);
    }

    void buildsAGitCommit()
    {
        const QString work = m_tmp.filePath(QStringLiteral("gitwork"));
        writeFile(work + "/tiny.txt", "from-git");
        writeFile(work + "/Procfile", "web: ./tiny serve\n");
        run(QStringLiteral("git"), {"init", "-q", work});
        run(QStringLiteral("git"), {"-c", "user.email=t@example.com", "-c", "user.name=t", "-C", work, "add", "."});
        run(QStringLiteral("git"), {"-c", "user.email=t@example.com", "-c", "user.name=t", "-C", work, "commit", "-q", "-m", "one"});
        const QString commit = run(QStringLiteral("git"), {"-C", work, "rev-parse", "HEAD"});
        QCOMPARE(commit.size(), 40);
        writeFile(work + "/tiny.txt", "not-committed"); // the build reads the commit, not the work tree

        auto j = job({}, {makeBuildpack({}).toStdString()});
        j.sourceTarball.clear();
        j.gitDir = (work + "/.git").toStdString();
        j.commit = commit.toStdString();
        BuildOutput out{std::string()};
        const BuildResult r = SlugCompiler::run(j, out);
        QVERIFY2(r.ok, qPrintable(dump(out)));
        QVERIFY(hasLine(out, "-----> Compiling from-git"));
        QVERIFY(hasLine(out, "GREETING=hello STACK=heroku-24 SOURCE_VERSION=" + j.commit));
        QVERIFY(!slugFiles(j).contains("./.git/"));
    }

    void runsEveryBuildpackAndTheLastOnesRelease()
    {
        Buildpack first;
        first.detect = "#!/bin/sh\necho First\n";
        first.compile = "#!/bin/sh\necho one > \"$1/first.out\"\n";
        first.release = "#!/bin/sh\necho 'default_process_types: {web: first}'\n";
        Buildpack second;
        second.compile = "#!/bin/sh\n[ -f \"$1/first.out\" ] && echo 'saw first'\n";
        auto j = job(makeTarball({{"tiny.txt", "x"}}), {makeBuildpack(first).toStdString(), makeBuildpack(second).toStdString()});
        BuildOutput out{std::string()};
        const BuildResult r = SlugCompiler::run(j, out);
        QVERIFY2(r.ok, qPrintable(dump(out)));
        QVERIFY(hasLine(out, "-----> First app detected"));
        QVERIFY(hasLine(out, "-----> TinyLang app detected"));
        QVERIFY(hasLine(out, "saw first"));
        QCOMPARE(r.language, std::string("TinyLang"));
        QCOMPARE(r.processTypes, (ProcessTypes{{"web", "./tiny serve"}, {"worker", "./tiny work"}}));
    }

    void appBuildpackThatDoesNotDetect()
    {
        const std::string bp = makeBuildpack({}).toStdString();
        auto j = job(makeTarball({{"other.txt", "x"}}), {bp});
        BuildOutput out{std::string()};
        verifyFailed(SlugCompiler::run(j, out), out, j, "-----> App not compatible with buildpack: " + bp);
    }

    void noBuiltinBuildpackDetects()
    {
        auto j = job(makeTarball({{"other.txt", "x"}}), {});
        j.builtinBuildpacks = {makeBuildpack({}).toStdString()};
        BuildOutput out{std::string()};
        verifyFailed(SlugCompiler::run(j, out), out, j, " !     No default language could be detected for this app.");
        QVERIFY(hasLine(out, "\t\t\tSee https://devcenter.heroku.com/articles/buildpacks"));
    }

    void compileFailureNamesTheLanguage()
    {
        Buildpack b;
        b.compile = "#!/bin/sh\necho 'npm ERR! missing script'\nexit 3\n";
        auto j = job(makeTarball({{"tiny.txt", "x"}}), {makeBuildpack(b).toStdString()});
        BuildOutput out{std::string()};
        verifyFailed(SlugCompiler::run(j, out), out, j, " !     Push rejected, failed to compile TinyLang app.");
        QVERIFY(hasLine(out, "npm ERR! missing script"));
    }

    void releaseThatIsNotYaml()
    {
        Buildpack b;
        b.release = "#!/bin/sh\necho 'just words'\n";
        auto j = job(makeTarball({{"tiny.txt", "x"}}), {makeBuildpack(b).toStdString()});
        BuildOutput out{std::string()};
        const BuildResult r = SlugCompiler::run(j, out);
        verifyFailed(r, out, j, " !     Push rejected, failed to compile TinyLang app.");
        const auto lines = out.lines();
        QVERIFY(std::any_of(lines.begin(), lines.end(), [](const std::string &l) {
            return l.rfind(" !     The buildpack's bin/release did not print valid YAML: ", 0) == 0;
        }));
    }

    void invalidProcfileFailsThePush()
    {
        auto j = job(makeTarball({{"tiny.txt", "x"}, {"Procfile", "web: ok\n<<<<<<< HEAD\n"}}), {makeBuildpack({}).toStdString()});
        BuildOutput out{std::string()};
        verifyFailed(SlugCompiler::run(j, out), out, j,
                     " !     Procfile line 2 is not valid: `<<<<<<< HEAD`. Each line must be `<process type>: <command>`.");
    }

    void unreadableSource()
    {
        auto j = job(m_tmp.filePath(QStringLiteral("no-such.tar.gz")), {makeBuildpack({}).toStdString()});
        BuildOutput out{std::string()};
        const BuildResult r = SlugCompiler::run(j, out);
        QVERIFY(!r.ok);
        QVERIFY(out.lines().at(1).rfind(" !     Could not read the app's source: ", 0) == 0);
        QCOMPARE(out.lines().back(), std::string(" !     Push failed"));
    }

    void timeoutKillsTheCompile()
    {
        Buildpack b;
        b.compile = "#!/bin/sh\necho started\nsleep 60\n";
        auto j = job(makeTarball({{"tiny.txt", "x"}}), {makeBuildpack(b).toStdString()});
        j.timeout = std::chrono::seconds(2);
        BuildOutput out{std::string()};
        QElapsedTimer t;
        t.start();
        verifyFailed(SlugCompiler::run(j, out), out, j, " !     Build timed out after 2 seconds.");
        QVERIFY2(t.elapsed() < 30000, "the compile's sleep was not killed");
    }

    void slugOverTheLimit()
    {
        auto j = job(makeTarball({{"tiny.txt", "x"}}), {makeBuildpack({}).toStdString()});
        j.maxSlugBytes = 10;
        BuildOutput out{std::string()};
        const BuildResult r = SlugCompiler::run(j, out);
        QVERIFY(!r.ok);
        const std::string line = out.lines().at(out.lines().size() - 2);
        QVERIFY2(line.rfind(" !     Compiled slug size: ", 0) == 0 && line.ends_with(" is too large (max is 1K)."), line.c_str());
        QVERIFY(!QFile::exists(QString::fromStdString(j.slugPath)));
    }

    void humanSizes()
    {
        QCOMPARE(humanSize(0), std::string("0K"));
        QCOMPARE(humanSize(1), std::string("1K"));
        QCOMPARE(humanSize(21 * 1024), std::string("21K"));
        QCOMPARE(humanSize(8703180), std::string("8.3M"));
    }

    // The built-in static buildpack on the static-site fixture, detected among all built-ins.
    void builtinStaticBuildpack()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("the static buildpack needs python3");
        const QString fixture = QStringLiteral(DYNODESK_FIXTURES_DIR "/static-site");
        const QString tarball = m_tmp.filePath(QStringLiteral("static.tar.gz"));
        run(QStringLiteral("tar"), {"-czf", tarball, "-C", fixture, "."});
        auto j = job(tarball, {});
        j.builtinBuildpacks = builtinBuildpackDirs(DYNODESK_BUILDPACKS_DIR);
        BuildOutput out{std::string()};
        const BuildResult r = SlugCompiler::run(j, out);
        QVERIFY2(r.ok, qPrintable(dump(out)));
        QCOMPARE(r.language, std::string("Static HTML"));
        QVERIFY(hasLine(out, "-----> Static HTML app detected"));
        QCOMPARE(r.processTypes, (ProcessTypes{{"web", "python3 .dynodesk-static/server.py"}}));
        QVERIFY(slugFiles(j).contains("./.dynodesk-static/server.py"));
    }
};

QTEST_GUILESS_MAIN(TestSlugCompiler)
#include "tst_slugcompiler.moc"
