// The checks a request meets before any route runs: a body against its link's declared type
// (BodyType, BodySchemas), and the target's path (checkRequestTarget).
#include "api/bodyschemas.h"
#include "api/bodytype.h"
#include "http/requesttarget.h"

#include <QTest>

using namespace dynodesk::api;
using dynodesk::http::checkRequestTarget;
using dynodesk::http::kMaxTargetBytes;
using nlohmann::json;

Q_DECLARE_METATYPE(std::string)

class TestRequestChecks : public QObject {
    Q_OBJECT

    static std::string checked(const BodyType &type, const char *body)
    {
        return type.check(json::parse(body)).value_or("fits");
    }

    static const BodyType &linkBody(const char *method, const char *pattern)
    {
        static const BodySchemas schemas;
        const BodyType *type = schemas.find(method, pattern);
        if (!type)
            qFatal("no body declared for %s %s", method, pattern);
        return *type;
    }

private slots:
    void kindsAndMessages_data()
    {
        QTest::addColumn<std::string>("body");
        QTest::addColumn<std::string>("expected");
        // {s: string, n: string|null, i: integer, d: integer or digits, f: number, b: boolean,
        //  e: enum, a: array of strings, id: string or {id, name}}
        QTest::newRow("all fit") << std::string(R"({"s":"x","n":null,"i":-3,"d":"+2","f":1.5,"b":false,"e":"on","a":["x"],"id":{"name":"y"}})")
                                 << std::string("fits");
        QTest::newRow("unknown fields ignored") << std::string(R"({"zz":[1,{}],"s":"x"})") << std::string("fits");
        QTest::newRow("empty") << std::string("{}") << std::string("fits");
        QTest::newRow("string as number") << std::string(R"({"s":1})") << std::string("s must be a string.");
        QTest::newRow("string as null") << std::string(R"({"s":null})") << std::string("s must be a string.");
        QTest::newRow("nullable as bool") << std::string(R"({"n":true})") << std::string("n must be a string or null.");
        QTest::newRow("integer as float") << std::string(R"({"i":1.5})") << std::string("i must be a whole number.");
        QTest::newRow("integer as digits") << std::string(R"({"i":"2"})") << std::string("i must be a whole number.");
        QTest::newRow("integer as bool") << std::string(R"({"i":true})") << std::string("i must be a whole number.");
        QTest::newRow("digits as words") << std::string(R"({"d":"two"})") << std::string("d must be a whole number.");
        QTest::newRow("digits too long") << std::string(R"({"d":"1234567890"})") << std::string("d must be a whole number.");
        QTest::newRow("digits with a point") << std::string(R"({"d":"1.0"})") << std::string("d must be a whole number.");
        QTest::newRow("digits as integer") << std::string(R"({"d":-4})") << std::string("fits");
        QTest::newRow("number as string") << std::string(R"({"f":"1.5"})") << std::string("f must be a number.");
        QTest::newRow("number as integer") << std::string(R"({"f":2})") << std::string("fits");
        QTest::newRow("boolean as string") << std::string(R"({"b":"yes"})") << std::string("b must be true or false.");
        QTest::newRow("boolean as number") << std::string(R"({"b":0})") << std::string("b must be true or false.");
        QTest::newRow("enum word unknown") << std::string(R"({"e":"maybe"})") << std::string("e must be one of on or off.");
        QTest::newRow("enum as number") << std::string(R"({"e":1})") << std::string("e must be one of on or off.");
        QTest::newRow("array as string") << std::string(R"({"a":"x"})") << std::string("a must be an array of strings.");
        QTest::newRow("array item") << std::string(R"({"a":["x",2]})") << std::string("a[1] must be a string.");
        QTest::newRow("identity as number") << std::string(R"({"id":3})")
                                            << std::string("id must be a string or an object.");
        QTest::newRow("identity inner") << std::string(R"({"id":{"id":3}})") << std::string("id.id must be a string.");
        QTest::newRow("first of two bad") << std::string(R"({"b":1,"s":2})") << std::string("s must be a string.");
    }

