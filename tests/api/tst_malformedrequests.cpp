// Malformed requests through the real server on loopback: a body of the wrong shape for every
// link that takes one gets 422 invalid_params naming the field and changes nothing; a path
// that walks up, holds a NUL or is too long gets a 4xx with a body, on the API, git and stream
// routes alike; nothing of it ever gets a 5xx.
#include "common/httpclient.h"

#include "api/bodyschemas.h"
#include "wiring/emulator.h"

#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace dynodesk;
using testing::HttpClient;
using testing::HttpResult;
using nlohmann::json;

class TestMalformedRequests : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<wiring::Emulator> m_emulator;
    std::unique_ptr<HttpClient> m_api;

    // What a malformed request could have changed: the test app and the account around it.
    json snapshot() const
    {
        json all = json::object();
        for (const char *path : {"/apps", "/apps/body-app", "/apps/body-app/releases", "/apps/body-app/config-vars",
                                 "/apps/body-app/formation", "/apps/body-app/addons", "/apps/body-app/domains",
                                 "/apps/body-app/log-drains", "/apps/body-app/collaborators", "/apps/body-app/features",
                                 "/apps/body-app/buildpack-installations", "/apps/body-app/builds", "/account",
                                 "/account/keys", "/oauth/authorizations", "/account/app-transfers", "/addon-attachments",
                                 "/pipelines"})
            all[path] = m_api->get(QString::fromLatin1(path)).json();
        return all;
    }

    // One request as raw bytes, so that the path reaches the server exactly as written.
    struct RawReply {
        int status = 0;
        QByteArray body;
    };
    RawReply raw(const QByteArray &method, const QByteArray &target, const QByteArray &extraHeaders = {}) const
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_emulator->apiPort());
        if (!socket.waitForConnected(5000))
            return {};
        socket.write(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + extraHeaders + "\r\n");
        QByteArray all;
        while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(10000))
            all += socket.readAll();
        all += socket.readAll();
        const qsizetype space = all.indexOf(' ');
        const qsizetype headerEnd = all.indexOf("\r\n\r\n");
        if (space < 0 || headerEnd < 0)
            return {};
        return {all.mid(space + 1, 3).toInt(), all.mid(headerEnd + 4)};
    }

    QByteArray basicAuth() const
    {
        return "Authorization: Basic " + (":" + QByteArray::fromStdString(m_emulator->credentials().token)).toBase64() + "\r\n";
    }

