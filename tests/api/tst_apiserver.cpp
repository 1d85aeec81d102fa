// The Platform API over real HTTP on loopback: every implemented link's body against the
// official schema's fields (golden files), the conventions on every response, and bad input.
#include "common/golden.h"
#include "common/httpclient.h"

#include "wiring/emulator.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace dynodesk;
using testing::HttpClient;
using testing::HttpResult;
using nlohmann::json;

class TestApiServer : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<wiring::Emulator> m_emulator;
    std::unique_ptr<HttpClient> m_api; // as the owner
    QString m_strangerToken, m_collabToken;

    HttpClient as(const QString &token) const { return HttpClient(QString::fromStdString(m_emulator->apiUrl()), token); }

    static void verifyGoldenList(const json &list, const char *resource)
    {
        QVERIFY2(list.is_array() && !list.empty(), list.dump().c_str());
        VERIFY_GOLDEN(list, resource); // its values as a set: a list's order goes by random ids
    }

    QString addAccount(const std::string &email)
    {
        QString token;
        m_emulator->runOnCore([&](platform::Platform &p) {
            auto made = p.accounts().createAccount(email, std::string("secret-pw"));
            if (made)
                token = QString::fromStdString(made->token);
        });
        return token;
    }

    json appsNow() const { return m_api->get("/apps").json(); }

