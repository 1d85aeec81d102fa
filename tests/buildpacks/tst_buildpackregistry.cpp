// The buildpack registry's look-ups for the built-in buildpacks, over real HTTP as the CLI's
// registry client asks them (its Accept header, no token): search, info, revisions, readme, 404.
#include "buildpackfixture.h"

#include <QUrl>

using namespace dynodesk;
using namespace dynodesk::testing;
using nlohmann::json;

#define VERIFY_JSON_EQ(actual, expected)                                                                               \
    QVERIFY2((actual) == (expected), (json(actual).dump() + " != " + json(expected).dump()).c_str())

class TestBuildpackRegistry : public QObject {
    Q_OBJECT

    std::unique_ptr<BuildpackFixture> m_fx;

    HttpResult ask(const QString &path) const
    {
        const HttpClient anonymous(QString::fromStdString(m_fx->emulator().apiUrl()));
        return anonymous.get(path, {{"Accept", "application/vnd.heroku+json; version=3.buildpack-registry"}});
    }

    static QStringList slugsOf(const json &list)
    {
        QStringList out;
        for (const auto &b : list)
            out << QString::fromStdString(b["namespace"].get<std::string>() + "/" + b["name"].get<std::string>());
        out.sort();
        return out;
    }

private slots:
    void initTestCase()
    {
        m_fx = std::make_unique<BuildpackFixture>();
        QVERIFY(m_fx->started());
    }

    void searchListsEveryBuiltinWithoutFilters()
    {
        const auto r = ask(QStringLiteral("/buildpacks"));
        QCOMPARE(r.status, 200);
        QCOMPARE(slugsOf(r.json()), QStringList({"heroku/go", "heroku/java", "heroku/nodejs", "heroku/python",
                                                 "heroku/ruby", "heroku/static"}));
        for (const auto &b : r.json()) {
            VERIFY_JSON_EQ(b["category"], json("languages"));
            QVERIFY(!b["description"].get<std::string>().empty());
            QVERIFY(b["blob_url"].get<std::string>().starts_with("https://buildpack-registry.s3.amazonaws.com/buildpacks/heroku/"));
            QVERIFY(b["support"].is_object() && b["support"]["method"].is_string());
        }
    }

    void searchFilters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("name") << "in[name][]=ruby" << QStringList{"heroku/ruby"};
        QTest::newRow("names, percent-encoded") << "in%5Bname%5D%5B%5D=go&in%5Bname%5D%5B%5D=java"
                                                << QStringList{"heroku/go", "heroku/java"};
        QTest::newRow("namespace") << "in[namespace][]=heroku" << QStringList{"heroku/go", "heroku/java", "heroku/nodejs",
                                                                               "heroku/python", "heroku/ruby", "heroku/static"};
        QTest::newRow("unknown namespace") << "in[namespace][]=ruby" << QStringList{};
        QTest::newRow("description, any case") << "like[description]=MAVEN" << QStringList{"heroku/java"};
        QTest::newRow("all must hold") << "in[name][]=ruby&like[description]=maven" << QStringList{};
    }
    void searchFilters()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, expected);
        const auto r = ask(QStringLiteral("/buildpacks?") + query);
        QCOMPARE(r.status, 200);
        QCOMPARE(slugsOf(r.json()), expected);
    }

    void infoRevisionsAndReadmeOfABuiltin()
    {
        const auto info = ask(QStringLiteral("/buildpacks/heroku%2Fnodejs"));
        QCOMPARE(info.status, 200);
        VERIFY_JSON_EQ(info.json()["namespace"], json("heroku"));
        VERIFY_JSON_EQ(info.json()["name"], json("nodejs"));
        VERIFY_JSON_EQ(info.json()["blob_url"], json("https://buildpack-registry.s3.amazonaws.com/buildpacks/heroku/nodejs.tgz"));

        const auto revisions = ask(QStringLiteral("/buildpacks/heroku%2Fnodejs/revisions"));
        QCOMPARE(revisions.status, 200);
        QCOMPARE(int(revisions.json().size()), 1);
        const json rev = revisions.json()[0];
        VERIFY_JSON_EQ(rev["status"], json("published"));
        VERIFY_JSON_EQ(rev["release"], json(1));
        VERIFY_JSON_EQ(rev["buildpack_id"], info.json()["id"]);
        QVERIFY(rev["checksum"].get<std::string>().starts_with("sha256:"));
        QVERIFY(QDateTime::fromString(QString::fromStdString(rev["created_at"].get<std::string>()), Qt::ISODate).isValid());

        const auto one = ask(QStringLiteral("/buildpacks/heroku%2Fnodejs/revisions/")
                             + QString::fromStdString(rev["id"].get<std::string>()));
        QCOMPARE(one.status, 200);
        VERIFY_JSON_EQ(one.json(), rev);
        QCOMPARE(ask(QStringLiteral("/buildpacks/heroku%2Fnodejs/revisions/00000000-0000-0000-0000-000000000000")).status, 404);

        const auto readme = ask(QStringLiteral("/buildpacks/heroku%2Fnodejs/readme"));
        QCOMPARE(readme.status, 200);
        VERIFY_JSON_EQ(readme.json()["encoding"], json("base64"));
        QFile file(QStringLiteral(DYNODESK_FIXTURES_DIR "/../../../resources/buildpacks/nodejs/README.md"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QByteArray::fromBase64(QByteArray::fromStdString(readme.json()["content"].get<std::string>())), file.readAll());
    }

    void unknownNamesAnswerTheRegistrys404()
    {
        for (const QString &path : {QStringLiteral("/buildpacks/heroku%2Fcobol"), QStringLiteral("/buildpacks/someone%2Fnodejs/revisions"),
                                    QStringLiteral("/buildpacks/heroku%2Fcobol/readme")}) {
            const auto r = ask(path);
            QCOMPARE(r.status, 404);
            VERIFY_JSON_EQ(r.json()["id"], json("not_found"));
        }
    }

    void theBlobUrlOfABuiltinSetsItOnAnApp()
    {
        // What `buildpacks:set heroku/ruby` sends after asking the registry for the name.
        const std::string blob = ask(QStringLiteral("/buildpacks/heroku%2Fruby")).json()["blob_url"];
        QCOMPARE(m_fx->api().post(QStringLiteral("/apps"), {{"name", "registry-app"}}).status, 201);
        const auto set = m_fx->api().request("PUT", QStringLiteral("/apps/registry-app/buildpack-installations"),
                                             QByteArray::fromStdString(json{{"updates", {{{"buildpack", blob}}}}}.dump()));
        QCOMPARE(set.status, 200);
        VERIFY_JSON_EQ(set.json()[0]["buildpack"]["name"], json("heroku/ruby"));
    }
};

QTEST_GUILESS_MAIN(TestBuildpackRegistry)
#include "tst_buildpackregistry.moc"
