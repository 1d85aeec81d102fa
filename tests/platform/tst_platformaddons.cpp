// The platform's add-on actions on a real store, with a provider that fails on demand and the
// real Postgres provider without PostgreSQL: every failure leaves the add-on in a state the
// user can read, no half-made config vars and no release; strangers and other owners are kept out.
#include "addons/addonprovisioner.h"
#include "addons/addonstate.h"
#include "addons/postgres/postgresprovider.h"
#include "platform/platform.h"
#include "store/store.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrl>
#include <QUrlQuery>
#include <QTest>

#include <set>

using namespace dynodesk;
using platform::Actor;

// Succeeds or fails as told; a database is a name in a set.
class FakeProvider final : public addons::IAddonProvider {
public:
    bool failProvision = false, failChangePlan = false, failDeprovision = false;
    std::set<std::string> made;

    core::Result<addons::AddonConfig> provision(const std::string &resource, const addons::Plan &) override
    {
        if (failProvision)
            return core::ApiError::internal("the fake refuses to provision");
        made.insert(resource);
        return addons::AddonConfig{{"URL", "postgres://u:p@127.0.0.1:1/" + resource}};
    }
    core::Status deprovision(const std::string &resource) override
    {
        if (failDeprovision)
            return core::ApiError::internal("the fake refuses to deprovision");
        made.erase(resource);
        return core::Done{};
    }
    core::Status changePlan(const std::string &, const addons::Plan &) override
    {
        if (failChangePlan)
            return core::ApiError::internal("the fake refuses the plan");
        return core::Done{};
    }
    core::Result<addons::AddonConfig> rotateCredentials(const std::string &) override
    {
        return core::ApiError::internal("not used");
    }
    void shutdown() override {}
};

// The system's time, moved forward on demand.
class MovableClock final : public core::IClock {
public:
    std::chrono::seconds ahead{0};
    core::TimePoint now() const override { return std::chrono::system_clock::now() + ahead; }
};

class TestPlatformAddons : public QObject {
    Q_OBJECT

    struct World {
        QTemporaryDir dir;
        MovableClock clock;
        std::unique_ptr<store::Store> store;
        std::unique_ptr<platform::Platform> p;
        std::unique_ptr<addons::AddonProvisioner> provisioner;
        FakeProvider *fake = nullptr;
        Actor owner, stranger;
    };

    static Actor make(platform::Platform &p, const std::string &email)
    {
        auto made = p.accounts().createAccount(email, std::string("pw"));
        return {made->account.id, made->account.email};
    }

    // With the fake provider, or the real Postgres provider when `provider` is given.
    static std::unique_ptr<World> world(std::unique_ptr<addons::IAddonProvider> provider = {})
    {
        auto w = std::make_unique<World>();
        w->store = std::make_unique<store::Store>((w->dir.path() + "/s.db").toStdString());
        core::Settings settings;
        settings.passwordHashIterations = 1000;
        w->p = std::make_unique<platform::Platform>(*w->store, w->clock, settings);
        if (!provider) {
            auto fake = std::make_unique<FakeProvider>();
            w->fake = fake.get();
            provider = std::move(fake);
        }
        std::map<std::string, std::unique_ptr<addons::IAddonProvider>> providers;
        providers.emplace("heroku-postgresql", std::move(provider));
        w->provisioner = std::make_unique<addons::AddonProvisioner>(std::move(providers));
        QObject::connect(w->provisioner.get(), &addons::AddonProvisioner::finished, &w->p->addonJobs(),
                         &platform::AddonJobs::finishAddonWork);
        w->p->addonJobs().setAddonProvisioner(w->provisioner.get());
        w->owner = make(*w->p, "owner@example.com");
        w->stranger = make(*w->p, "stranger@example.com");
        for (const char *name : {"addon-app", "addon-other"})
            if (!w->p->apps().createApp(w->owner, {std::string(name), std::nullopt, std::nullopt}))
                qFatal("cannot create the test apps");
        if (!w->p->apps().createApp(w->stranger, {std::string("stranger-app"), std::nullopt, std::nullopt}))
            qFatal("cannot create the stranger's app");
        return w;
    }

