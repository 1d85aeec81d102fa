// The authorization matrix: owner, collaborator and stranger against every app action, run
// through the platform on a real store. A forbidden action must change nothing.
#include "common/appactions.h"
#include "platform/platform.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace dynodesk;
using platform::Action;
using platform::Actor;

class TestPermissions : public QObject {
    Q_OBJECT

    struct World {
        QTemporaryDir dir;
        core::SystemClock clock;
        std::unique_ptr<store::Store> store;
        std::unique_ptr<platform::Platform> p;
        Actor owner, collaborator, stranger, other, leaver;
        std::string app = "matrix-app";
    };

    static Actor make(platform::Platform &p, const std::string &email)
    {
        auto made = p.accounts().createAccount(email, std::string("pw"));
        return {made->account.id, made->account.email};
    }

    static std::unique_ptr<World> world()
    {
        auto w = std::make_unique<World>();
        w->store = std::make_unique<store::Store>((w->dir.path() + "/s.db").toStdString());
        core::Settings settings;
        settings.passwordHashIterations = 1000; // fast worlds; the cost is not under test
        w->p = std::make_unique<platform::Platform>(*w->store, w->clock, settings);
        w->owner = make(*w->p, "owner@example.com");
        w->collaborator = make(*w->p, "collab@example.com");
        w->stranger = make(*w->p, "stranger@example.com");
        w->other = make(*w->p, "other@example.com");
        w->leaver = make(*w->p, "leaver@example.com");
        const bool ready = w->p->apps().createApp(w->owner, {w->app, std::nullopt, std::nullopt}).ok()
                && w->p->access().addCollaborator(w->owner, w->app, "collab@example.com").ok()
                && w->p->access().addCollaborator(w->owner, w->app, "leaver@example.com").ok()
                && w->p->releases().updateConfigVars(w->owner, w->app, {{"A", "1"}}).ok(); // v2
        if (!ready)
            qFatal("cannot set up the permission matrix's app");
        return w;
    }

    // Runs the action; returns the error status (0 when it succeeded).
    static int run(World &w, const Actor &who, Action action)
    {
        return testing::runAppAction(*w.p, who, {w.app, "other@example.com", "leaver@example.com"}, action);
    }

private slots:
    void matrix_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<int>("action");
        QTest::addColumn<bool>("allowed");
        // Written out, not derived: collaborators may do all but rename, destroy and transfer.
        const std::vector<std::pair<Action, std::array<bool, 3>>> expected = {
            {Action::View, {true, true, false}},
            {Action::Rename, {true, false, false}},
            {Action::Destroy, {true, false, false}},
            {Action::Transfer, {true, false, false}},
            {Action::SetMaintenance, {true, true, false}},
            {Action::ReadConfig, {true, true, false}},
            {Action::WriteConfig, {true, true, false}},
            {Action::Rollback, {true, true, false}},
            {Action::AddCollaborator, {true, true, false}},
            {Action::RemoveCollaborator, {true, true, false}},
            {Action::Scale, {true, true, false}},
            {Action::ManageDomains, {true, true, false}},
        };
        const char *roles[] = {"owner", "collaborator", "stranger"};
        for (const auto &[action, allowed] : expected)
            for (int role = 0; role < 3; ++role)
                QTest::addRow("%s %s", roles[role], std::string(platform::toString(action)).c_str())
                        << role << static_cast<int>(action) << allowed[static_cast<size_t>(role)];
    }

    void matrix()
    {
        QFETCH(int, role);
        QFETCH(int, action);
        QFETCH(bool, allowed);
        auto w = world();
        const Actor &who = role == 0 ? w->owner : role == 1 ? w->collaborator : w->stranger;
        const auto releasesBefore = w->store->releases.list(w->store->apps.byIdOrName(w->app)->id).size();
        const int status = run(*w, who, static_cast<Action>(action));
        if (allowed) {
            QCOMPARE(status, 0);
            return;
        }
        QCOMPARE(status, 403);
        // Nothing changed: the app is there under its name, with its releases, config and people.
        auto app = w->store->apps.byIdOrName(w->app);
        QVERIFY(app);
        QCOMPARE(app->ownerId, w->owner.id);
        QVERIFY(!app->maintenance);
        QCOMPARE(w->store->releases.list(app->id).size(), releasesBefore);
        QCOMPARE(w->store->config.get(app->id), (platform::ConfigMap{{"A", "1"}}));
        QCOMPARE(w->store->collaborators.list(app->id).size(), size_t(2));
        QVERIFY(w->store->formations.list(app->id).empty());
        QVERIFY(w->store->transfers.listFor(w->owner.id).empty());
        QVERIFY(w->store->domains.listFor(app->id).empty());
    }

    void unknownAppIsNotFoundForEveryone()
    {
        auto w = world();
        for (const Actor *who : {&w->owner, &w->collaborator, &w->stranger}) {
            auto r = w->p->apps().app(*who, "no-such-app");
            QVERIFY(!r.ok());
            QCOMPARE(r.error().status, 404);
            QCOMPARE(r.error().id, std::string("not_found"));
        }
    }

    void collaboratorMayLeave()
    {
        auto w = world();
        auto r = w->p->access().removeCollaborator(w->leaver, w->app, "leaver@example.com");
        QVERIFY(r.ok());
        QCOMPARE(w->p->apps().app(w->leaver, w->app).error().status, 403);
    }

    void transferMakesTheRecipientOwner()
    {
        auto w = world();
        auto t = w->p->access().createTransfer(w->owner, w->app, "collab@example.com");
        QVERIFY(t.ok());
        QCOMPARE(t->state, std::string("pending"));
        // Only the recipient can accept.
        QCOMPARE(w->p->access().updateTransfer(w->owner, t->id, "accepted").error().status, 403);
        QVERIFY(w->p->access().updateTransfer(w->collaborator, t->id, "accepted").ok());
        auto access = w->p->apps().app(w->collaborator, w->app, Action::Destroy);
        QVERIFY(access.ok());
        QVERIFY(access->role == platform::Role::Owner);
        // The former owner stays on as a collaborator.
        auto former = w->p->apps().app(w->owner, w->app);
        QVERIFY(former.ok());
        QVERIFY(former->role == platform::Role::Collaborator);
    }
};

QTEST_GUILESS_MAIN(TestPermissions)
#include "tst_permissions.moc"