private slots:
    void initTestCase()
    {
        core::Settings settings;
        settings.dataDir = m_dir.path().toStdString();
        settings.passwordHashIterations = 1000;
        m_emulator = std::make_unique<wiring::Emulator>(settings);
        auto started = m_emulator->start();
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
        QVERIFY(m_emulator->apiPort() != 0);
        m_api = std::make_unique<HttpClient>(QString::fromStdString(m_emulator->apiUrl()),
                                             QString::fromStdString(m_emulator->credentials().token));
        m_strangerToken = addAccount("stranger@example.com");
        m_collabToken = addAccount("collab@example.com");
        QVERIFY(!m_strangerToken.isEmpty() && !m_collabToken.isEmpty());
    }

    void cleanupTestCase() { m_emulator->stop(); }

    void accountLinks()
    {
        auto r = m_api->get("/account");
        VERIFY_STATUS(r, 200);
        VERIFY_GOLDEN(r.json(), "account");
        JSON_EQ(r.json()["email"], json("developer@dynodesk.local"));
        r = m_api->patch("/account", {{"name", "Dev Eloper"}});
        VERIFY_STATUS(r, 200);
        VERIFY_GOLDEN(r.json(), "account");
        JSON_EQ(m_api->get("/users/~").json()["name"], json("Dev Eloper"));
        VERIFY_STATUS(as(m_strangerToken).get("/users/developer@dynodesk.local"), 403);
    }

    void oauthLinksAndPasswordLogin()
    {
        // `heroku login -i`: Basic email:password makes a token.
        HttpClient anonymous(QString::fromStdString(m_emulator->apiUrl()));
        const QByteArray basic = "Basic " + QByteArray("stranger@example.com:secret-pw").toBase64();
        auto r = anonymous.request("POST", "/oauth/authorizations",
                                   R"({"description":"Heroku CLI login","expires_in":2592000,"scope":["global"]})",
                                   {{"Authorization", basic}});
        VERIFY_STATUS(r, 201);
        VERIFY_GOLDEN(r.json(), "oauth-authorization");
        const QString token = QString::fromStdString(r.json()["access_token"]["token"].get<std::string>());
        JSON_EQ(as(token).get("/account").json()["email"], json("stranger@example.com"));
        const std::string id = r.json()["id"];

        // A wrong password gets 401 and makes nothing.
        const QByteArray wrong = "Basic " + QByteArray("stranger@example.com:nope").toBase64();
        VERIFY_STATUS(anonymous.request("POST", "/oauth/authorizations", "{}", {{"Authorization", wrong}}), 401);

        auto list = as(token).get("/oauth/authorizations");
        VERIFY_STATUS(list, 200);
        verifyGoldenList(list.json(), "oauth-authorization");
        QCOMPARE(list.json().size(), size_t(2));
        VERIFY_GOLDEN(as(token).get("/oauth/authorizations/" + QString::fromStdString(id)).json(), "oauth-authorization");
        // Types only: `~` answers the user's first authorization by id, not the token's own
        // (Platform::authorization), so which one comes back changes from run to run.
        VERIFY_GOLDEN_TYPES(as(token).get("/oauth/authorizations/~").json(), "oauth-authorization");
        VERIFY_STATUS(as(token).del("/oauth/authorizations/" + QString::fromStdString(id)), 200);
        VERIFY_STATUS(as(token).get("/account"), 401); // the revoked token stops working at once
    }

    void keyLinks()
    {
        const std::string pub = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyMaterialForTestsOnly0123456789abcd dev@laptop";
        auto r = m_api->post("/account/keys", {{"public_key", pub}});
        VERIFY_STATUS(r, 201);
        VERIFY_GOLDEN(r.json(), "key");
        JSON_EQ(r.json()["comment"], json("dev@laptop"));
        verifyGoldenList(m_api->get("/account/keys").json(), "key");
        const QString fp = QString::fromStdString(r.json()["fingerprint"].get<std::string>());
        VERIFY_GOLDEN(m_api->get("/account/keys/" + fp).json(), "key");
        VERIFY_STATUS(m_api->post("/account/keys", {{"public_key", pub}}), 422); // twice
        VERIFY_STATUS(m_api->post("/account/keys", {{"public_key", "not a key"}}), 422);
        VERIFY_STATUS(m_api->del("/account/keys/" + fp), 200);
        QVERIFY(m_api->get("/account/keys").json().empty());
    }

    void appLinks()
    {
        auto r = m_api->post("/apps", {{"name", "golden-app"}, {"region", "eu"}});
        VERIFY_STATUS(r, 201);
        VERIFY_GOLDEN(r.json(), "app");
        JSON_EQ(r.json()["region"]["name"], json("eu"));
        JSON_EQ(r.json()["git_url"], json(m_emulator->apiUrl() + "/golden-app.git"));
        const std::string id = r.json()["id"];

        r = m_api->post("/apps", json::object()); // no name: generated
        VERIFY_STATUS(r, 201);
        const QString generated = QString::fromStdString(r.json()["name"].get<std::string>());
        QVERIFY2(QRegularExpression(QStringLiteral("^[a-z]+-[a-z]+-[0-9]{4}$")).match(generated).hasMatch(),
                 qPrintable(generated));

        verifyGoldenList(m_api->get("/apps").json(), "app");
        verifyGoldenList(m_api->get("/users/~/apps").json(), "app");
        VERIFY_GOLDEN(m_api->get("/apps/golden-app").json(), "app");
        JSON_EQ(m_api->get("/apps/" + QString::fromStdString(id)).json()["name"], json("golden-app")); // by id

        r = m_api->patch("/apps/" + generated, {{"name", "renamed-app"}, {"maintenance", true}});
        VERIFY_STATUS(r, 200);
        VERIFY_GOLDEN(r.json(), "app");
        JSON_EQ(r.json()["maintenance"], json(true));
        VERIFY_STATUS(m_api->get("/apps/" + generated), 404); // the old name stops at once
        r = m_api->del("/apps/renamed-app");
        VERIFY_STATUS(r, 200);
        VERIFY_GOLDEN(r.json(), "app");
        VERIFY_STATUS(m_api->get("/apps/renamed-app"), 404);

        verifyGoldenList(m_api->get("/regions").json(), "region");
        VERIFY_GOLDEN(m_api->get("/regions/eu").json(), "region");
        verifyGoldenList(m_api->get("/stacks").json(), "stack");
        VERIFY_GOLDEN(m_api->get("/stacks/heroku-24").json(), "stack");
        verifyGoldenList(m_api->get("/apps/golden-app/available-stacks").json(), "stack");
    }

    void configAndReleaseLinks()
    {
        VERIFY_STATUS(m_api->post("/apps", {{"name", "rel-app"}}), 201);
        auto releases = m_api->get("/apps/rel-app/releases").json();
        QCOMPARE(releases.size(), size_t(1));
        JSON_EQ(releases[0]["description"], json("Initial release"));
        JSON_EQ(releases[0]["version"], json(1));

        auto r = m_api->patch("/apps/rel-app/config-vars", {{"A", "1"}, {"B", "two words"}});
        VERIFY_STATUS(r, 200);
        JSON_EQ(r.json(), (json{{"A", "1"}, {"B", "two words"}}));
        r = m_api->patch("/apps/rel-app/config-vars", {{"A", nullptr}});
        JSON_EQ(r.json(), (json{{"B", "two words"}}));
        JSON_EQ(m_api->get("/apps/rel-app/config-vars").json(), (json{{"B", "two words"}}));

        releases = m_api->get("/apps/rel-app/releases").json();
        verifyGoldenList(releases, "release");
        QCOMPARE(releases.size(), size_t(3));
        JSON_EQ(releases[1]["description"], json("Set A, B config vars"));
        JSON_EQ(releases[2]["description"], json("Remove A config vars"));
        JSON_EQ(releases[2]["current"], json(true));
        JSON_EQ(releases[1]["current"], json(false));

        VERIFY_GOLDEN(m_api->get("/apps/rel-app/releases/2").json(), "release");
        VERIFY_GOLDEN(m_api->get("/apps/rel-app/releases/v2").json(), "release");
        const std::string v2id = releases[1]["id"];
        JSON_EQ(m_api->get("/apps/rel-app/releases/" + QString::fromStdString(v2id)).json()["version"], json(2));
        JSON_EQ(m_api->get("/apps/rel-app/releases/2/config-vars").json(), (json{{"A", "1"}, {"B", "two words"}}));

        // Rollback restores that release's config as a new release.
        r = m_api->post("/apps/rel-app/releases", {{"release", v2id}});
        VERIFY_STATUS(r, 201);
        VERIFY_GOLDEN(r.json(), "release");
        JSON_EQ(r.json()["version"], json(4));
        JSON_EQ(r.json()["description"], json("Rollback to v2"));
        JSON_EQ(m_api->get("/apps/rel-app/config-vars").json(), (json{{"A", "1"}, {"B", "two words"}}));
    }

    void collaboratorAndTransferLinks()
    {
        VERIFY_STATUS(m_api->post("/apps", {{"name", "team-app"}}), 201);
        auto r = m_api->post("/apps/team-app/collaborators", {{"user", "collab@example.com"}});
        VERIFY_STATUS(r, 201);
        VERIFY_GOLDEN(r.json(), "collaborator");
        auto list = m_api->get("/apps/team-app/collaborators").json();
        verifyGoldenList(list, "collaborator");
        QCOMPARE(list.size(), size_t(2)); // the owner is listed with role owner
        VERIFY_GOLDEN(m_api->get("/apps/team-app/collaborators/collab@example.com").json(), "collaborator");
        VERIFY_STATUS(m_api->post("/apps/team-app/collaborators", {{"user", "nobody@example.com"}}), 404);
        VERIFY_STATUS(m_api->post("/apps/team-app/collaborators", {{"user", "collab@example.com"}}), 422);

        // The collaborator sees the app, may set config, may not rename or destroy it.
        HttpClient collab = as(m_collabToken);
        VERIFY_STATUS(collab.get("/apps/team-app"), 200);
        VERIFY_STATUS(collab.patch("/apps/team-app/config-vars", {{"X", "1"}}), 200);
        VERIFY_STATUS(collab.patch("/apps/team-app", {{"name", "stolen-app"}}), 403);
        VERIFY_STATUS(collab.del("/apps/team-app"), 403);
        QVERIFY(collab.get("/apps").json().size() >= 1);

        // Make owner: transfer, accepted by the recipient.
        r = m_api->post("/account/app-transfers", {{"app", "team-app"}, {"recipient", "collab@example.com"}});
        VERIFY_STATUS(r, 201);
        VERIFY_GOLDEN(r.json(), "app-transfer");
        const QString tid = QString::fromStdString(r.json()["id"].get<std::string>());
        verifyGoldenList(m_api->get("/account/app-transfers").json(), "app-transfer");
        VERIFY_GOLDEN(collab.get("/account/app-transfers/" + tid).json(), "app-transfer");
        r = collab.patch("/account/app-transfers/" + tid, {{"state", "accepted"}});
        VERIFY_STATUS(r, 200);
        VERIFY_GOLDEN(r.json(), "app-transfer");
        JSON_EQ(m_api->get("/apps/team-app").json()["owner"]["email"], json("collab@example.com"));

        // The old owner is now a collaborator and can leave.
        r = m_api->del("/apps/team-app/collaborators/developer@dynodesk.local");
        VERIFY_STATUS(r, 200);
        VERIFY_GOLDEN(r.json(), "collaborator");
        VERIFY_STATUS(m_api->get("/apps/team-app"), 403);

        // A pending transfer can be cancelled by its owner.
        VERIFY_STATUS(m_api->post("/apps", {{"name", "keep-app"}}), 201);
        r = m_api->post("/account/app-transfers", {{"app", "keep-app"}, {"recipient", "collab@example.com"}});
        VERIFY_STATUS(m_api->del("/account/app-transfers/" + QString::fromStdString(r.json()["id"].get<std::string>())), 200);
        QVERIFY(m_api->get("/account/app-transfers").json().empty());
    }

    void formationLinks()
    {
        VERIFY_STATUS(m_api->post("/apps", {{"name", "scale-app"}}), 201);
        // The CLI sends quantities as strings.
        auto r = m_api->patch("/apps/scale-app/formation",
                              {{"updates", {{{"quantity", "2"}, {"type", "web"}}, {{"quantity", "1"}, {"type", "worker"}}}}});
        VERIFY_STATUS(r, 200);
        verifyGoldenList(r.json(), "formation");
        r = m_api->patch("/apps/scale-app/formation", {{"updates", {{{"quantity", "+2"}, {"type", "web"}}}}});
        JSON_EQ(r.json()[0]["quantity"], json(4));
        r = m_api->patch("/apps/scale-app/formation", {{"updates", {{{"quantity", "-1"}, {"type", "web"}}}}});
        JSON_EQ(r.json()[0]["quantity"], json(3));
        r = m_api->patch("/apps/scale-app/formation/web", {{"size", "standard-2x"}});
        VERIFY_STATUS(r, 200);
        VERIFY_GOLDEN(r.json(), "formation");
        JSON_EQ(r.json()["size"], json("Standard-2X"));
        verifyGoldenList(m_api->get("/apps/scale-app/formation").json(), "formation");
        VERIFY_GOLDEN(m_api->get("/apps/scale-app/formation/worker").json(), "formation");
        VERIFY_STATUS(m_api->patch("/apps/scale-app/formation/web", {{"size", "huge"}}), 422);
        VERIFY_STATUS(m_api->patch("/apps/scale-app/formation", {{"updates", {{{"quantity", "x"}, {"type", "web"}}}}}), 422);
        JSON_EQ(m_api->get("/apps/scale-app/formation/web").json()["quantity"], json(3)); // unchanged
    }

    void conventions()
    {
        // Request-Id: echoed when sent, made when not.
        auto r = m_api->get("/account", {{"Request-Id", "my-request-1"}});
        QCOMPARE(r.header("Request-Id"), QByteArray("my-request-1"));
        QVERIFY(!m_api->get("/account").header("Request-Id").isEmpty());

        // ETag and If-None-Match.
        r = m_api->get("/apps/golden-app");
        const QByteArray etag = r.header("ETag");
        QVERIFY(!etag.isEmpty());
        VERIFY_STATUS(m_api->get("/apps/golden-app", {{"If-None-Match", etag}}), 304);
        VERIFY_STATUS(m_api->get("/apps/golden-app", {{"If-None-Match", "\"other\""}}), 200);

        // Accept: any version=3 variant; a missing version is an error.
        VERIFY_STATUS(m_api->get("/account", {{"Accept", "application/vnd.heroku+json; version=3.sdk"}}), 200);
        r = m_api->get("/account", {{"Accept", "application/vnd.heroku+json"}});
        VERIFY_STATUS(r, 400);
        JSON_EQ(r.json()["id"], json("missing_version"));

        // Method override.
        r = m_api->request("POST", "/apps/golden-app", R"({"maintenance":true})", {{"X-Http-Method-Override", "PATCH"}});
        VERIFY_STATUS(r, 200);
        JSON_EQ(r.json()["maintenance"], json(true));

        // Basic auth with the token as password.
        HttpClient basic(QString::fromStdString(m_emulator->apiUrl()));
        const QByteArray header = "Basic " + (":" + QByteArray::fromStdString(m_emulator->credentials().token)).toBase64();
        VERIFY_STATUS(basic.get("/account", {{"Authorization", header}}), 200);

        // RateLimit-Remaining counts down.
        const long before = m_api->get("/account").header("RateLimit-Remaining").toLong();
        const long after = m_api->get("/account").header("RateLimit-Remaining").toLong();
        QCOMPARE(after, before - 1);

        // The schema lists what is implemented.
        r = HttpClient(QString::fromStdString(m_emulator->apiUrl())).get("/schema");
        VERIFY_STATUS(r, 200);
        QVERIFY(r.json()["definitions"].contains("formation"));
    }

    void rangePagingFollowsToTheEnd()
    {
        VERIFY_STATUS(m_api->post("/apps", {{"name", "page-app"}}), 201);
        for (int i = 0; i < 6; ++i)
            VERIFY_STATUS(m_api->patch("/apps/page-app/config-vars", {{"K", std::to_string(i)}}), 200);
        QByteArray range = "version ..; max=3, order=desc";
        std::vector<int> versions;
        for (int pages = 0; pages < 5; ++pages) {
            auto r = m_api->get("/apps/page-app/releases", {{"Range", range}});
            for (const auto &rel : r.json())
                versions.push_back(rel["version"].get<int>());
            range = r.header("Next-Range");
            VERIFY_STATUS(r, range.isEmpty() ? 200 : 206);
            if (range.isEmpty())
                break;
        }
        QCOMPARE(versions, (std::vector<int>{7, 6, 5, 4, 3, 2, 1}));
        // An empty Range header is the default range.
        VERIFY_STATUS(m_api->get("/apps/page-app/releases", {{"Range", ""}}), 200);
        VERIFY_STATUS(m_api->get("/apps/page-app/releases", {{"Range", "colour ..; max=2"}}), 400);
    }

    void domainLinks()
    {
        VERIFY_STATUS(m_api->post("/apps", {{"name", "domain-app"}}), 201);
        VERIFY_STATUS(m_api->post("/apps", {{"name", "other-domain-app"}}), 201);
        // The CLI reads the SNI endpoints first; the emulator has none.
        auto r = m_api->get("/apps/domain-app/sni-endpoints");
        VERIFY_STATUS(r, 200);
        JSON_EQ(r.json(), json::array());

        // Only the default domain at first, as the platform lists `<app>.herokuapp.com`.
        r = m_api->get("/apps/domain-app/domains");
        VERIFY_STATUS(r, 200);
        verifyGoldenList(r.json(), "domain");
        QCOMPARE(r.json().size(), size_t(1));
        JSON_EQ(r.json()[0]["kind"], json("heroku"));
        JSON_EQ(r.json()[0]["hostname"], json("domain-app.localhost"));
        JSON_EQ(r.json()[0]["cname"], json(nullptr));

        // The CLI's body: hostname and a null SNI endpoint. Upper case is stored lower case.
        r = m_api->post("/apps/domain-app/domains", {{"hostname", "WWW.Example.test"}, {"sni_endpoint", nullptr}});
        VERIFY_STATUS(r, 201);
        VERIFY_GOLDEN(r.json(), "domain");
        const json created = r.json();
        JSON_EQ(created["hostname"], json("www.example.test"));
        JSON_EQ(created["kind"], json("custom"));
        JSON_EQ(created["app"]["name"], json("domain-app"));
        JSON_EQ(created["sni_endpoint"], json(nullptr));
        QVERIFY2(QRegularExpression(QStringLiteral("^[a-z]+-[a-z]+-\\d{4}\\.herokudns\\.com$"))
                         .match(QString::fromStdString(created["cname"].get<std::string>())).hasMatch(),
                 created.dump().c_str());
        VERIFY_STATUS(m_api->post("/apps/domain-app/domains", {{"hostname", "*.wild.example.test"}}), 201);

        // Listed after the default one; found by hostname or id.
        r = m_api->get("/apps/domain-app/domains");
        QCOMPARE(r.json().size(), size_t(3));
        JSON_EQ(r.json()[0]["kind"], json("heroku"));
        JSON_EQ(r.json()[1], created);
        JSON_EQ(r.json()[2]["hostname"], json("*.wild.example.test"));
        JSON_EQ(m_api->get("/apps/domain-app/domains/www.example.test").json(), created);
        JSON_EQ(m_api->get("/apps/domain-app/domains/" + QString::fromStdString(created["id"])).json(), created);
        VERIFY_GOLDEN(m_api->get("/apps/domain-app/domains/domain-app.localhost").json(), "domain");
        // PATCH: the emulator has no SNI endpoints, so only null associates.
        r = m_api->patch("/apps/domain-app/domains/www.example.test", {{"sni_endpoint", nullptr}});
        VERIFY_STATUS(r, 200);
        JSON_EQ(r.json(), created);
        VERIFY_STATUS(m_api->patch("/apps/domain-app/domains/www.example.test", {{"sni_endpoint", "my-cert"}}), 404);

        // One hostname, one app; bad names, the default domain and strangers are refused.
        auto expectMessage = [](const HttpResult &res, int status, const std::string &message) {
            QVERIFY2(res.status == status, res.body.constData());
            JSON_EQ(res.json()["message"], json(message));
        };
        expectMessage(m_api->post("/apps/other-domain-app/domains", {{"hostname", "www.example.test"}}), 422,
                      "www.example.test is currently in use by another app.");
        expectMessage(m_api->post("/apps/domain-app/domains", {{"hostname", "www.example.test"}}), 422,
                      "www.example.test is already added to domain-app.");
        r = m_api->post("/apps/domain-app/domains", {{"hostname", "not a host"}});
        VERIFY_STATUS(r, 422);
        JSON_EQ(r.json()["id"], json("invalid_params"));
        QVERIFY2(r.json()["message"].get<std::string>().starts_with("not a host is not a valid domain name:"), r.body.constData());
        VERIFY_STATUS(m_api->post("/apps/domain-app/domains", {{"hostname", "other-domain-app.localhost"}}), 422);
        VERIFY_STATUS(m_api->post("/apps/domain-app/domains", json::object()), 422);
        VERIFY_STATUS(m_api->del("/apps/domain-app/domains/domain-app.localhost"), 422);
        VERIFY_STATUS(as(m_strangerToken).post("/apps/domain-app/domains", {{"hostname", "x.example.test"}}), 403);
        VERIFY_STATUS(as(m_strangerToken).get("/apps/domain-app/domains"), 403);
        VERIFY_STATUS(as(m_strangerToken).del("/apps/domain-app/domains/www.example.test"), 403);
        VERIFY_STATUS(m_api->get("/apps/domain-app/domains/nope.example.test"), 404);
        QCOMPARE(m_api->get("/apps/domain-app/domains").json().size(), size_t(3)); // nothing changed
        QCOMPARE(m_api->get("/apps/other-domain-app/domains").json().size(), size_t(1));

        // Delete answers the domain; its hostname is free for another app then.
        r = m_api->del("/apps/domain-app/domains/www.example.test");
        VERIFY_STATUS(r, 200);
        JSON_EQ(r.json(), created);
        VERIFY_STATUS(m_api->get("/apps/domain-app/domains/www.example.test"), 404);
        VERIFY_STATUS(m_api->post("/apps/other-domain-app/domains", {{"hostname", "www.example.test"}}), 201);
        // Destroying an app releases its domains.
        VERIFY_STATUS(m_api->del("/apps/other-domain-app"), 200);
        VERIFY_STATUS(m_api->post("/apps/domain-app/domains", {{"hostname", "www.example.test"}}), 201);
    }

    void badInputChangesNothing()
    {
        VERIFY_STATUS(m_api->post("/apps", {{"name", "safe-app"}}), 201);
        VERIFY_STATUS(m_api->patch("/apps/safe-app/config-vars", {{"KEEP", "me"}}), 200);
        const json appsBefore = appsNow();
        const json releasesBefore = m_api->get("/apps/safe-app/releases").json();
        auto expectError = [](const HttpResult &r, int status, const char *id) {
            QCOMPARE(r.status, status);
            JSON_EQ(r.json()["id"], json(id));
            QVERIFY(!r.json()["message"].get<std::string>().empty());
        };

        expectError(m_api->request("POST", "/apps", "{\"name\": "), 400, "bad_request");
        expectError(m_api->request("PATCH", "/apps/safe-app/config-vars", "[1,2]"), 400, "bad_request");
        expectError(m_api->request("PATCH", "/apps/safe-app/config-vars",
                                   "{\"BIG\":\"" + QByteArray(1024 * 1024 + 10, 'x') + "\"}"),
                    413, "request_entity_too_large");
        expectError(m_api->post("/apps", {{"name", "Bad_Name"}}), 422, "invalid_params");
        expectError(m_api->post("/apps", {{"name", "safe-app"}}), 422, "invalid_params");
        expectError(m_api->post("/apps", {{"name", 42}}), 422, "invalid_params");
        expectError(m_api->post("/apps", {{"region", "mars"}}), 422, "invalid_params");
        expectError(m_api->get("/apps/no-such-app"), 404, "not_found");
        expectError(HttpClient(QString::fromStdString(m_emulator->apiUrl())).get("/apps"), 401, "unauthorized");
        expectError(as(QStringLiteral("HRKU-wrong")).get("/apps"), 401, "unauthorized");
        expectError(as(m_strangerToken).get("/apps/safe-app"), 403, "forbidden");
        expectError(as(m_strangerToken).patch("/apps/safe-app/config-vars", {{"X", "1"}}), 403, "forbidden");
        expectError(as(m_strangerToken).del("/apps/safe-app"), 403, "forbidden");
        expectError(m_api->patch("/apps/safe-app/config-vars", {{"1BAD", "x"}}), 422, "invalid_params");
        expectError(m_api->patch("/apps/safe-app/config-vars", {{"GOOD", "x"}, {"BAD-KEY", "y"}}), 422, "invalid_params");
        expectError(m_api->patch("/apps/safe-app/config-vars", {{"HUGE", std::string(33 * 1024, 'v')}}), 422,
                    "invalid_params");
        expectError(m_api->post("/apps/safe-app/releases", {{"release", "99"}}), 404, "not_found");
        expectError(m_api->post("/apps/safe-app/releases", {{"release", "00000000-0000-0000-0000-000000000000"}}), 404,
                    "not_found");
        expectError(m_api->get("/no/such/endpoint"), 404, "not_found");

        JSON_EQ(appsNow(), appsBefore);
        JSON_EQ(m_api->get("/apps/safe-app/releases").json(), releasesBefore);
        JSON_EQ(m_api->get("/apps/safe-app/config-vars").json(), (json{{"KEEP", "me"}}));
    }

    void rateLimitAnswers429()
    {
        QTemporaryDir dir;
        core::Settings settings;
        settings.dataDir = dir.path().toStdString();
        settings.rateLimitPerHour = 3;
        wiring::Emulator small(settings);
        QVERIFY(small.start().ok());
        HttpClient c(QString::fromStdString(small.apiUrl()), QString::fromStdString(small.credentials().token));
        for (int i = 0; i < 3; ++i)
            VERIFY_STATUS(c.get("/account"), 200);
        auto r = c.get("/account");
        VERIFY_STATUS(r, 429);
        JSON_EQ(r.json()["id"], json("rate_limit"));
        QCOMPARE(r.header("RateLimit-Remaining"), QByteArray("0"));
    }

    void secondEmulatorOnTheSameDataDirIsRefused()
    {
        core::Settings settings;
        settings.dataDir = m_dir.path().toStdString();
        wiring::Emulator second(settings);
        auto started = second.start();
        QVERIFY(!started.ok());
        QVERIFY2(started.error().message.find("in use by another emulator") != std::string::npos,
                 started.error().message.c_str());
        VERIFY_STATUS(m_api->get("/account"), 200); // the first keeps working
    }
};

QTEST_GUILESS_MAIN(TestApiServer)
#include "tst_apiserver.moc"