    // The add-on once its pending provider work is done.
    static platform::Addon settled(World &w, const std::string &name)
    {
        platform::Addon a;
        (void)QTest::qWaitFor([&] {
            auto found = w.store->addons.byIdOrName(name);
            if (!found)
                return true;
            a = *found;
            return a.state != "provisioning" && a.state != "deprovisioning";
        }, 60000);
        return a;
    }

    static size_t releaseCount(World &w, const std::string &app) { return w.p->releases().releases(w.owner, app)->size(); }

private slots:
    void failedProvisionLeavesNoConfigAndNoRelease()
    {
        auto w = world();
        w->fake->failProvision = true;
        const size_t releases = releaseCount(*w, "addon-app");
        auto made = w->p->addons().createAddon(w->owner, "addon-app", {"heroku-postgresql:essential-0", std::nullopt, std::nullopt});
        QVERIFY(made.ok());
        QCOMPARE(made->state, std::string("provisioning"));
        const auto a = settled(*w, made->name);
        QCOMPARE(a.state, std::string("deprovisioned"));
        QVERIFY(a.provisionMessage.value_or("").find("the fake refuses to provision") != std::string::npos);
        QVERIFY(w->p->releases().configVars(w->owner, "addon-app")->empty());
        QCOMPARE(releaseCount(*w, "addon-app"), releases);
        QVERIFY(w->store->attachments.all().empty());
        // Destroying a failed add-on removes it at once.
        QVERIFY(w->p->addons().destroyAddon(w->owner, "addon-app", a.name).ok());
        QVERIFY(!w->store->addons.byIdOrName(a.name));
    }

