// The app.json reader of the Button's deploy form: the manifest's fields, found in a directory or
// a gzip tarball (at the root or under its single top-level folder), and clear errors when it is
// missing or not JSON; Button links and the platform's app-name rule.
#include "wizards/manifestreader.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace dynodesk::ideplugin;

// (moc does not read raw string literals: plain ones)
static const QByteArray kManifest =
    "{\n"
    "  \"name\": \"Small Sharp Tool\",\n"
    "  \"description\": \"Does one thing well.\",\n"
    "  \"repository\": \"https://example.com/tool\",\n"
    "  \"logo\": \"https://example.com/logo.svg\",\n"
    "  \"scripts\": {\"postdeploy\": \"node seed.js\"},\n"
    "  \"env\": {\n"
    "    \"GREETING\": \"hello\",\n"
    "    \"SECRET_TOKEN\": {\"description\": \"Signs cookies.\", \"generator\": \"secret\"},\n"
    "    \"WEB_CONCURRENCY\": {\"description\": \"Processes to run.\", \"value\": \"5\", \"required\": false},\n"
    "    \"API_KEY\": {\"description\": \"The service's key.\"}\n"
    "  },\n"
    "  \"addons\": [\"heroku-postgresql\", {\"plan\": \"heroku-redis:mini\", \"as\": \"CACHE\"}],\n"
    "  \"formation\": {\"web\": {\"quantity\": 2, \"size\": \"standard-1x\"}, \"worker\": {\"quantity\": 1}},\n"
    "  \"buildpacks\": [{\"url\": \"heroku/nodejs\"}],\n"
    "  \"unknown\": 1\n"
    "}\n";

class TestManifestReader : public QObject {
    Q_OBJECT

    static bool write(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    }
    static bool tarball(const QString &dir, const QString &out)
    {
        return QProcess::execute(QStringLiteral("tar"), {QStringLiteral("-czf"), out, QStringLiteral("-C"), dir,
                                                         QStringLiteral(".")}) == 0;
    }

private slots:
    void parsesEveryFieldTheFormShows()
    {
        const ManifestRead read = manifest::parse(kManifest);
        QVERIFY2(read.ok(), qPrintable(read.error));
        const AppManifest &m = read.manifest;
        QCOMPARE(m.name, QStringLiteral("Small Sharp Tool"));
        QCOMPARE(m.description, QStringLiteral("Does one thing well."));
        QCOMPARE(m.repository, QStringLiteral("https://example.com/tool"));
        QCOMPARE(m.logo, QStringLiteral("https://example.com/logo.svg"));
        QCOMPARE(m.postdeploy, QStringLiteral("node seed.js"));
        QCOMPARE(m.env.size(), 4);
        auto var = [&m](const QString &key) {
            for (const auto &v : m.env)
                if (v.key == key)
                    return v;
            return AppManifest::EnvVar{};
        };
        QCOMPARE(var(QStringLiteral("GREETING")).value, QStringLiteral("hello"));
        QVERIFY(var(QStringLiteral("GREETING")).required);
        QVERIFY(var(QStringLiteral("SECRET_TOKEN")).generated);
        QCOMPARE(var(QStringLiteral("SECRET_TOKEN")).description, QStringLiteral("Signs cookies."));
        QCOMPARE(var(QStringLiteral("WEB_CONCURRENCY")).value, QStringLiteral("5"));
        QVERIFY(!var(QStringLiteral("WEB_CONCURRENCY")).required);
        QVERIFY(var(QStringLiteral("API_KEY")).required);
        QVERIFY(var(QStringLiteral("API_KEY")).value.isEmpty());
        QCOMPARE(m.addons.size(), 2);
        QCOMPARE(m.addons[0].plan, QStringLiteral("heroku-postgresql"));
        QCOMPARE(m.addons[1].plan, QStringLiteral("heroku-redis:mini"));
        QCOMPARE(m.addons[1].as, QStringLiteral("CACHE"));
        QCOMPARE(m.formation.size(), 2);
        QCOMPARE(m.formation[0].type, QStringLiteral("web"));
        QCOMPARE(m.formation[0].quantity, 2);
        QCOMPARE(m.formation[0].size, QStringLiteral("standard-1x"));
        QCOMPARE(m.formation[1].quantity, 1);
        QCOMPARE(m.buildpacks, QStringList{QStringLiteral("heroku/nodejs")});
    }

    void notJsonIsSaidSo()
    {
        ManifestRead read = manifest::parse("{\"name\": ");
        QVERIFY(!read.ok());
        QVERIFY2(read.error.startsWith(QStringLiteral("app.json is not valid JSON")), qPrintable(read.error));
        read = manifest::parse("[1, 2]");
        QCOMPARE(read.error, QStringLiteral("app.json is not a JSON object."));
    }

    void readsADirectoryAtItsRootOrUnderItsSingleFolder()
    {
        QTemporaryDir dir;
        QVERIFY(write(dir.filePath(QStringLiteral("app.json")), kManifest));
        QCOMPARE(manifest::readLocal(dir.path()).manifest.name, QStringLiteral("Small Sharp Tool"));
        QTemporaryDir nested;
        QVERIFY(write(nested.filePath(QStringLiteral("tool-main/app.json")), kManifest));
        QCOMPARE(manifest::readLocal(nested.path()).manifest.name, QStringLiteral("Small Sharp Tool"));
        QTemporaryDir empty;
        QVERIFY(write(empty.filePath(QStringLiteral("README")), "no manifest"));
        QCOMPARE(manifest::readLocal(empty.path()).error,
                 QStringLiteral("There is no app.json in %1.").arg(QDir::toNativeSeparators(empty.path())));
    }

