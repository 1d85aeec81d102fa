// Team apps: the permission matrix (owner, admin, members with each permission, viewers, an
// outside collaborator, a stranger × every app action) through the platform's services on a
// real store, locked apps, and the team and team-app services' own rules.
#include "common/appactions.h"
#include "platform/platform.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace dynodesk;
using platform::Action;
using platform::Actor;

class TestTeamPermissions : public QObject {
    Q_OBJECT

    struct World {
        QTemporaryDir dir;
        core::SystemClock clock;
        std::unique_ptr<store::Store> store;
        std::unique_ptr<platform::Platform> p;
        std::map<std::string, Actor> who;
        std::string team = "class", app = "team-app";
    };

    static bool grant(World &w, const std::string &email, std::vector<std::string> permissions)
    {
        return w.p->teamApps().addCollaborator(w.who["owner"], w.app, email, std::move(permissions)).ok();
    }

    static bool addMember(World &w, const std::string &name, const std::string &role)
    {
        return w.p->teams().setMember(w.who["owner"], w.team, name + "@example.com", role,
                                      platform::MemberWrite::Create).ok();
    }

    // The team `class` made by `owner`, its app `team-app` (v2), and one account per kind of caller.
    static std::unique_ptr<World> world()
    {
        auto w = std::make_unique<World>();
        w->store = std::make_unique<store::Store>((w->dir.path() + "/s.db").toStdString());
        core::Settings settings;
        settings.passwordHashIterations = 1000; // fast worlds; the cost is not under test
        w->p = std::make_unique<platform::Platform>(*w->store, w->clock, settings);
        for (const char *name : {"owner", "admin", "member", "deployer", "operator", "manager", "viewer",
                                 "grantedviewer", "outsider", "stranger", "other", "leaver"}) {
            auto made = w->p->accounts().createAccount(std::string(name) + "@example.com", std::string("pw"));
            w->who[name] = {made->account.id, made->account.email};
        }
        bool ready = w->p->teams().createTeam(w->who["owner"], w->team).ok()
                && addMember(*w, "admin", "admin") && addMember(*w, "viewer", "viewer")
                && addMember(*w, "grantedviewer", "viewer");
        for (const char *m : {"member", "deployer", "operator", "manager"})
            ready = ready && addMember(*w, m, "member");
        platform::AppCreate create{w->app, std::nullopt, std::nullopt, w->team, false};
        ready = ready && w->p->apps().createApp(w->who["owner"], create).ok()
                && grant(*w, "deployer@example.com", {"deploy"}) && grant(*w, "operator@example.com", {"operate"})
                && grant(*w, "manager@example.com", {"manage"}) && grant(*w, "grantedviewer@example.com", {"deploy"})
                && grant(*w, "outsider@example.com", {"deploy"}) && grant(*w, "leaver@example.com", {"view"})
                && w->p->releases().updateConfigVars(w->who["owner"], w->app, {{"A", "1"}}).ok(); // v2
        if (!ready)
            qFatal("cannot set up the team permission matrix");
        return w;
    }

    static int run(World &w, const Actor &who, Action action)
    {
        return testing::runAppAction(*w.p, who, {w.app, "other@example.com", "leaver@example.com"}, action);
    }

    // Written out from Dev Center's "App Permissions": the permissions any one of which allows it.
    static std::set<std::string> required(Action action)
    {
        switch (action) {
        case Action::View: return {"view"};
        case Action::Deploy: return {"deploy"};
        case Action::ReadConfig:
        case Action::WriteConfig:
        case Action::Rollback: return {"deploy", "manage"};
        case Action::SetMaintenance:
        case Action::Scale: return {"operate", "manage"};
        case Action::Rename:
        case Action::Destroy:
        case Action::Transfer:
        case Action::AddCollaborator:
        case Action::RemoveCollaborator:
        case Action::ManageDomains:
        case Action::Lock: return {"manage"};
        }
        return {};
    }