    // A store that fails while a provider's outcome is being stored (here: the add-ons table is
    // gone for a moment) must not take the emulator down through the event loop: the failure is
    // logged as an internal error, nothing is half-applied, and the platform goes on working.
    void storeFailureInsideTheOutcomeSlotIsCaughtAndLeavesTheStoreConsistent()
    {
        auto w = world();
        const size_t releases = releaseCount(*w, "addon-app");
        auto made = w->p->addons().createAddon(w->owner, "addon-app", {"heroku-postgresql:essential-0", std::nullopt, std::nullopt});
        QVERIFY(made.ok());
        w->store->db.exec("ALTER TABLE addons RENAME TO addons_away");
        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression("^Internal error in storing an add-on's outcome: .*addons"));
        QTest::qWait(300); // the fake's outcome arrives and cannot be stored
        w->store->db.exec("ALTER TABLE addons_away RENAME TO addons");
        const auto a = w->store->addons.byIdOrName(made->name);
        QVERIFY(a);
        QCOMPARE(a->state, std::string("provisioning")); // as stored before: recovered on the next start
        QVERIFY(w->p->releases().configVars(w->owner, "addon-app")->empty());
        QCOMPARE(releaseCount(*w, "addon-app"), releases);
        QVERIFY(w->store->attachments.all().empty());
        // The core still works: the next add-on is provisioned and attached.
        auto next = w->p->addons().createAddon(w->owner, "addon-other", {"heroku-postgresql:essential-0", std::nullopt, std::nullopt});
        QVERIFY(next.ok());
        QCOMPARE(settled(*w, next->name).state, std::string("provisioned"));
        QVERIFY(w->p->releases().configVars(w->owner, "addon-other")->count("DATABASE_URL"));
    }

    // The state table (addons/addonstate) is the truth: a failed provision, plan change, rollback
    // and deprovision each leave the add-on in the state transition() gives for that job's outcome.
    void failedJobsEndWhereTheStateTableSays()
    {
        using addons::Input;
        using addons::State;
        auto table = [](State from, Input input) { return std::string(addons::toString(*addons::transition(from, input))); };
        auto w = world();

        w->fake->failProvision = true;
        auto failedProvision = w->p->addons().createAddon(w->owner, "addon-app", {"heroku-postgresql", std::nullopt, std::nullopt});
        QVERIFY(failedProvision.ok());
        QCOMPARE(settled(*w, failedProvision->name).state, table(State::Provisioning, Input::ProvisionFailed));
        w->fake->failProvision = false;

        auto made = w->p->addons().createAddon(w->owner, "addon-other", {"heroku-postgresql:essential-0", std::nullopt, std::nullopt});
        QCOMPARE(settled(*w, made->name).state, table(State::Provisioning, Input::ProvisionSucceeded));
        w->fake->failChangePlan = true;
        QVERIFY(w->p->addons().updateAddon(w->owner, "addon-other", made->name, {std::nullopt, std::string("essential-2")}).ok());
        QVERIFY(QTest::qWaitFor([&] { return w->store->addons.byIdOrName(made->name)->plan == "essential-0"; }, 30000));
        QCOMPARE(w->store->addons.byIdOrName(made->name)->state, table(State::Provisioned, Input::PlanChangeFailed));

        w->fake->failDeprovision = true;
        QVERIFY(w->p->addons().destroyAddon(w->owner, "addon-other", made->name).ok());
        QCOMPARE(settled(*w, made->name).state, table(State::Deprovisioning, Input::DeprovisionFailed));

        // A provision a crash cut short: found `provisioning` on start, rolled back, and the
        // rollback fails too.
        platform::Addon cut = *w->store->addons.byIdOrName(made->name);
        cut.id = "0b9f6c1e-0000-4000-8000-00000000a0d1";
        cut.name = "postgresql-cut-12345";
        cut.providerId = "cut";
        cut.state = "provisioning";
        w->store->addons.insert(cut);
        w->p->addonJobs().recoverAddons();
        QCOMPARE(w->store->addons.byIdOrName(cut.name)->state, table(State::Provisioning, Input::FoundOnStart));
        const auto rolledBack = settled(*w, cut.name);
        QCOMPARE(rolledBack.state, table(State::Deprovisioning, Input::RollBackFailed));
        QVERIFY(rolledBack.provisionMessage.value_or("").find("rolling it back failed") != std::string::npos);
    }

    void postgresMissingFailsTheAddonWithThePackageToInstall()
    {
        QTemporaryDir empty;
        auto w = world(std::make_unique<addons::postgres::PostgresProvider>(
                empty.filePath(QStringLiteral("pg")), addons::postgres::Binaries::findIn({empty.path()})));
        auto made = w->p->addons().createAddon(w->owner, "addon-app", {"heroku-postgresql", std::nullopt, std::nullopt});
        QVERIFY(made.ok());
        const auto a = settled(*w, made->name);
        QCOMPARE(a.state, std::string("deprovisioned"));
        QVERIFY2(a.provisionMessage.value_or("").find("apt-get install postgresql") != std::string::npos,
                 a.provisionMessage.value_or("").c_str());
        QVERIFY(w->p->releases().configVars(w->owner, "addon-app")->empty());
    }

    void failedPlanChangePutsTheOldPlanBack()
    {
        auto w = world();
        auto made = w->p->addons().createAddon(w->owner, "addon-app", {"heroku-postgresql:essential-0", std::nullopt, std::nullopt});
        QCOMPARE(settled(*w, made->name).state, std::string("provisioned"));
        w->fake->failChangePlan = true;
        auto changed = w->p->addons().updateAddon(w->owner, "addon-app", made->name, {std::nullopt, std::string("essential-2")});
        QVERIFY(changed.ok());
        QCOMPARE(changed->plan, std::string("essential-2"));
        QVERIFY(QTest::qWaitFor([&] { return w->store->addons.byIdOrName(made->name)->plan == "essential-0"; }, 30000));
        QVERIFY(w->store->addons.byIdOrName(made->name)->provisionMessage.value_or("").find("the fake refuses the plan")
                != std::string::npos);
    }

    void failedDeprovisionKeepsTheAddonAndItsData()
    {
        auto w = world();
        auto made = w->p->addons().createAddon(w->owner, "addon-app", {"heroku-postgresql", std::nullopt, std::nullopt});
        QCOMPARE(settled(*w, made->name).state, std::string("provisioned"));
        w->fake->failDeprovision = true;
        auto destroyed = w->p->addons().destroyAddon(w->owner, "addon-app", made->name);
        QVERIFY(destroyed.ok());
        QCOMPARE(destroyed->state, std::string("deprovisioning"));
        const auto a = settled(*w, made->name);
        QCOMPARE(a.state, std::string("provisioned"));
        QVERIFY(a.provisionMessage.value_or("").find("the fake refuses to deprovision") != std::string::npos);
        QCOMPARE(w->fake->made.size(), size_t(1));
        // It can be destroyed again once the provider works.
        w->fake->failDeprovision = false;
        QVERIFY(w->p->addons().destroyAddon(w->owner, "addon-app", made->name).ok());
        QVERIFY(QTest::qWaitFor([&] { return !w->store->addons.byIdOrName(made->name); }, 30000));
        QVERIFY(w->fake->made.empty());
    }

    // A backup's download link holds for 10 minutes, for the owner's backups only.
    void backupLinksAreSignedAndExpire()
    {
        auto w = world();
        platform::DataTransfer t;
        t.id = "0b9f6c1e-0000-4000-8000-0000000000b1";
        t.appId = w->store->apps.byIdOrName("addon-app")->id;
        t.num = 1;
        t.kind = "backup";
        t.addonId = "gone";
        t.fromName = "DATABASE";
        t.toName = "BACKUP";
        t.state = "succeeded";
        t.file = "/nowhere/b001.dump";
        t.createdAt = t.updatedAt = "2024-05-01T00:00:00Z";
        w->store->dataTransfers.insert(t);
        QCOMPARE(w->p->data().backupPublicUrl(w->stranger, "addon-app", "1").error().status, 403);
        auto link = w->p->data().backupPublicUrl(w->owner, "addon-app", "1");
        QVERIFY(link.ok());
        const QUrl url(QString::fromStdString(link->url));
        QCOMPARE(url.path(), QStringLiteral("/data-backups/") + QString::fromStdString(t.id));
        const QUrlQuery query(url);
        const std::string expires = query.queryItemValue(QStringLiteral("expires")).toStdString();
        const std::string signature = query.queryItemValue(QStringLiteral("signature")).toStdString();
        auto file = w->p->data().signedBackupFile(t.id, expires, signature);
        QVERIFY(file.ok());
        QCOMPARE(*file, std::string("/nowhere/b001.dump"));
        QCOMPARE(w->p->data().signedBackupFile(t.id, expires, signature + "0").error().status, 403);
        QCOMPARE(w->p->data().signedBackupFile("0b9f6c1e-0000-4000-8000-0000000000b2", expires, signature).error().status, 403);
        w->clock.ahead = std::chrono::minutes(9);
        QVERIFY(w->p->data().signedBackupFile(t.id, expires, signature).ok());
        w->clock.ahead = std::chrono::minutes(11);
        QCOMPARE(w->p->data().signedBackupFile(t.id, expires, signature).error().status, 403);
    }

    // A backup or restore a crash cut short is failed on the next start, with the reason.
    void unfinishedTransfersFailOnStart()
    {
        auto w = world();
        platform::DataTransfer t;
        t.id = "0b9f6c1e-0000-4000-8000-0000000000c1";
        t.appId = w->store->apps.byIdOrName("addon-app")->id;
        t.num = 1;
        t.kind = "restore";
        t.addonId = "d";
        t.fromName = "b001";
        t.toName = "DATABASE";
        t.state = "running";
        t.createdAt = t.updatedAt = "2024-05-01T00:00:00Z";
        w->store->dataTransfers.insert(t);
        w->p->addonJobs().recoverAddons();
        w->p->data().recoverTransfers();
        auto after = w->p->data().dataTransfer(w->owner, "addon-app", "1");
        QVERIFY(after.ok());
        QCOMPARE(after->state, std::string("failed"));
        QVERIFY(after->finishedAt);
        QVERIFY(after->logs.back().message.find("interrupted") != std::string::npos);
    }

    // Forking needs a database provider; a provider without one fails the add-on, leaving nothing.
    void forkNeedsADatabaseProvider()
    {
        auto w = world();
        auto source = w->p->addons().createAddon(w->owner, "addon-app", {"heroku-postgresql", std::nullopt, std::nullopt});
        QCOMPARE(settled(*w, source->name).state, std::string("provisioned"));
        QCOMPARE(w->p->addons().createAddon(w->owner, "addon-app", {"heroku-postgresql", std::nullopt, std::nullopt, std::string("NOPE")})
                         .error().status,
                 422);
        QVERIFY(!w->p->addons().createAddon(w->stranger, "stranger-app", {"heroku-postgresql", std::nullopt, std::nullopt,
                                                                  std::string("addon-app::DATABASE")}).ok());
        auto fork = w->p->addons().createAddon(w->owner, "addon-app", {"heroku-postgresql", std::nullopt, std::nullopt, std::string("DATABASE")});
        QVERIFY(fork.ok());
        const auto a = settled(*w, fork->name);
        QCOMPARE(a.state, std::string("deprovisioned"));
        QVERIFY2(a.provisionMessage.value_or("").find("cannot be forked") != std::string::npos, a.provisionMessage.value_or("").c_str());
        QCOMPARE(w->fake->made.size(), size_t(1));
        // The data API answers for databases only: the fake's add-on has no stats to give.
        bool answered = false;
        w->p->data().databaseStatus(w->owner, source->name, [&](core::Result<platform::DatabaseStatus> s) {
            answered = true;
            QVERIFY(!s.ok());
        });
        QVERIFY(QTest::qWaitFor([&] { return answered; }, 10000));
    }

    void strangersAndOtherOwnersAreKeptOut()
    {
        auto w = world();
        QCOMPARE(w->p->addons().createAddon(w->stranger, "addon-app", {"heroku-postgresql", std::nullopt, std::nullopt}).error().status,
                 403);
        auto made = w->p->addons().createAddon(w->owner, "addon-app", {"heroku-postgresql", std::nullopt, std::nullopt});
        QCOMPARE(settled(*w, made->name).state, std::string("provisioned"));
        // The stranger cannot see it, attach it to their own app, or destroy it.
        QCOMPARE(w->p->addonResolver().addon(w->stranger, std::nullopt, made->name).error().status, 404);
        QVERIFY(!w->p->attachments().createAttachment(w->stranger, {made->name, "stranger-app", std::nullopt, std::nullopt}).ok());
        QVERIFY(!w->p->attachments().createAttachment(w->owner, {made->name, "stranger-app", std::nullopt, std::nullopt}).ok());
        QCOMPARE(w->p->addons().destroyAddon(w->stranger, "addon-app", made->name).error().status, 403);
        QVERIFY(w->p->releases().configVars(w->stranger, "stranger-app").ok());
        QVERIFY(w->p->releases().configVars(w->stranger, "stranger-app")->empty());
        // Destroying the owning app drops its add-on and detaches it from the other app.
        QVERIFY(w->p->attachments().createAttachment(w->owner, {made->name, "addon-other", std::string("SHARED"), std::nullopt}).ok());
        QVERIFY(w->p->releases().configVars(w->owner, "addon-other")->count("SHARED_URL"));
        QVERIFY(w->p->apps().destroyApp(w->owner, "addon-app").ok());
        QVERIFY(!w->p->releases().configVars(w->owner, "addon-other")->count("SHARED_URL"));
        QVERIFY(QTest::qWaitFor([&] { return w->fake->made.empty(); }, 30000));
    }
};

QTEST_GUILESS_MAIN(TestPlatformAddons)
#include "tst_platformaddons.moc"
