// End to end: an app deployed with git push answers through the emulator's router at its
// web_url, logs every request as heroku[router], and maintenance mode and scaling to zero give
// the platform's H80 and H14; an idling app sleeps and wakes.
#include "rawhttp.h"

#include "deploy/deploytestbase.h"

using namespace dynodesk::testing;
using nlohmann::json;

class TestRouterApp final : public QObject {
    Q_OBJECT

    static QString logs(DeployFixture &f, const QString &app)
    {
        const auto s = f.api().post("/apps/" + app + "/log-sessions", {{"lines", 1500}});
        return QString::fromUtf8(HttpClient(QString()).get(QString::fromStdString(s.json()["logplex_url"].get<std::string>())).body);
    }

    static RawReply get(DeployFixture &f, const std::string &host)
    {
        RawHttp c(f.emulator().routerPort());
        c.send(RawHttp::get(host, "/", "Connection: close\r\n"));
        return c.read();
    }

private slots:
    void deployedAppAnswersThroughTheRouter()
    {
        DeployFixture f;
        QVERIFY(f.started());
        QCOMPARE(f.api().post("/apps", {{"name", "routed"}}).status, 201);
        QCOMPARE(f.push(f.repoOf(QStringLiteral("node-basic"), QStringLiteral("routed")), QStringLiteral("routed")).exitCode, 0);

        const std::string webUrl = f.api().get("/apps/routed").json()["web_url"];
        const std::string host = "routed.localhost:" + std::to_string(f.emulator().routerPort());
        QCOMPARE(webUrl, "http://" + host + "/");
        QTRY_COMPARE_WITH_TIMEOUT(get(f, host).status, 200, 20000);
        QCOMPARE(get(f, host).body, std::string("Hello from node-basic\n"));
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, QStringLiteral("routed")).contains(QStringLiteral(
                                         "heroku[router]: at=info method=GET path=\"/\" host=routed.localhost")), 5000);
        QVERIFY(logs(f, QStringLiteral("routed")).contains(QStringLiteral("dyno=web.1 connect=")));

        // Custom domains reach the app, exact and wildcard; removed, a name no longer does.
        QCOMPARE(f.api().post("/apps/routed/domains", {{"hostname", "www.routed.test"}}).status, 201);
        QCOMPARE(f.api().post("/apps/routed/domains", {{"hostname", "*.wild.routed.test"}}).status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(get(f, "www.routed.test").status, 200, 5000);
        QCOMPARE(get(f, "www.routed.test").body, std::string("Hello from node-basic\n"));
        QCOMPARE(get(f, "api.wild.routed.test").status, 200);
        QCOMPARE(get(f, "routed.test").status, 404);
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, QStringLiteral("routed")).contains(QStringLiteral(
                                         "heroku[router]: at=info method=GET path=\"/\" host=api.wild.routed.test")), 5000);
        QCOMPARE(f.api().del("/apps/routed/domains/www.routed.test").status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(get(f, "www.routed.test").status, 404, 5000);

        // Maintenance on: H80 while the dyno keeps running; off: the app again.
        QCOMPARE(f.api().patch("/apps/routed", {{"maintenance", true}}).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(get(f, host).status, 503, 5000);
        QVERIFY(get(f, host).body.find("Offline for Maintenance") != std::string::npos);
        QVERIFY(logs(f, QStringLiteral("routed")).contains(QStringLiteral("at=error code=H80 desc=\"Maintenance mode\"")));
        QCOMPARE(f.api().patch("/apps/routed", {{"maintenance", false}}).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(get(f, host).status, 200, 5000);

        // No web dynos: H14.
        QCOMPARE(f.api().patch("/apps/routed/formation", {{"updates", {{{"quantity", 0}, {"type", "web"}}}}}).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(get(f, host).status, 503, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, QStringLiteral("routed")).contains(QStringLiteral("at=error code=H14")), 5000);

        // A rename moves the default domain and keeps the custom ones.
        QCOMPARE(f.api().patch("/apps/routed", {{"name", "routed-renamed"}}).status, 200);
        const std::string port = ":" + std::to_string(f.emulator().routerPort());
        QTRY_COMPARE_WITH_TIMEOUT(get(f, "routed.localhost" + port).status, 404, 5000);
        QCOMPARE(get(f, "routed-renamed.localhost" + port).status, 503); // found, and still no web dynos
        QCOMPARE(get(f, "api.wild.routed.test").status, 503);
    }

    // Idling: opt-in per app (labs feature `idling`), only for one eco web dyno; after the idle
    // time without requests the dyno sleeps, and the next request wakes it and is answered.
    void idlingAppSleepsAndTheNextRequestWakesIt()
    {
        DeployFixture f(120, [](dynodesk::core::Settings &s) { s.idleAfterMilliseconds = 1500; });
        QVERIFY(f.started());
        QCOMPARE(f.api().post("/apps", {{"name", "sleepy"}}).status, 201);
        QCOMPARE(f.push(f.repoOf(QStringLiteral("node-basic"), QStringLiteral("sleepy")), QStringLiteral("sleepy")).exitCode, 0);
        const std::string host = "sleepy.localhost:" + std::to_string(f.emulator().routerPort());
        auto webState = [&f] {
            for (const auto &d : f.api().get("/apps/sleepy/dynos").json())
                if (d["name"] == "web.1")
                    return QString::fromStdString(d["state"].get<std::string>());
            return QString();
        };
        QCOMPARE(f.api().patch("/apps/sleepy/formation", {{"updates", {{{"type", "web"}, {"size", "eco"}}}}}).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(get(f, host).status, 200, 20000);

        // Off by default: the eco dyno stays up past the idle time.
        QTest::qWait(2500);
        QCOMPARE(webState(), QStringLiteral("up"));
        QCOMPARE(f.api().get("/apps/sleepy/features/idling").json()["enabled"].get<bool>(), false);
        QCOMPARE(f.api().patch("/apps/sleepy/features/idling", {{"enabled", true}}).status, 200);

        // The idle time counts from the opt-in, not from the last request before it.
        QTest::qWait(800);
        QCOMPARE(webState(), QStringLiteral("up"));

        // Requests keep it awake.
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(get(f, host).status, 200);
            QTest::qWait(400);
        }
        QCOMPARE(webState(), QStringLiteral("up"));
        QVERIFY(!logs(f, QStringLiteral("sleepy")).contains(QStringLiteral("Idling")));

        // Without requests it sleeps: the platform's lines, the dyno `idle`, its process gone.
        QTRY_COMPARE_WITH_TIMEOUT(webState(), QStringLiteral("idle"), 10000);
        const QString slept = logs(f, QStringLiteral("sleepy"));
        QVERIFY2(slept.contains(QStringLiteral("heroku[web.1]: Idling")), qPrintable(slept));
        QVERIFY(slept.contains(QStringLiteral("heroku[web.1]: State changed from up to idle")));
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, QStringLiteral("sleepy")).contains(QStringLiteral("heroku[web.1]: Process exited")), 10000);

        // The next request wakes it and is answered once it is up.
        const RawReply woken = get(f, host);
        QCOMPARE(woken.status, 200);
        QCOMPARE(woken.body, std::string("Hello from node-basic\n"));
        const QString after = logs(f, QStringLiteral("sleepy"));
        QVERIFY2(after.contains(QStringLiteral("heroku[web.1]: Unidling")), qPrintable(after));
        QVERIFY(after.contains(QStringLiteral("heroku[web.1]: State changed from idle to starting")));
        QVERIFY(after.indexOf(QStringLiteral("Unidling")) < after.lastIndexOf(QStringLiteral("State changed from starting to up")));
        QCOMPARE(webState(), QStringLiteral("up"));

        // Two web dynos never idle.
        QCOMPARE(f.api().patch("/apps/sleepy/formation", {{"updates", {{{"type", "web"}, {"quantity", 2}}}}}).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(f.api().get("/apps/sleepy/dynos").json().size(), size_t(2), 10000);
        QTest::qWait(3000);
        for (const auto &d : f.api().get("/apps/sleepy/dynos").json())
            QCOMPARE(QString::fromStdString(d["state"].get<std::string>()), QStringLiteral("up"));
    }
};

QTEST_GUILESS_MAIN(TestRouterApp)
#include "tst_routerapp.moc"
