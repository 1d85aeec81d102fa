// The team links of the Platform API over real HTTP on loopback: each body against the official
// schema's fields (golden files), the app's `team` and `owner`, and the platform's error ids
// for those outside a team, members without the right, and bad input.
#include "common/golden.h"
#include "common/httpclient.h"

#include "wiring/emulator.h"

#include <QTemporaryDir>
#include <QTest>

using namespace dynodesk;
using testing::HttpClient;
using testing::HttpResult;
using nlohmann::json;

#define VERIFY_ERROR(result, status_, id_)                                                                             \
    do {                                                                                                               \
        const HttpResult r_ = (result);                                                                                \
        QVERIFY2(r_.status == (status_) && r_.json().value("id", "") == (id_), qPrintable(QString::fromUtf8(r_.body))); \
    } while (false)

class TestTeamApi : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<wiring::Emulator> m_emulator;
    std::unique_ptr<HttpClient> m_api; // as the teacher, who owns the team
    QString m_student, m_viewer, m_stranger;

    HttpClient as(const QString &token) const { return HttpClient(QString::fromStdString(m_emulator->apiUrl()), token); }

    QString addAccount(const std::string &email)
    {
        QString token;
        m_emulator->runOnCore([&](platform::Platform &p) {
            if (auto made = p.accounts().createAccount(email, std::string("secret-pw")))
                token = QString::fromStdString(made->token);
        });
        return token;
    }

    static bool listHas(const json &list, const char *key, const std::string &value)
    {
        for (const auto &item : list)
            if (item.value(key, json()).is_string() && item[key] == value)
                return true;
        return false;
    }

