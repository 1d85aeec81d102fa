// app.json as the platform reads it: every documented key, the shorthands (an env string, an
// add-on plan string), unknown keys ignored, a wrong type named by its key, not-JSON refused.

#include "build/appmanifest.h"

#include <QTest>

using dynodesk::build::AppManifest;
using dynodesk::build::parseAppManifest;

static AppManifest parsed(const char *text)
{
    std::string notJson;
    auto m = parseAppManifest(text, &notJson);
    if (!m)
        qFatal("not parsed: %s", notJson.c_str());
    return *m;
}

// Every documented key, and two the emulator does not know.
static const char *const kFullManifest = "{"
    "          \"name\": \"Small Sharp Tool\", \"description\": \"One thing\", \"keywords\": [\"a\", \"b\"],"
    "          \"website\": \"https://w.example\", \"repository\": \"https://r.example\", \"logo\": \"https://l.example/x.svg\","
    "          \"success_url\": \"/welcome\", \"stack\": \"heroku-24\","
    "          \"scripts\": {\"postdeploy\": \"node seed.js\", \"pr-predestroy\": \"node drop.js\"},"
    "          \"env\": {\"PLAIN\": \"v\", \"SECRET\": {\"description\": \"d\", \"generator\": \"secret\"},"
    "                  \"OPTIONAL\": {\"required\": false}, \"NEEDED\": {\"description\": \"give it\"}},"
    "          \"formation\": {\"web\": {\"quantity\": 2, \"size\": \"standard-1x\"}, \"worker\": {\"quantity\": 0}},"
    "          \"addons\": [\"heroku-postgresql\", {\"plan\": \"heroku-postgresql:essential-0\", \"as\": \"REPORTS\", \"options\": {\"version\": \"16\"}}],"
    "          \"buildpacks\": [{\"url\": \"heroku/nodejs\"}, {\"url\": \"https://example.com/bp.tgz\"}],"
    "          \"environments\": {\"test\": {\"scripts\": {\"test\": \"npm test\"}}},"
    "          \"image\": \"ignored\", \"something-new\": {\"x\": 1}"
    "        }";

static QStringList errors(const AppManifest &m)
{
    QStringList out;
    for (const auto &e : m.errors)
        out << QString::fromStdString(e);
    return out;
}

class TestAppManifest : public QObject {
    Q_OBJECT
private slots:
    void readsEveryKey()
    {
        const auto m = parsed(kFullManifest);
        QVERIFY2(m.errors.empty(), qPrintable(errors(m).join("; ")));
        QCOMPARE(*m.name, "Small Sharp Tool");
        QCOMPARE(*m.successUrl, "/welcome");
        QCOMPARE(m.keywords, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(*m.postdeploy, "node seed.js");
        QCOMPARE(*m.prPredestroy, "node drop.js");
        QCOMPARE(*m.env.at("PLAIN").value, "v");
        QVERIFY(m.env.at("PLAIN").required);
        QVERIFY(m.env.at("SECRET").secret);
        QVERIFY(!m.env.at("OPTIONAL").required);
        QVERIFY(!m.env.at("NEEDED").value);
        QCOMPARE(*m.formation.at("web").quantity, 2);
        QCOMPARE(*m.formation.at("web").size, "standard-1x");
        QCOMPARE(*m.formation.at("worker").quantity, 0);
        QCOMPARE(m.addons.size(), size_t(2));
        QCOMPARE(m.addons[0].plan, "heroku-postgresql");
        QVERIFY(!m.addons[0].as);
        QCOMPARE(*m.addons[1].as, "REPORTS");
        QCOMPARE(m.addons[1].options.at("version"), "16");
        QCOMPARE(m.buildpacks, (std::vector<std::string>{"heroku/nodejs", "https://example.com/bp.tgz"}));
        QVERIFY(QByteArray::fromStdString(m.environments).contains("npm test"));
        QVERIFY(QByteArray::fromStdString(m.scripts).contains("pr-predestroy"));
    }

    void anEmptyObjectIsAManifest()
    {
        const auto m = parsed("{}");
        QVERIFY(m.errors.empty());
        QVERIFY(!m.postdeploy);
        QVERIFY(m.env.empty());
    }

    void wrongTypesAreNamedByTheirKey_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("required") << "{\"env\": {\"SECRET\": {\"required\": \"yes\"}}}" << "env.SECRET.required must be a boolean";
        QTest::newRow("value") << "{\"env\": {\"A\": {\"value\": 5}}}" << "env.A.value must be a string";
        QTest::newRow("env") << "{\"env\": [\"A\"]}" << "env must be an object";
        QTest::newRow("generator") << "{\"env\": {\"A\": {\"generator\": \"uuid\"}}}" << "env.A.generator must be \"secret\"";
        QTest::newRow("quantity") << "{\"formation\": {\"web\": {\"quantity\": \"two\"}}}"
                                  << "formation.web.quantity must be a whole number, 0 or more";
        QTest::newRow("addons") << "{\"addons\": \"heroku-postgresql\"}" << "addons must be an array";
        QTest::newRow("addon plan") << "{\"addons\": [{\"as\": \"DB\"}]}" << "addons[0].plan is required";
        QTest::newRow("buildpack") << "{\"buildpacks\": [{\"url\": 1}]}" << "buildpacks[0].url must be a string";
        QTest::newRow("postdeploy") << "{\"scripts\": {\"postdeploy\": [\"a\"]}}" << "scripts.postdeploy must be a string";
        QTest::newRow("name") << "{\"name\": 1}" << "name must be a string";
        QTest::newRow("long name") << "{\"name\": \"a name that is much longer than thirty\"}"
                                   << "name must be 30 characters or fewer";
        QTest::newRow("keywords") << "{\"keywords\": [1]}" << "keywords must be an array of strings";
        QTest::newRow("environments") << "{\"environments\": []}" << "environments must be an object";
    }
    void wrongTypesAreNamedByTheirKey()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const auto m = parsed(text.toUtf8().constData());
        QCOMPARE(errors(m), QStringList{error});
    }

    void notJsonIsRefused()
    {
        std::string why;
        QVERIFY(!parseAppManifest("{\"name\": ", &why));
        QCOMPARE(why, "app.json is not valid JSON");
        QVERIFY(!parseAppManifest("[1, 2]", &why));
        QCOMPARE(why, "app.json must be a JSON object");
    }
};

QTEST_GUILESS_MAIN(TestAppManifest)
#include "tst_appmanifest.moc"