    void kindsAndMessages()
    {
        QFETCH(std::string, body);
        QFETCH(std::string, expected);
        const BodyType type = BodyType::object({{"s", BodyType::string()},
                                                {"n", BodyType::string() | BodyType::null()},
                                                {"i", BodyType::integer()},
                                                {"d", BodyType::integerOrDigits()},
                                                {"f", BodyType::number()},
                                                {"b", BodyType::boolean()},
                                                {"e", BodyType::oneOf({"on", "off"})},
                                                {"a", BodyType::arrayOf(BodyType::string())},
                                                {"id", BodyType::string() | BodyType::object({{"id", BodyType::string()}})}});
        QCOMPARE(type.check(json::parse(body)).value_or("fits"), expected);
    }

    void nestedPathsAndMaps()
    {
        const BodyType updates = BodyType::object(
            {{"updates", BodyType::arrayOf(BodyType::object({{"type", BodyType::string()}}))},
             {"env", BodyType::mapOf(BodyType::string())}});
        QCOMPARE(checked(updates, R"({"updates":[{"type":"web"},{"type":7}]})"), std::string("updates[1].type must be a string."));
        QCOMPARE(checked(updates, R"({"updates":["web"]})"), std::string("updates[0] must be an object."));
        QCOMPARE(checked(updates, R"({"env":{"A":"1","B":2}})"), std::string("env.B must be a string."));
        QCOMPARE(checked(updates, R"({"env":[]})"), std::string("env must be an object of names and values."));

        const BodyType config = BodyType::mapOf(BodyType::string() | BodyType::null(), "config var");
        QCOMPARE(checked(config, R"({"A":"1","B":null})"), std::string("fits"));
        QCOMPARE(checked(config, R"({"A":"1","FOO":2})"), std::string("config var FOO must be a string or null."));
        QCOMPARE(checked(config, "[]"), std::string("The request body must be an object of names and values."));
    }