private slots:
    void initTestCase()
    {
        core::Settings settings;
        settings.dataDir = m_dir.path().toStdString();
        settings.passwordHashIterations = 1000;
        m_emulator = std::make_unique<wiring::Emulator>(settings);
        auto started = m_emulator->start();
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
        m_api = std::make_unique<HttpClient>(QString::fromStdString(m_emulator->apiUrl()),
                                             QString::fromStdString(m_emulator->credentials().token));
        m_student = addAccount("student@example.com");
        m_viewer = addAccount("viewer@example.com");
        m_stranger = addAccount("stranger@example.com");
        QVERIFY(!m_student.isEmpty() && !m_viewer.isEmpty() && !m_stranger.isEmpty());
    }

    void cleanupTestCase() { m_emulator->stop(); }

    void teamAndMemberLinks()
    {
        auto r = m_api->post("/teams", {{"name", "golden-team"}});
        QCOMPARE(r.status, 201);
        VERIFY_GOLDEN(r.json(), "team");
        JSON_EQ(r.json()["role"], json("owner"));
        VERIFY_GOLDEN(m_api->get("/teams/golden-team").json(), "team");
        VERIFY_GOLDEN(m_api->get("/teams").json(), "team");
        VERIFY_ERROR(m_api->post("/teams", {{"name", "golden-team"}}), 422, "invalid_params");
        VERIFY_ERROR(as(m_stranger).get("/teams/golden-team"), 404, "not_found");
        JSON_EQ(as(m_stranger).get("/teams").json(), json::array());

        r = m_api->request("PUT", "/teams/golden-team/members", R"({"email":"student@example.com","role":"member"})");
        QCOMPARE(r.status, 200);
        VERIFY_GOLDEN(r.json(), "team-member");
        r = m_api->post("/teams/golden-team/members", {{"email", "viewer@example.com"}, {"role", "viewer"}});
        QCOMPARE(r.status, 201);
        VERIFY_ERROR(m_api->post("/teams/golden-team/members", {{"email", "viewer@example.com"}, {"role", "viewer"}}),
                     422, "invalid_params");
        VERIFY_ERROR(m_api->post("/teams/golden-team/members", {{"email", "stranger@example.com"}, {"role", "king"}}),
                     422, "invalid_params");
        VERIFY_ERROR(m_api->patch("/teams/golden-team/members", {{"email", "stranger@example.com"}, {"role", "admin"}}),
                     404, "not_found");
        VERIFY_ERROR(as(m_student).patch("/teams/golden-team/members", {{"email", "viewer@example.com"}, {"role", "admin"}}),
                     403, "forbidden");
        auto members = as(m_viewer).get("/teams/golden-team/members");
        QCOMPARE(members.status, 200);
        VERIFY_GOLDEN(members.json(), "team-member");
        QCOMPARE(members.json().size(), size_t(3));
        VERIFY_GOLDEN(as(m_student).get("/teams").json(), "team"); // the student's role: member

        auto features = m_api->get("/teams/golden-team/features").json();
        VERIFY_GOLDEN(features, "team-feature");
        QVERIFY(listHas(features, "name", "org-access-controls"));
        VERIFY_GOLDEN(m_api->get("/teams/golden-team/features/org-access-controls").json(), "team-feature");
        JSON_EQ(m_api->get("/teams/golden-team/invitations").json(), json::array()); // members:add adds at once
        VERIFY_GOLDEN(m_api->get("/teams/permissions").json(), "team-app-permission");
        JSON_EQ(m_api->get("/spaces").json(), json::array());
        VERIFY_ERROR(m_api->get("/spaces/nope"), 404, "not_found");
    }

    // An admin invites, members see the invitation, only the invitee accepts (becoming a member
    // with the invited role), and a revoked one is gone.
    void invitationLinks()
    {
        QCOMPARE(m_api->post("/teams", {{"name", "invite-team"}}).status, 201);
        QCOMPARE(m_api->request("PUT", "/teams/invite-team/members", R"({"email":"viewer@example.com","role":"viewer"})").status, 200);
        auto r = m_api->request("PUT", "/teams/invite-team/invitations", R"({"email":"student@example.com","role":"admin"})");
        QCOMPARE(r.status, 200);
        VERIFY_GOLDEN(r.json(), "team-invitation");
        const std::string token = r.json()["id"];
        JSON_EQ(r.json()["user"]["email"], json("student@example.com"));
        JSON_EQ(r.json()["team"]["name"], json("invite-team"));
        JSON_EQ(r.json()["invited_by"]["email"], json(m_emulator->credentials().email));
        // Invited again: the same invitation with the new role.
        r = m_api->request("PUT", "/teams/invite-team/invitations", R"({"email":"student@example.com","role":"member"})");
        JSON_EQ(r.json()["id"], json(token));
        JSON_EQ(r.json()["role"], json("member"));
        VERIFY_GOLDEN(as(m_viewer).get("/teams/invite-team/invitations").json(), "team-invitation");
        QCOMPARE(as(m_viewer).get("/teams/invite-team/invitations").json().size(), size_t(1));
        VERIFY_ERROR(as(m_viewer).request("PUT", "/teams/invite-team/invitations", R"({"email":"stranger@example.com"})"),
                     403, "forbidden");
        VERIFY_ERROR(m_api->request("PUT", "/teams/invite-team/invitations", R"({"email":"viewer@example.com"})"), 422,
                     "invalid_params"); // already a member
        VERIFY_ERROR(m_api->request("PUT", "/teams/invite-team/invitations", R"({"email":"nobody@example.com"})"), 404,
                     "not_found");
        VERIFY_ERROR(m_api->request("PUT", "/teams/invite-team/invitations", R"({"email":"stranger@example.com","role":"king"})"),
                     422, "invalid_params");
        VERIFY_ERROR(as(m_stranger).get("/teams/invite-team/invitations"), 404, "not_found");

        // By token: the invitee and the team's admins; nobody else, and nobody else accepts it.
        QCOMPARE(as(m_student).get("/teams/invitations/" + QString::fromStdString(token)).status, 200);
        QCOMPARE(m_api->get("/teams/invitations/" + QString::fromStdString(token)).status, 200);
        VERIFY_ERROR(as(m_stranger).get("/teams/invitations/" + QString::fromStdString(token)), 404, "not_found");
        VERIFY_ERROR(as(m_stranger).post("/teams/invitations/" + QString::fromStdString(token) + "/accept", json::object()),
                     404, "not_found");
        VERIFY_ERROR(as(m_student).get("/teams/invite-team"), 404, "not_found");
        r = as(m_student).post("/teams/invitations/" + QString::fromStdString(token) + "/accept", json::object());
        QCOMPARE(r.status, 200);
        VERIFY_GOLDEN(r.json(), "team-member");
        JSON_EQ(r.json()["role"], json("member"));
        JSON_EQ(as(m_student).get("/teams/invite-team").json()["role"], json("member"));
        JSON_EQ(m_api->get("/teams/invite-team/invitations").json(), json::array());
        VERIFY_ERROR(as(m_student).post("/teams/invitations/" + QString::fromStdString(token) + "/accept", json::object()),
                     404, "not_found"); // spent

        // Revoked: gone, and no longer accepted.
        r = m_api->request("PUT", "/teams/invite-team/invitations", R"({"email":"stranger@example.com","role":"viewer"})");
        const std::string revoked = r.json()["id"];
        VERIFY_ERROR(as(m_viewer).del("/teams/invite-team/invitations/" + QString::fromStdString(revoked)), 403, "forbidden");
        QCOMPARE(m_api->del("/teams/invite-team/invitations/stranger@example.com").status, 200);
        VERIFY_ERROR(m_api->del("/teams/invite-team/invitations/" + QString::fromStdString(revoked)), 404, "not_found");
        VERIFY_ERROR(as(m_stranger).post("/teams/invitations/" + QString::fromStdString(revoked) + "/accept", json::object()),
                     404, "not_found");
        VERIFY_ERROR(as(m_stranger).get("/teams/invite-team"), 404, "not_found");
    }

    void teamAppLinks()
    {
        auto r = as(m_student).post("/teams/apps", {{"name", "golden-team-app"}, {"team", "golden-team"}});
        QCOMPARE(r.status, 201);
        VERIFY_GOLDEN(r.json(), "team-app");
        JSON_EQ(r.json()["joined"], json(true));
        const json team = r.json()["team"];
        JSON_EQ(team["name"], json("golden-team"));
        JSON_EQ(r.json()["owner"]["email"], json("golden-team@herokumanager.com"));
        // The app as `app`: its team, and the team as its owner.
        auto app = m_api->get("/apps/golden-team-app").json();
        VERIFY_GOLDEN(app, "app");
        JSON_EQ(app["team"], team);
        JSON_EQ(app["owner"]["id"], team["id"]);
        VERIFY_ERROR(as(m_viewer).post("/teams/apps", {{"name", "viewer-app"}, {"team", "golden-team"}}), 403, "forbidden");
        VERIFY_ERROR(as(m_stranger).post("/teams/apps", {{"team", "golden-team"}}), 403, "forbidden");
        VERIFY_ERROR(m_api->post("/teams/apps", {{"team", "no-such-team"}}), 404, "not_found");
        // A personal app keeps `team: null` and its account as owner.
        r = m_api->post("/teams/apps", {{"name", "golden-personal"}, {"personal", true}});
        QCOMPARE(r.status, 201);
        JSON_EQ(r.json()["team"], json(nullptr));
        JSON_EQ(r.json()["owner"]["email"], json("developer@dynodesk.local"));

        VERIFY_GOLDEN(m_api->get("/teams/golden-team/apps").json(), "team-app");
        VERIFY_GOLDEN(m_api->get("/teams/apps/golden-team-app").json(), "team-app");
        // Every member sees the team's unlocked apps in `GET /apps`; `/users/~/apps` stays theirs.
        QVERIFY(listHas(as(m_viewer).get("/apps").json(), "name", "golden-team-app"));
        QVERIFY(!listHas(as(m_viewer).get("/users/~/apps").json(), "name", "golden-team-app"));
        QVERIFY(!listHas(as(m_stranger).get("/apps").json(), "name", "golden-team-app"));

        VERIFY_ERROR(as(m_viewer).patch("/teams/apps/golden-team-app", {{"locked", true}}), 403, "forbidden");
        r = m_api->patch("/teams/apps/golden-team-app", {{"locked", true}});
        QCOMPARE(r.status, 200);
        JSON_EQ(r.json()["locked"], json(true));
        QVERIFY(!listHas(as(m_viewer).get("/apps").json(), "name", "golden-team-app"));
        VERIFY_ERROR(as(m_viewer).get("/apps/golden-team-app"), 403, "forbidden");
        QCOMPARE(m_api->patch("/teams/apps/golden-team-app", {{"locked", false}}).status, 200);
        VERIFY_ERROR(m_api->patch("/teams/apps/golden-personal", {{"locked", true}}), 422, "invalid_params");
    }

    void teamAppCollaboratorLinks()
    {
        auto r = m_api->post("/teams/apps/golden-team-app/collaborators",
                             {{"user", "stranger@example.com"}, {"permissions", {"deploy", "view"}}});
        QCOMPARE(r.status, 201);
        VERIFY_GOLDEN(r.json(), "team-app-collaborator");
        JSON_EQ(r.json()["role"], json("collaborator"));
        VERIFY_GOLDEN(m_api->get("/teams/apps/golden-team-app/collaborators").json(), "team-app-collaborator");
        VERIFY_GOLDEN(m_api->get("/teams/apps/golden-team-app/collaborators/stranger@example.com").json(),
                      "team-app-collaborator");
        r = m_api->patch("/teams/apps/golden-team-app/collaborators/stranger@example.com", {{"permissions", {"operate"}}});
        QCOMPARE(r.status, 200);
        VERIFY_GOLDEN(r.json(), "team-app-collaborator");
        VERIFY_ERROR(m_api->patch("/teams/apps/golden-team-app/collaborators/stranger@example.com",
                                  {{"permissions", {"fly"}}}),
                     422, "invalid_params");
        VERIFY_ERROR(as(m_viewer).post("/teams/apps/golden-team-app/collaborators",
                                       {{"user", "viewer@example.com"}, {"permissions", {"deploy"}}}),
                     403, "forbidden");
        // `GET /apps/{app}/collaborators` of a team app: the team as owner, then roles and permissions.
        auto list = m_api->get("/apps/golden-team-app/collaborators").json();
        JSON_EQ(list[0]["user"]["email"], json("golden-team@herokumanager.com"));
        JSON_EQ(list[0]["role"], json("owner"));
        QVERIFY(listHas(list, "role", "member"));
        QVERIFY(listHas(list, "role", "collaborator"));
        r = m_api->del("/teams/apps/golden-team-app/collaborators/stranger@example.com");
        QCOMPARE(r.status, 200);
        VERIFY_ERROR(as(m_stranger).get("/apps/golden-team-app"), 403, "forbidden");
    }

    void transfersAndTeamRemoval()
    {
        auto r = m_api->patch("/teams/apps/golden-personal", {{"owner", "golden-team"}});
        QCOMPARE(r.status, 200);
        JSON_EQ(r.json()["team"]["name"], json("golden-team"));
        VERIFY_ERROR(m_api->patch("/teams/apps/golden-personal", {{"owner", "nobody@example.com"}}), 404, "not_found");
        r = m_api->patch("/teams/apps/golden-personal", {{"owner", "student@example.com"}});
        QCOMPARE(r.status, 200);
        JSON_EQ(r.json()["team"], json(nullptr));
        JSON_EQ(r.json()["owner"]["email"], json("student@example.com"));

        VERIFY_ERROR(m_api->del("/teams/golden-team"), 422, "invalid_params"); // it has an app
        VERIFY_ERROR(as(m_student).del("/teams/golden-team/members/viewer@example.com"), 403, "forbidden");
        QCOMPARE(as(m_viewer).del("/teams/golden-team/members/viewer@example.com").status, 200); // leaves
        VERIFY_ERROR(as(m_viewer).get("/teams/golden-team"), 404, "not_found");
        QCOMPARE(m_api->del("/apps/golden-team-app").status, 200);
        QCOMPARE(m_api->del("/teams/golden-team").status, 200);
        VERIFY_ERROR(m_api->get("/teams/golden-team"), 404, "not_found");
    }
};

QTEST_GUILESS_MAIN(TestTeamApi)
#include "tst_teamapi.moc"
