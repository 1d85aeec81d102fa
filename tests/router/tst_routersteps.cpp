// The router's steps, each on its own, with the platform's codes and words: validate the
// request (H25), find the app by Host (404 "No such app"), maintenance (H80), pick a dyno among
// the up ones (H10 all crashed, H14 none, wait while starting or asleep), and what the router
// writes: the log line and the error pages.

#include "router/routersteps.h"

#include <QTest>

#include <map>

using namespace dynodesk;
using namespace dynodesk::router;

namespace {

core::RouteDyno dyno(const std::string &name, const std::string &state, int port = 0)
{
    return {name, "127.0.0.1", port, state};
}

core::RouteApp appWith(std::vector<core::RouteDyno> dynos)
{
    core::RouteApp a;
    a.id = "id-1";
    a.name = "demo";
    a.webDynos = std::move(dynos);
    return a;
}

} // namespace

class TestRouterSteps final : public QObject {
    Q_OBJECT

private slots:
    void routeErrorsHaveThePlatformsWords_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("desc");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("sock");
        QTest::newRow("H10") << "H10" << "App crashed" << 503 << "";
        QTest::newRow("H12") << "H12" << "Request timeout" << 503 << "";
        QTest::newRow("H14") << "H14" << "No web processes running" << 503 << "";
        QTest::newRow("H18") << "H18" << "Server Request Interrupted" << 503 << "backend";
        QTest::newRow("H20") << "H20" << "App boot timeout" << 503 << "";
        QTest::newRow("H25") << "H25" << "HTTP Restriction" << 400 << "";
        QTest::newRow("H27") << "H27" << "Client Request Interrupted" << 499 << "client";
        QTest::newRow("H28") << "H28" << "Client Connection Idle" << 499 << "client";
        QTest::newRow("H80") << "H80" << "Maintenance mode" << 503 << "";
        QTest::newRow("unknown is H99") << "H00" << "Platform error" << 503 << "";
    }

    void routeErrorsHaveThePlatformsWords()
    {
        QFETCH(QString, code);
        QFETCH(QString, desc);
        QFETCH(int, status);
        QFETCH(QString, sock);
        const RouteError e = routeError(code.toStdString());
        QCOMPARE(QString::fromStdString(e.code), code == "H00" ? QStringLiteral("H99") : code);
        QCOMPARE(QString::fromStdString(e.desc), desc);
        QCOMPARE(e.status, status);
        QCOMPARE(QString::fromStdString(e.sock), sock);
    }

    void validate_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("requestLine");
        QTest::addColumn<int>("headerLine");
        QTest::addColumn<bool>("refused");
        QTest::newRow("ordinary") << "demo.localhost" << 40 << 100 << false;
        QTest::newRow("at the limit") << "demo.localhost" << 8192 << 8192 << false;
        QTest::newRow("request line too long") << "demo.localhost" << 8193 << 10 << true;
        QTest::newRow("header line too long") << "demo.localhost" << 10 << 8193 << true;
        QTest::newRow("no Host header") << "" << 10 << 10 << true;
    }

    void validate()
    {
        QFETCH(QString, host);
        QFETCH(int, requestLine);
        QFETCH(int, headerLine);
        QFETCH(bool, refused);
        RequestContext ctx;
        ctx.host = host.toStdString();
        ctx.requestLineBytes = size_t(requestLine);
        ctx.largestHeaderLineBytes = size_t(headerLine);
        const auto error = steps::validate(ctx, 8192);
        QCOMPARE(error.has_value(), refused);
        if (refused) {
            QCOMPARE(error->code, std::string("H25"));
            QCOMPARE(error->status, 400);
        }
    }

    void findAppByHost()
    {
        auto demo = std::make_shared<core::RouteApp>(appWith({}));
        demo->domains = {"www.example.test"};
        demo->lastRequestMs = std::make_shared<std::atomic<int64_t>>(0);
        const auto routes = core::RouteSnapshot::make({demo}, ".localhost", 1);

        RequestContext ctx;
        ctx.host = "www.example.test:443";
        QVERIFY(!steps::findApp(ctx, *routes));
        QCOMPARE(ctx.app, demo.get());
        // The request keeps an idling app awake.
        QVERIFY(demo->lastRequestMs->load() > 0);
        QVERIFY(demo->lastRequestMs->load() <= core::steadyMs());

        RequestContext unknown;
        unknown.host = "nope.localhost";
        const auto error = steps::findApp(unknown, *routes);
        QVERIFY(error);
        QCOMPARE(error->code, std::string("H14"));
        QCOMPARE(error->desc, std::string("No such app"));
        QCOMPARE(error->status, 404);
        QVERIFY(!unknown.app);
    }

    void maintenance()
    {
        core::RouteApp app = appWith({dyno("web.1", "up", 5000)});
        RequestContext ctx;
        ctx.app = &app;
        QVERIFY(!steps::maintenance(ctx));
        app.maintenance = true;
        const auto error = steps::maintenance(ctx);
        QVERIFY(error);
        QCOMPARE(error->code, std::string("H80"));
        QCOMPARE(error->status, 503);
        RequestContext noApp;
        QVERIFY(!steps::maintenance(noApp));
    }

    void maintenancePage()
    {
        const std::string page = errorPage("H80", {});
        QVERIFY(page.find("<title>Offline for Maintenance</title>") != std::string::npos);
        QVERIFY(page.find("This app is undergoing maintenance right now. Please check back later.") != std::string::npos);
        const std::string custom = errorPage("H80", "https://example.test/down.html");
        QVERIFY(custom.find("<iframe src=\"https://example.test/down.html\"") != std::string::npos);
        QVERIFY(custom.find("undergoing maintenance") == std::string::npos);
    }

    void applicationErrorPage()
    {
        const std::string page = errorPage("H14", {});
        QVERIFY(page.rfind("<!DOCTYPE html>", 0) == 0);
        QVERIFY(page.find("<title>Application Error</title>") != std::string::npos);
        QVERIFY(page.find("<code>heroku logs --tail</code>") != std::string::npos);
        QVERIFY(errorPage("H10", "https://example.test/error.html").find("<iframe src=\"https://example.test/error.html\"")
                != std::string::npos);
        // A bad request never shows the app's own error page.
        const std::string bad = errorPage("H25", "https://example.test/error.html");
        QVERIFY(bad.find("<title>Bad Request</title>") != std::string::npos);
        QVERIFY(bad.find("iframe") == std::string::npos);
    }

    void pickWhenNoneCanServe_data()
    {
        QTest::addColumn<QStringList>("states");
        QTest::addColumn<QString>("code");   // empty: wait
        QTest::addColumn<bool>("starting");
        QTest::addColumn<bool>("asleep");
        QTest::newRow("no web dyno: H14") << QStringList{} << "H14" << false << false;
        QTest::newRow("all down: H14") << QStringList{"down", "down"} << "H14" << false << false;
        QTest::newRow("all crashed: H10") << QStringList{"crashed", "crashed"} << "H10" << false << false;
        QTest::newRow("crashed and down: H10") << QStringList{"crashed", "down"} << "H10" << false << false;
        QTest::newRow("one starting: wait") << QStringList{"crashed", "starting"} << "" << true << false;
        QTest::newRow("asleep: wake and wait") << QStringList{"idle"} << "" << true << true;
    }

    void pickWhenNoneCanServe()
    {
        QFETCH(QStringList, states);
        QFETCH(QString, code);
        QFETCH(bool, starting);
        QFETCH(bool, asleep);
        std::vector<core::RouteDyno> dynos;
        for (int i = 0; i < states.size(); ++i)
            dynos.push_back(dyno("web." + std::to_string(i + 1), states[i].toStdString(), 5000 + i));
        std::mt19937_64 random(1);
        const steps::Pick pick = steps::pickDyno(appWith(dynos), random);
        QVERIFY(!pick.dyno);
        QCOMPARE(pick.starting, starting);
        QCOMPARE(pick.asleep, asleep);
        QCOMPARE(QString::fromStdString(pick.error ? pick.error->code : std::string()), code);
        if (pick.error)
            QCOMPARE(pick.error->status, 503);
    }

    // Only `up` dynos with a port take requests, and every one of them gets its share.
    void pickSpreadsOverUpDynos()
    {
        const auto app = appWith({dyno("web.1", "up", 5001), dyno("web.2", "crashed", 5002), dyno("web.3", "up", 5003),
                                  dyno("web.4", "starting", 5004), dyno("web.5", "up", 0), dyno("web.6", "up", 5006)});
        std::mt19937_64 random(7);
        std::map<std::string, int> hits;
        for (int i = 0; i < 3000; ++i) {
            const steps::Pick pick = steps::pickDyno(app, random);
            QVERIFY(pick.dyno && !pick.error && !pick.starting);
            ++hits[pick.dyno->name];
        }
        QCOMPARE(hits.size(), size_t(3));
        for (const char *name : {"web.1", "web.3", "web.6"})
            QVERIFY2(hits[name] > 800, name); // about 1000 each
    }

    void requestIds()
    {
        std::string id;
        const std::string client(36, 'a');
        assignRequestId(id, client);
        QCOMPARE(id, client); // a client's id of 20 to 200 characters is kept
        assignRequestId(id, "too-short");
        QCOMPARE(id.size(), size_t(36));
        QCOMPARE(id[14], '4'); // a version 4 UUID
        QVERIFY(QByteArray("89ab").contains(id[19]));
        QCOMPARE(QString::fromStdString(id).count('-'), 4);
        std::string other;
        assignRequestId(other, std::string(201, 'b'));
        QVERIFY(other != id && other.size() == 36);
    }

    void logLines()
    {
        RequestContext ctx;
        ctx.method = "GET";
        ctx.path = "/search?q=\"x\"";
        ctx.host = "demo.localhost";
        ctx.requestId = "rid";
        ctx.fwd = "127.0.0.1";
        ctx.dyno = dyno("web.1", "up", 5000);
        ctx.connect = std::chrono::milliseconds(1);
        ctx.service = std::chrono::milliseconds(23);
        ctx.status = 200;
        ctx.bytes = 512;
        std::string line;
        writeLogLine(line, ctx);
        QCOMPARE(line, std::string("at=info method=GET path=\"/search?q=\\\"x\\\"\" host=demo.localhost request_id=rid "
                                   "fwd=\"127.0.0.1\" dyno=web.1 connect=1ms service=23ms status=200 bytes=512 protocol=http"));
        ctx.error = routeError("H18");
        ctx.status = 503;
        writeLogLine(line, ctx);
        QVERIFY2(line.rfind("sock=backend at=error code=H18 desc=\"Server Request Interrupted\" method=GET", 0) == 0, line.c_str());
        ctx.error = routeError("H14");
        ctx.dyno.reset();
        writeLogLine(line, ctx);
        QVERIFY2(line.rfind("at=error code=H14 desc=\"No web processes running\" method=GET", 0) == 0, line.c_str());
        QVERIFY(line.find(" dyno= connect=") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestRouterSteps)
#include "tst_routersteps.moc"