    void readsATarballAtItsRootOrUnderItsSingleFolder_data()
    {
        QTest::addColumn<QString>("where");
        QTest::newRow("root") << QString();
        QTest::newRow("single top-level folder") << QStringLiteral("tool-0a1b2c/");
    }
    void readsATarballAtItsRootOrUnderItsSingleFolder()
    {
        QFETCH(QString, where);
        QTemporaryDir src, out;
        QVERIFY(write(src.filePath(where + QStringLiteral("app.json")), kManifest));
        QVERIFY(write(src.filePath(where + QStringLiteral("server.js")), "// code"));
        const QString tgz = out.filePath(QStringLiteral("tool.tgz"));
        QVERIFY(tarball(src.path(), tgz));
        const ManifestRead read = manifest::readLocal(tgz);
        QVERIFY2(read.ok(), qPrintable(read.error));
        QCOMPARE(read.manifest.env.size(), 4);
        QCOMPARE(manifest::readLocal(QUrl::fromLocalFile(tgz).toString()).manifest.name, QStringLiteral("Small Sharp Tool"));
    }

    void aTarballWithoutAManifestOrNotGzipIsSaidSo()
    {
        QTemporaryDir src, out;
        QVERIFY(write(src.filePath(QStringLiteral("a/server.js")), "// code"));
        QVERIFY(write(src.filePath(QStringLiteral("b/app.json")), kManifest)); // two folders: not the root's
        const QString tgz = out.filePath(QStringLiteral("none.tar.gz"));
        QVERIFY(tarball(src.path(), tgz));
        QVERIFY2(manifest::readLocal(tgz).error.startsWith(QStringLiteral("There is no app.json at the root of")),
                 qPrintable(manifest::readLocal(tgz).error));
        const QString plain = out.filePath(QStringLiteral("plain.tgz"));
        QVERIFY(write(plain, "just text"));
        QVERIFY2(manifest::readLocal(plain).error.endsWith(QStringLiteral("is not a gzip tarball.")),
                 qPrintable(manifest::readLocal(plain).error));
        QVERIFY(manifest::readLocal(out.filePath(QStringLiteral("missing.tgz"))).error.endsWith(QStringLiteral("does not exist.")));
        // A broken app.json inside a tarball: the JSON error.
        QTemporaryDir bad;
        QVERIFY(write(bad.filePath(QStringLiteral("app.json")), "{oops"));
        const QString badTgz = out.filePath(QStringLiteral("bad.tgz"));
        QVERIFY(tarball(bad.path(), badTgz));
        QVERIFY(manifest::readLocal(badTgz).error.startsWith(QStringLiteral("app.json is not valid JSON")));
    }

    void buttonLinksNameTheirTemplate_data()
    {
        QTest::addColumn<QString>("link");
        QTest::addColumn<QString>("source");
        QTest::addColumn<bool>("remote");
        QTest::newRow("button") << "https://heroku.com/deploy?template=https://github.com/a/b/tarball/main"
                                << "https://github.com/a/b/tarball/main" << true;
        QTest::newRow("encoded") << "https://www.heroku.com/deploy/?template=https%3A%2F%2Fexample.com%2Fx.tgz%3Fa%3D1"
                                 << "https://example.com/x.tgz?a=1" << true;
        QTest::newRow("local path in a button") << "https://heroku.com/deploy?template=/tmp/app" << "/tmp/app" << false;
        QTest::newRow("plain URL") << "http://127.0.0.1:5000/x.tgz" << "http://127.0.0.1:5000/x.tgz" << true;
        QTest::newRow("path") << " /home/me/app.tgz " << "/home/me/app.tgz" << false;
    }
    void buttonLinksNameTheirTemplate()
    {
        QFETCH(QString, link);
        QFETCH(QString, source);
        QFETCH(bool, remote);
        QCOMPARE(manifest::templateOfLink(link), source);
        QCOMPARE(manifest::isRemote(manifest::templateOfLink(link)), remote);
    }

    void appNamesFollowThePlatformsRule_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("error");
        const QString rule = QStringLiteral("Name must start with a letter, end with a letter or digit and can only "
                                            "contain lowercase letters, digits, and dashes.");
        QTest::newRow("empty: generated") << "" << "";
        QTest::newRow("fine") << "my-app-2" << "";
        QTest::newRow("short") << "ab" << "Name is too short (minimum is 3 characters)";
        QTest::newRow("long") << QString(31, QLatin1Char('a')) << "Name is too long (maximum is 30 characters)";
        QTest::newRow("upper") << "MyApp" << rule;
        QTest::newRow("digit first") << "1app" << rule;
        QTest::newRow("dash last") << "app-" << rule;
        QTest::newRow("underscore") << "my_app" << rule;
    }
    void appNamesFollowThePlatformsRule()
    {
        QFETCH(QString, name);
        QFETCH(QString, error);
        QCOMPARE(manifest::appNameError(name), error);
    }
};

QTEST_GUILESS_MAIN(TestManifestReader)
#include "tst_manifestreader.moc"