    // What the official CLI v11 sends passes; what the schema forbids does not.
    void linkBodies_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("pattern");
        QTest::addColumn<std::string>("body");
        QTest::addColumn<std::string>("expected");
        auto row = [](const char *name, const char *method, const char *pattern, const char *body, const char *expected) {
            QTest::newRow(name) << QByteArray(method) << QByteArray(pattern) << std::string(body) << std::string(expected);
        };
        row("ps:scale", "PATCH", "/apps/{app}/formation", R"({"updates":[{"quantity":"+2","size":"standard-1X","type":"web"}]})", "fits");
        row("ps:scale =", "PATCH", "/apps/{app}/formation", R"({"updates":[{"quantity":"2","type":"web"}]})", "fits");
        row("ps:type", "PATCH", "/apps/{app}/formation", R"({"updates":[{"size":"basic","type":"web"}]})", "fits");
        row("run", "POST", "/apps/{app}/dynos",
            R"({"attach":true,"command":"bash","env":{"TERM":"xterm","COLUMNS":80,"LINES":24},"force_no_tty":null,"type":"run"})", "fits");
        row("run env bool", "POST", "/apps/{app}/dynos", R"({"command":"ls","env":{"A":true}})",
            "env.A must be a string, a number or null.");
        row("run attach", "POST", "/apps/{app}/dynos", R"({"command":"ls","attach":"yes"})", "attach must be true or false.");
        row("config:set", "PATCH", "/apps/{app}/config-vars", R"({"A":"1"})", "fits");
        row("config:unset", "PATCH", "/apps/{app}/config-vars", R"({"A":null})", "fits");
        row("config number", "PATCH", "/apps/{app}/config-vars", R"({"A":1})", "config var A must be a string or null.");
        row("config bool", "PATCH", "/apps/{app}/config-vars", R"({"A":false})", "config var A must be a string or null.");
        row("addons:create", "POST", "/apps/{app}/addons",
            R"({"attachment":{},"config":{"fork":"db","wait":true},"plan":{"name":"heroku-postgresql:essential-0"}})", "fits");
        row("apps:create addon", "POST", "/apps/{app}/addons", R"({"plan":"heroku-postgresql"})", "fits");
        row("addons:attach", "POST", "/addon-attachments", R"({"addon":{"name":"db"},"app":{"name":"a"},"name":"X"})", "fits");
        row("resolve app null", "POST", "/actions/addons/resolve", R"({"addon":"db","app":null})", "fits");
        row("attachment resolve", "POST", "/actions/addon-attachments/resolve", R"({"addon_attachment":"DB","app":null})", "fits");
        row("authorizations:create", "POST", "/oauth/authorizations", R"({"description":"d","expires_in":"3600","scope":["read"]})", "fits");
        row("login", "POST", "/oauth/authorizations", R"({"description":"d","expires_in":2592000,"scope":["global"]})", "fits");
        row("logs", "POST", "/apps/{app}/log-sessions", R"({"source":"app","dyno":"web","lines":100,"tail":true})", "fits");
        row("logs lines", "POST", "/apps/{app}/log-sessions", R"({"lines":"100"})", "lines must be a whole number.");
        row("domains:add", "POST", "/apps/{app}/domains", R"({"hostname":"www.example.com","sni_endpoint":null})", "fits");
        row("stack:set", "PATCH", "/apps/{app}", R"({"build_stack":"heroku-24"})", "fits");
        row("build_stack number", "PATCH", "/apps/{app}", R"({"build_stack":24})", "build_stack must be a string.");
        row("feature_flags", "POST", "/apps", R"({"feature_flags":"spaces"})", "feature_flags must be an array of strings.");
        row("access:add silent", "POST", "/apps/{app}/collaborators", R"({"user":"a@b.c","silent":"yes"})",
            "silent must be true or false.");
        row("transfer state", "PATCH", "/account/app-transfers/{transfer}", R"({"state":"accepted"})", "fits");
        row("buildpacks:set", "PUT", "/apps/{app}/buildpack-installations", R"({"updates":[{"buildpack":"heroku/nodejs"}]})", "fits");
        row("builds:create", "POST", "/apps/{app}/builds",
            R"({"source_blob":{"url":"x.tgz","version":null,"checksum":null},"buildpacks":null})", "fits");
        row("pg:backups:restore", "POST", "/client/v11/databases/{database}/restores",
            R"({"backup_url":"b001","extensions":["postgis"]})", "fits");
    }

    void linkBodies()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, pattern);
        QFETCH(std::string, body);
        QFETCH(std::string, expected);
        QCOMPARE(checked(linkBody(method.constData(), pattern.constData()), body.c_str()), expected);
    }

    void linksWithoutBodies()
    {
        const BodySchemas schemas;
        QVERIFY(!schemas.find("POST", "/apps/{app}/sources"));
        QVERIFY(!schemas.find("GET", "/apps"));
        QVERIFY(schemas.find("POST", "/apps"));
        const auto links = schemas.links();
        QVERIFY(std::find(links.begin(), links.end(), "PATCH /apps/{app}/config-vars") != links.end());
    }

    void targets_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("status"); // 0: may be routed
        QTest::newRow("plain") << QByteArray("/apps/my-app") << 0;
        QTest::newRow("query with dots") << QByteArray("/apps?x=../../etc") << 0;
        QTest::newRow("encoded slash in a name") << QByteArray("/buildpacks/heroku%2Fnodejs") << 0;
        QTest::newRow("double slash") << QByteArray("/apps//my-app") << 0;
        QTest::newRow("three dots") << QByteArray("/apps/...") << 0;
        QTest::newRow("dot name") << QByteArray("/apps/.hidden/x") << 0;
        QTest::newRow("git") << QByteArray("/my-app.git/info/refs?service=git-upload-pack") << 0;
        QTest::newRow("dot dot") << QByteArray("/app.git/../../etc/passwd") << 400;
        QTest::newRow("dot") << QByteArray("/apps/./my-app") << 400;
        QTest::newRow("trailing dot dot") << QByteArray("/apps/..") << 400;
        QTest::newRow("encoded dot dot") << QByteArray("/app.git/%2e%2e/%2E%2E/etc/passwd") << 400;
        QTest::newRow("half encoded") << QByteArray("/apps/.%2e/x") << 400;
        QTest::newRow("encoded slashes") << QByteArray("/sources/..%2f..%2fetc%2fpasswd") << 400;
        QTest::newRow("backslashes") << QByteArray("/slugs/..%5c..%5cx") << 400;
        QTest::newRow("encoded NUL") << QByteArray("/apps/a%00b") << 400;
        QTest::newRow("longest") << QByteArray("/" + QByteArray(int(kMaxTargetBytes) - 1, 'a')) << 0;
        QTest::newRow("overlong") << QByteArray("/" + QByteArray(int(kMaxTargetBytes), 'a')) << 414;
    }

    void targets()
    {
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        const auto problem = checkRequestTarget(target.toStdString());
        QCOMPARE(problem ? problem->status : 0, status);
        if (problem)
            QVERIFY(!problem->message.empty() && !problem->id.empty());
    }
};

QTEST_GUILESS_MAIN(TestRequestChecks)
#include "tst_requestchecks.moc"