    // What each caller holds on the unlocked app.
    static std::set<std::string> held(const std::string &who)
    {
        static const std::map<std::string, std::set<std::string>> table = {
                {"owner", {"view", "deploy", "operate", "manage"}},
                {"admin", {"view", "deploy", "operate", "manage"}},
                {"member", {"view"}},
                {"deployer", {"view", "deploy"}},
                {"operator", {"view", "operate"}},
                {"manager", {"view", "manage"}},
                {"viewer", {"view"}},
                {"grantedviewer", {"view"}}, // a viewer never holds more than view
                {"outsider", {"view", "deploy"}},
                {"stranger", {}},
        };
        return table.at(who);
    }

private slots:
    void matrix_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<int>("action");
        QTest::addColumn<bool>("allowed");
        for (const char *who : {"owner", "admin", "member", "deployer", "operator", "manager", "viewer",
                                "grantedviewer", "outsider", "stranger"}) {
            for (Action action : platform::kAllActions) {
                bool allowed = false;
                for (const auto &p : required(action))
                    allowed = allowed || held(who).count(p);
                QTest::addRow("%s %s", who, std::string(platform::toString(action)).c_str())
                        << QString(who) << static_cast<int>(action) << allowed;
            }
        }
    }

    void matrix()
    {
        QFETCH(QString, who);
        QFETCH(int, action);
        QFETCH(bool, allowed);
        auto w = world();
        const auto appId = w->store->apps.byIdOrName(w->app)->id;
        const auto releasesBefore = w->store->releases.list(appId).size();
        const auto collaboratorsBefore = w->store->collaborators.list(appId).size();
        const int status = run(*w, w->who[who.toStdString()], static_cast<Action>(action));
        if (allowed) {
            QCOMPARE(status, 0);
            return;
        }
        QCOMPARE(status, 403);
        // Nothing changed.
        auto app = w->store->apps.byIdOrName(w->app);
        QVERIFY(app);
        QVERIFY(!app->maintenance);
        QVERIFY(!app->locked);
        QCOMPARE(app->teamName, std::optional<std::string>("class"));
        QCOMPARE(w->store->releases.list(appId).size(), releasesBefore);
        QCOMPARE(w->store->config.get(appId), (platform::ConfigMap{{"A", "1"}}));
        QCOMPARE(w->store->collaborators.list(appId).size(), collaboratorsBefore);
        QVERIFY(w->store->formations.list(appId).empty());
        QVERIFY(w->store->domains.listFor(appId).empty());
    }

    void lockedAppIsForAdminsAndThoseGranted_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<int>("view");
        QTest::addColumn<int>("deploy");
        QTest::newRow("owner") << "owner" << 0 << 0;
        QTest::newRow("admin") << "admin" << 0 << 0;
        QTest::newRow("member") << "member" << 403 << 403;
        QTest::newRow("deployer") << "deployer" << 0 << 0;
        QTest::newRow("viewer") << "viewer" << 403 << 403;
        QTest::newRow("granted viewer") << "grantedviewer" << 0 << 403;
        QTest::newRow("outsider") << "outsider" << 0 << 0;
        QTest::newRow("stranger") << "stranger" << 403 << 403;
    }

    void lockedAppIsForAdminsAndThoseGranted()
    {
        QFETCH(QString, who);
        QFETCH(int, view);
        QFETCH(int, deploy);
        auto w = world();
        QCOMPARE(run(*w, w->who["admin"], Action::Lock), 0);
        QVERIFY(w->store->apps.byIdOrName(w->app)->locked);
        QCOMPARE(run(*w, w->who[who.toStdString()], Action::View), view);
        QCOMPARE(run(*w, w->who[who.toStdString()], Action::Deploy), deploy);
    }

    void gitNeedsDeployToFetchAndPush_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<int>("status");
        QTest::newRow("admin") << "admin" << 0;
        QTest::newRow("deployer") << "deployer" << 0;
        QTest::newRow("manager") << "manager" << 403;
        QTest::newRow("member") << "member" << 403;
        QTest::newRow("viewer") << "viewer" << 403;
        QTest::newRow("stranger") << "stranger" << 403;
    }

    void gitNeedsDeployToFetchAndPush()
    {
        QFETCH(QString, who);
        QFETCH(int, status);
        auto w = world();
        for (bool push : {false, true}) {
            auto r = w->p->builds().gitAccess(w->who[who.toStdString()], w->app, push);
            QCOMPARE(r.ok() ? 0 : r.error().status, status);
        }
    }

    void membersAreManagedByAdmins()
    {
        auto w = world();
        using platform::MemberWrite;
        auto &teams = w->p->teams();
        QCOMPARE(teams.setMember(w->who["member"], w->team, "other@example.com", "member", MemberWrite::Create)
                         .error().status, 403);
        QCOMPARE(teams.setMember(w->who["stranger"], w->team, "other@example.com", "member", MemberWrite::Create)
                         .error().status, 404);
        QVERIFY(teams.setMember(w->who["admin"], w->team, "other@example.com", "viewer", MemberWrite::Create).ok());
        QCOMPARE(teams.setMember(w->who["admin"], w->team, "other@example.com", "admin", MemberWrite::Create)
                         .error().status, 422); // already there
        QCOMPARE(teams.setMember(w->who["admin"], w->team, "other@example.com", "king", MemberWrite::Update)
                         .error().id, std::string("invalid_params"));
        QCOMPARE(teams.setMember(w->who["admin"], w->team, "stranger@example.com", "admin", MemberWrite::Update)
                         .error().status, 404); // not a member
        auto set = teams.setMember(w->who["admin"], w->team, "other@example.com", "admin", MemberWrite::Update);
        QVERIFY(set.ok());
        QCOMPARE(set->role, std::string("admin"));
        QCOMPARE(teams.setMember(w->who["admin"], w->team, "owner@example.com", "member",
                                 MemberWrite::CreateOrUpdate).error().status, 422); // the owner stays
        QCOMPARE(teams.members(w->who["viewer"], w->team)->size(), size_t(9));
        QCOMPARE(teams.members(w->who["stranger"], w->team).error().status, 404);
    }

    void leavingTheTeamLeavesItsApps()
    {
        auto w = world();
        QCOMPARE(w->p->teams().removeMember(w->who["member"], w->team, "deployer@example.com").error().status, 403);
        QVERIFY(w->p->teams().removeMember(w->who["deployer"], w->team, "deployer@example.com").ok()); // leaves
        QCOMPARE(run(*w, w->who["deployer"], Action::View), 403);
        QVERIFY(w->p->teams().removeMember(w->who["admin"], w->team, "operator@example.com").ok());
        QCOMPARE(run(*w, w->who["operator"], Action::Scale), 403);
        QCOMPARE(w->p->teams().removeMember(w->who["admin"], w->team, "owner@example.com").error().status, 422);
        QCOMPARE(w->p->teams().teams(w->who["deployer"]).size(), size_t(0));
    }

    void whoMayCreateTeamApps()
    {
        auto w = world();
        auto make = [&](const char *who, const char *name) {
            auto r = w->p->apps().createApp(w->who[who], {std::string(name), std::nullopt, std::nullopt, w->team, false});
            return r.ok() ? 0 : r.error().status;
        };
        QCOMPARE(make("member", "member-app"), 0);
        QCOMPARE(make("viewer", "viewer-app"), 403);
        QCOMPARE(make("stranger", "stranger-app"), 403);
        // Who made it holds every permission on it; the team lists it; the account's own list does not.
        QCOMPARE(run(*w, w->who["member"], Action::Destroy), 403); // not theirs: team-app
        QVERIFY(w->p->apps().app(w->who["member"], "member-app", Action::Destroy).ok());
        QCOMPARE(w->p->teams().apps(w->who["viewer"], w->team)->size(), size_t(2));
        QCOMPARE(w->p->teams().apps(w->who["stranger"], w->team).error().status, 404);
    }

    void joinAndLeave()
    {
        auto w = world();
        auto join = [&](const char *who) {
            auto r = w->p->teamApps().addCollaborator(w->who[who], w->app, std::string(who) + "@example.com",
                                                      std::nullopt);
            return r.ok() ? 0 : r.error().status;
        };
        QCOMPARE(join("member"), 0);
        QCOMPARE(run(*w, w->who["member"], Action::Deploy), 0);
        QCOMPARE(run(*w, w->who["member"], Action::Rename), 403);
        QCOMPARE(join("stranger"), 403);
        QVERIFY(w->p->teamApps().removeCollaborator(w->who["member"], w->app, "member@example.com").ok());
        QCOMPARE(run(*w, w->who["member"], Action::Deploy), 403);
        QCOMPARE(run(*w, w->who["admin"], Action::Lock), 0);
        QCOMPARE(join("member"), 403); // locked
    }

    void permissionsAreUpdatedByManagers()
    {
        auto w = world();
        auto &apps = w->p->teamApps();
        QCOMPARE(apps.updateCollaborator(w->who["deployer"], w->app, "operator@example.com", {"deploy"}).error().status,
                 403);
        auto updated = apps.updateCollaborator(w->who["manager"], w->app, "operator@example.com", {"deploy"});
        QVERIFY(updated.ok());
        QCOMPARE(updated->permissions, (std::vector<std::string>{"deploy", "view"}));
        QCOMPARE(run(*w, w->who["operator"], Action::Deploy), 0);
        QCOMPARE(run(*w, w->who["operator"], Action::Scale), 403);
        QCOMPARE(apps.updateCollaborator(w->who["admin"], w->app, "operator@example.com", {"fly"}).error().status, 422);
    }

    void transferIntoAndOutOfTheTeam()
    {
        auto w = world();
        auto mine = w->p->apps().createApp(w->who["deployer"], {std::string("own-app"), std::nullopt, std::nullopt});
        QVERIFY(mine.ok());
        QVERIFY(w->p->access().addCollaborator(w->who["deployer"], "own-app", "outsider@example.com").ok());
        // Into the team: the team owns it, the former owner keeps every permission, a collaborator
        // keeps what a collaborator could do.
        QCOMPARE(w->p->teamApps().updateApp(w->who["stranger"], "own-app", {std::nullopt, std::string("class")})
                         .error().status, 403);
        auto moved = w->p->teamApps().updateApp(w->who["deployer"], "own-app", {std::nullopt, std::string("class")});
        QVERIFY(moved.ok());
        QCOMPARE(moved->teamName, std::optional<std::string>("class"));
        QVERIFY(w->p->apps().app(w->who["deployer"], "own-app", Action::Destroy).ok());
        QVERIFY(w->p->apps().app(w->who["outsider"], "own-app", Action::Deploy).ok());
        QCOMPARE(w->p->apps().app(w->who["outsider"], "own-app", Action::Rename).error().status, 403);
        QVERIFY(w->p->apps().app(w->who["viewer"], "own-app").ok());
        // Out of it to an account: collaborators go, the account owns it.
        QCOMPARE(w->p->teamApps().updateApp(w->who["member"], "own-app", {std::nullopt, std::string("other@example.com")})
                         .error().status, 403);
        auto out = w->p->teamApps().updateApp(w->who["admin"], "own-app", {std::nullopt, std::string("other@example.com")});
        QVERIFY(out.ok());
        QVERIFY(!out->teamId);
        QCOMPARE(out->ownerEmail, std::string("other@example.com"));
        QVERIFY(w->p->apps().app(w->who["other"], "own-app", Action::Destroy).ok());
        QCOMPARE(w->p->apps().app(w->who["outsider"], "own-app").error().status, 403);
        QCOMPARE(w->p->apps().app(w->who["admin"], "own-app").error().status, 403);
        QCOMPARE(w->p->teamApps().updateApp(w->who["other"], "own-app", {true, std::nullopt}).error().status, 422);
    }

    void acceptedTransferTakesTheAppOutOfItsTeam()
    {
        auto w = world();
        QCOMPARE(w->p->access().createTransfer(w->who["deployer"], w->app, "other@example.com").error().status, 403);
        auto t = w->p->access().createTransfer(w->who["manager"], w->app, "other@example.com");
        QVERIFY(t.ok());
        QVERIFY(w->p->access().updateTransfer(w->who["other"], t->id, "accepted").ok());
        auto app = w->store->apps.byIdOrName(w->app);
        QVERIFY(!app->teamId);
        QCOMPARE(app->ownerEmail, std::string("other@example.com"));
        QVERIFY(w->store->collaborators.list(app->id).empty());
        QVERIFY(w->p->apps().app(w->who["other"], w->app, Action::Destroy).ok());
        QCOMPARE(w->p->apps().app(w->who["admin"], w->app).error().status, 403);
    }
};

QTEST_GUILESS_MAIN(TestTeamPermissions)
#include "tst_teampermissions.moc"