private slots:
    void initTestCase()
    {
        core::Settings settings;
        settings.dataDir = m_dir.path().toStdString();
        settings.passwordHashIterations = 1000;
        settings.rateLimitPerHour = 1e6; // every row reads the whole snapshot twice
        m_emulator = std::make_unique<wiring::Emulator>(settings);
        auto started = m_emulator->start();
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
        m_api = std::make_unique<HttpClient>(QString::fromStdString(m_emulator->apiUrl()),
                                             QString::fromStdString(m_emulator->credentials().token));
        QCOMPARE(m_api->post("/apps", {{"name", "body-app"}}).status, 201);
        QCOMPARE(m_api->patch("/apps/body-app/config-vars", {{"FOO", "bar"}}).status, 200);
    }

    void cleanupTestCase() { m_emulator->stop(); }

    void malformedBodies_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field"); // how the message names it
        auto row = [](const char *method, const char *path, const char *body, const char *field) {
            QTest::addRow("%s %s %s", method, path, body) << QByteArray(method) << QString::fromLatin1(path)
                                                         << QByteArray(body) << QString::fromLatin1(field);
        };
        row("PATCH", "/account", R"({"name":5})", "name");
        row("PATCH", "/account", R"({"beta":"yes"})", "beta");
        row("PATCH", "/account", R"({"allow_tracking":1})", "allow_tracking");
        row("PATCH", "/users/~", R"({"name":[]})", "name");
        row("POST", "/oauth/authorizations", R"({"scope":"global"})", "scope");
        row("POST", "/oauth/authorizations", R"({"scope":[1]})", "scope[0]");
        row("POST", "/oauth/authorizations", R"({"scope":["global"],"expires_in":"soon"})", "expires_in");
        row("POST", "/oauth/authorizations", R"({"scope":["global"],"description":5})", "description");
        row("POST", "/account/keys", R"({"public_key":42})", "public_key");
        row("POST", "/apps/body-app/collaborators", R"({"user":"collab@example.com","silent":"yes"})", "silent");
        row("POST", "/apps/body-app/collaborators", R"({"user":7})", "user");
        row("POST", "/account/app-transfers", R"({"app":"body-app","recipient":"x@example.com","silent":"yes"})", "silent");
        row("POST", "/account/app-transfers", R"({"app":5,"recipient":"x@example.com"})", "app");
        row("PATCH", "/account/app-transfers/some-transfer", R"({"state":"maybe"})", "state");
        row("PATCH", "/account/app-transfers/some-transfer", R"({"state":true})", "state");
        row("POST", "/apps", R"({"name":"flag-app","feature_flags":"spaces"})", "feature_flags");
        row("POST", "/apps", R"({"name":"flag-app","feature_flags":[1]})", "feature_flags[0]");
        row("POST", "/apps", R"({"name":"region-app","region":1})", "region");
        row("POST", "/apps", R"({"name":"stack-app","stack":{}})", "stack");
        row("PATCH", "/apps/body-app", R"({"build_stack":5})", "build_stack");
        row("PATCH", "/apps/body-app", R"({"build_stack":{"name":"heroku-24"}})", "build_stack");
        row("PATCH", "/apps/body-app", R"({"maintenance":"true"})", "maintenance");
        row("PATCH", "/apps/body-app", R"({"name":null})", "name");
        row("PATCH", "/apps/body-app/config-vars", R"({"FOO":1})", "config var FOO");
        row("PATCH", "/apps/body-app/config-vars", R"({"FOO":true})", "config var FOO");
        row("PATCH", "/apps/body-app/config-vars", R"({"FOO":{"a":"b"}})", "config var FOO");
        row("PATCH", "/apps/body-app/config-vars", R"({"FOO":["x"]})", "config var FOO");
        row("PATCH", "/apps/body-app/config-vars", R"({"AOK":"x","BAD":2.5})", "config var BAD");
        row("POST", "/apps/body-app/releases", R"({"release":1})", "release");
        row("POST", "/apps/body-app/addons", R"({"plan":5})", "plan");
        row("POST", "/apps/body-app/addons", R"({"plan":{"name":5}})", "plan.name");
        row("POST", "/apps/body-app/addons", R"({"plan":"heroku-postgresql:essential-0","config":"x"})", "config");
        row("POST", "/apps/body-app/addons", R"({"plan":"heroku-postgresql:essential-0","config":{"fork":1}})", "config.fork");
        row("POST", "/apps/body-app/addons", R"({"plan":"heroku-postgresql:essential-0","attachment":"DB"})", "attachment");
        row("POST", "/apps/body-app/addons", R"({"plan":"heroku-postgresql:essential-0","confirm":1})", "confirm");
        row("PATCH", "/apps/body-app/addons/some-addon", R"({"plan":[]})", "plan");
        row("PATCH", "/apps/body-app/addons/some-addon", R"({"name":1})", "name");
        row("POST", "/actions/addons/resolve", R"({"addon":1})", "addon");
        row("POST", "/actions/addons/resolve", R"({"addon":"x","app":5})", "app");
        row("POST", "/addon-attachments", R"({"addon":1,"app":"body-app"})", "addon");
        row("POST", "/addon-attachments", R"({"addon":"x","app":"body-app","namespace":5})", "namespace");
        row("POST", "/addon-attachments", R"({"addon":"x","app":"body-app","namespace_config":"x"})", "namespace_config");
        row("POST", "/actions/addon-attachments/resolve", R"({"addon_attachment":[]})", "addon_attachment");
        row("POST", "/apps/body-app/builds", R"({"source_blob":"x.tgz"})", "source_blob");
        row("POST", "/apps/body-app/builds", R"({"source_blob":{"url":5}})", "source_blob.url");
        row("POST", "/apps/body-app/builds", R"({"source_blob":{"url":"x.tgz","version":3}})", "source_blob.version");
        row("POST", "/apps/body-app/builds", R"({"source_blob":{"url":"x.tgz"},"buildpacks":"heroku/nodejs"})", "buildpacks");
        row("POST", "/apps/body-app/builds", R"({"source_blob":{"url":"x.tgz"},"buildpacks":[{"url":1}]})", "buildpacks[0].url");
        row("PUT", "/apps/body-app/buildpack-installations", R"({"updates":{"buildpack":"heroku/nodejs"}})", "updates");
        row("PUT", "/apps/body-app/buildpack-installations", R"({"updates":[{"buildpack":1}]})", "updates[0].buildpack");
        row("PUT", "/apps/body-app/buildpack-installations", R"({"updates":["heroku/nodejs"]})", "updates[0]");
        row("POST", "/apps/body-app/domains", R"({"hostname":5})", "hostname");
        row("POST", "/apps/body-app/domains", R"({"hostname":"www.example.test","sni_endpoint":1})", "sni_endpoint");
        row("PATCH", "/apps/body-app/domains/www.example.test", R"({"sni_endpoint":false})", "sni_endpoint");
        row("PATCH", "/apps/body-app/features/preboot", R"({"enabled":"yes"})", "enabled");
        row("PATCH", "/apps/body-app/features/preboot", R"({"enabled":1})", "enabled");
        row("POST", "/apps/body-app/dynos", R"({"command":["ls"]})", "command");
        row("POST", "/apps/body-app/dynos", R"({"command":"ls","attach":"yes"})", "attach");
        row("POST", "/apps/body-app/dynos", R"({"command":"ls","env":"A=1"})", "env");
        row("POST", "/apps/body-app/dynos", R"({"command":"ls","env":{"A":true}})", "env.A");
        row("POST", "/apps/body-app/dynos", R"({"command":"ls","size":1})", "size");
        row("POST", "/apps/body-app/dynos", R"({"command":"ls","force_no_tty":"no"})", "force_no_tty");
        row("POST", "/apps/body-app/dynos", R"({"command":"ls","time_to_live":"1h"})", "time_to_live");
        row("POST", "/apps/body-app/dynos", R"({"command":"ls","type":1})", "type");
        row("PATCH", "/apps/body-app/formation", R"({"updates":"web=1"})", "updates");
        row("PATCH", "/apps/body-app/formation", R"({"updates":[{"type":"web","quantity":true}]})", "updates[0].quantity");
        row("PATCH", "/apps/body-app/formation", R"({"updates":[{"type":1}]})", "updates[0].type");
        row("PATCH", "/apps/body-app/formation", R"({"updates":[{"type":"web","size":2}]})", "updates[0].size");
        row("PATCH", "/apps/body-app/formation/web", R"({"quantity":1.5})", "quantity");
        row("PATCH", "/apps/body-app/formation/web", R"({"dyno_size":1})", "dyno_size");
        row("PATCH", "/apps/body-app/formation/web", R"({"size":false})", "size");
        row("POST", "/apps/body-app/log-drains", R"({"url":5})", "url");
        row("POST", "/apps/body-app/log-sessions", R"({"lines":"many"})", "lines");
        row("POST", "/apps/body-app/log-sessions", R"({"tail":"yes"})", "tail");
        row("POST", "/apps/body-app/log-sessions", R"({"source":1})", "source");
        row("POST", "/apps/body-app/log-sessions", R"({"dyno":1})", "dyno");
        row("POST", "/pipelines", R"({"name":5})", "name");
        row("POST", "/pipelines", R"({"name":"p","owner":{"id":"x","type":"org"}})", "owner.type");
        row("PATCH", "/pipelines/some-pipeline", R"({"name":false})", "name");
        row("POST", "/pipeline-couplings", R"({"app":"body-app","pipeline":"x","stage":5})", "stage");
        row("PATCH", "/pipeline-couplings/some-coupling", R"({"stage":["staging"]})", "stage");
        row("POST", "/pipeline-transfers", R"({"pipeline":"x","new_owner":"team"})", "new_owner");
        row("POST", "/pipeline-promotions", R"({"pipeline":"x","targets":"body-app"})", "targets");
        row("POST", "/pipeline-promotions", R"({"pipeline":"x","source":{"app":5}})", "source.app");
        row("POST", "/filters/apps", R"({"in":{"id":"x"}})", "in.id");
        row("POST", "/client/v11/databases/some-db/restores", R"({"backup_url":5})", "backup_url");
        row("POST", "/client/v11/databases/some-db/restores", R"({"backup_url":"b001","extensions":"postgis"})", "extensions");
    }

    void malformedBodies()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const json before = snapshot();
        const HttpResult r = m_api->request(method, path, body);
        QVERIFY2(r.status == 422, r.body.constData());
        QCOMPARE(QString::fromStdString(r.json()["id"].get<std::string>()), QStringLiteral("invalid_params"));
        const QString message = QString::fromStdString(r.json()["message"].get<std::string>());
        QVERIFY2(message.startsWith(field + QStringLiteral(" must be ")), qPrintable(message));
        const json after = snapshot();
        QVERIFY2(after == before, after.dump().c_str());
    }

    // Not JSON, or JSON that is not an object: 400 before any check, as before.
    void bodiesThatAreNotObjects_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("truncated") << QByteArray("{\"FOO\":");
        QTest::newRow("array") << QByteArray("[1]");
        QTest::newRow("string") << QByteArray("\"FOO\"");
        QTest::newRow("null") << QByteArray("null");
    }

    void bodiesThatAreNotObjects()
    {
        QFETCH(QByteArray, body);
        const json before = snapshot();
        const HttpResult r = m_api->request("PATCH", "/apps/body-app/config-vars", body);
        QCOMPARE(r.status, 400);
        JSON_EQ(r.json()["id"], json("bad_request"));
        QVERIFY(snapshot() == before);
    }

    // Nesting deeper than any declared type is checked only as deep as the type goes.
    void deeplyNestedBody()
    {
        const QByteArray nested = QByteArray(100000, '[') + QByteArray(100000, ']');
        const HttpResult r = m_api->request("PATCH", "/apps/body-app/config-vars", "{\"FOO\":" + nested + "}");
        QCOMPARE(r.status, 422);
        JSON_EQ(r.json()["message"], json("config var FOO must be a string or null."));
        QCOMPARE(m_api->request("PATCH", "/apps/body-app", "{\"kernel\":" + nested + "}").status, 200);
    }

    void unknownFieldsIgnored()
    {
        HttpResult r = m_api->patch("/apps/body-app", {{"maintenance", false}, {"locked", 7}, {"kernel", {{"a", 1}}}});
        QVERIFY2(r.status == 200, r.body.constData());
        r = m_api->patch("/apps/body-app/config-vars", {{"FOO", "baz"}, {"GONE", nullptr}});
        QVERIFY2(r.status == 200, r.body.constData());
        JSON_EQ(r.json()["FOO"], json("baz"));
    }

    // Every link of GET /schema that writes has a declared body or is known to read none, and
    // every declared link is served.
    void everyLinkDeclared()
    {
        const std::set<std::string> bodiless{"POST /apps/{app}/sources", "POST /sources", "POST /addons/{addon}/actions/provision",
                                             "POST /addons/{addon}/actions/deprovision",
                                             "POST /apps/{app}/dynos/{dyno}/actions/stop",
                                             "POST /apps/{app}/formations/{type}/actions/stop",
                                             "POST /teams/invitations/{token}/accept"};
        const api::BodySchemas schemas;
        std::set<std::string> served;
        const json schema = m_api->get("/schema").json();
        for (const auto &[resource, def] : schema["definitions"].items()) {
            for (const auto &link : def["links"]) {
                const std::string method = link["method"], href = link["href"];
                served.insert(method + " " + href);
                if (method == "GET" || method == "DELETE" || bodiless.count(method + " " + href))
                    continue;
                QVERIFY2(schemas.find(method, href), (method + " " + href + " has no declared body").c_str());
            }
        }
        for (const std::string &link : schemas.links()) {
            if (link.find(" /client/v11/") == std::string::npos)
                QVERIFY2(served.count(link), (link + " is declared but not served").c_str());
        }
    }

    void malformedPaths_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("status");
        auto row = [](const char *name, const char *method, const QByteArray &target, int status) {
            QTest::newRow(name) << QByteArray(method) << target << status;
        };
        row("git dot dot", "GET", "/app.git/../../etc/passwd", 400);
        row("git dot dot of an app", "GET", "/body-app.git/../../../etc/passwd", 400);
        row("git encoded", "GET", "/body-app.git/%2e%2e/%2E%2E/etc/passwd", 400);
        row("git under info", "GET", "/body-app.git/info/refs/../../../../x", 400);
        row("git encoded slashes", "POST", "/body-app.git/..%2f..%2fconfig", 400);
        row("git not a backend path", "GET", "/body-app.git/config", 404);
        row("git hooks", "GET", "/body-app.git/hooks/pre-receive", 404);
        row("git bare", "GET", "/body-app.git", 404);
        row("git objects walk", "GET", "/body-app.git/objects/../config", 400);
        row("api dot dot", "GET", "/apps/../account", 400);
        row("api encoded dot dot", "GET", "/apps/%2E%2E", 400);
        row("api encoded slashes", "GET", "/apps/body-app/..%2f..%2fetc", 400);
        row("api NUL", "GET", "/apps/a%00b", 400);
        row("api raw NUL", "GET", QByteArray("/apps/a\0b", 9), 400);
        row("api overlong", "GET", "/apps/" + QByteArray(9000, 'a'), 414);
        row("api very long", "GET", "/apps/" + QByteArray(70000, 'a'), 400);
        row("source stream", "GET", "/sources/..%2f..%2fetc%2fpasswd", 400);
        row("slug stream", "GET", "/slugs/../../etc/passwd", 400);
        row("backup stream", "GET", "/data-backups/%2e%2e", 400);
        row("log session stream", "GET", "/log-sessions/./x", 400);
    }

    void malformedPaths()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        const RawReply r = raw(method, target, basicAuth());
        QVERIFY2(r.status == status, qPrintable(QStringLiteral("status %1, body %2").arg(r.status).arg(QString::fromUtf8(r.body))));
        QVERIFY(!r.body.trimmed().isEmpty());
    }

    // Paths that are only untidy are normalised, and git's own paths still reach git.
    void untidyPathsServed()
    {
        QCOMPARE(raw("GET", "//apps", basicAuth()).status, 200);
        QCOMPARE(raw("GET", "/apps//body-app", basicAuth()).status, 200);
        const RawReply refs = raw("GET", "/body-app.git/info/refs?service=git-upload-pack", basicAuth());
        QVERIFY2(refs.status == 200, refs.body.constData());
        QVERIFY(refs.body.contains("service=git-upload-pack"));
        QCOMPARE(raw("GET", "/body-app.git/info/refs?service=git-upload-pack").status, 401);
    }
};

QTEST_GUILESS_MAIN(TestMalformedRequests)
#include "tst_malformedrequests.moc"
