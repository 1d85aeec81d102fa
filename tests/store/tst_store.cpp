#include "store/migrations.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace dynodesk::store;

static AccountRecord account(const std::string &id, const std::string &email)
{
    return {id, email, std::nullopt, "hash", "salt", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", std::nullopt};
}

class TestStore : public QObject {
    Q_OBJECT
private slots:
    void freshDatabaseIsAtTheLatestVersionInWalMode()
    {
        QTemporaryDir dir;
        Database db((dir.path() + "/s.db").toStdString());
        QCOMPARE(db.schemaVersion(), static_cast<int>(migrations().size()));
        auto st = db.prepare("PRAGMA journal_mode");
        QVERIFY(st.step());
        QCOMPARE(st.text(0), std::string("wal"));
    }

    void reopeningKeepsDataAndDoesNotMigrateAgain()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/s.db").toStdString();
        {
            Store store(path);
            store.accounts.insert(account("a1", "one@example.com"));
        }
        Store again(path);
        QCOMPARE(again.db.schemaVersion(), static_cast<int>(migrations().size()));
        QVERIFY(again.accounts.byEmail("one@example.com"));
        QCOMPARE(again.accounts.count(), int64_t(1));
    }

    void olderDatabaseIsMigratedStepByStep()
    {
        // A database made by the first step only (user_version 1) is brought up to date.
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/s.db").toStdString();
        sqlite3 *raw = nullptr;
        QCOMPARE(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
        QCOMPARE(sqlite3_exec(raw, migrations().front().c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_exec(raw, "PRAGMA user_version=1; INSERT INTO accounts VALUES ('a','x@y.z',NULL,'h','s','t','t',NULL)",
                              nullptr, nullptr, nullptr),
                 SQLITE_OK);
        sqlite3_close(raw);
        Store store(path);
        QCOMPARE(store.db.schemaVersion(), static_cast<int>(migrations().size()));
        QVERIFY(store.accounts.byId("a"));
    }

    void transactionRollsBackWhenNotCommitted()
    {
        QTemporaryDir dir;
        Store store((dir.path() + "/s.db").toStdString());
        {
            Transaction tx(store.db);
            store.accounts.insert(account("a1", "one@example.com"));
            // no commit: an error path leaves nothing behind
        }
        QVERIFY(!store.accounts.byId("a1"));
        {
            Transaction tx(store.db);
            store.accounts.insert(account("a2", "two@example.com"));
            tx.commit();
        }
        QVERIFY(store.accounts.byId("a2"));
    }

    void failureInsideTransactionLeavesNothingHalfApplied()
    {
        QTemporaryDir dir;
        Store store((dir.path() + "/s.db").toStdString());
        store.accounts.insert(account("a1", "one@example.com"));
        bool threw = false;
        try {
            Transaction tx(store.db);
            store.accounts.insert(account("a2", "two@example.com"));
            store.accounts.insert(account("a3", "one@example.com")); // unique email: fails
            tx.commit();
        } catch (const StoreError &) {
            threw = true;
        }
        QVERIFY(threw);
        QVERIFY(!store.accounts.byId("a2"));
        QCOMPARE(store.accounts.count(), int64_t(1));
    }

    void nestedTransactionJoinsTheOuterOne()
    {
        QTemporaryDir dir;
        Store store((dir.path() + "/s.db").toStdString());
        {
            Transaction outer(store.db);
            {
                Transaction inner(store.db);
                store.accounts.insert(account("a1", "one@example.com"));
                inner.commit();
            }
            // The outer one is not committed: the inner insert goes too.
        }
        QVERIFY(!store.accounts.byId("a1"));
    }

    void deletingAnAppCascadesToItsRecords()
    {
        QTemporaryDir dir;
        Store store((dir.path() + "/s.db").toStdString());
        store.accounts.insert(account("a1", "one@example.com"));
        store.apps.insert({"app1", "myapp", "a1", "", "us", "heroku-24", false, std::nullopt, 0, 0, "t", "t", std::nullopt});
        store.config.replace("app1", {{"A", "1"}});
        store.releases.insert({"r1", "app1", "", 1, "Initial release", "succeeded", "a1", "", std::nullopt, {{"A", "1"}}, "t", "t", true});
        QCOMPARE(store.releases.list("app1").size(), size_t(1));
        store.apps.remove("app1");
        QVERIFY(store.config.get("app1").empty());
        QVERIFY(store.releases.list("app1").empty());
    }

    void addonsAndAttachmentsRoundTripAndCascade()
    {
        QTemporaryDir dir;
        Store store((dir.path() + "/s.db").toStdString());
        store.accounts.insert(account("a1", "one@example.com"));
        store.apps.insert({"app1", "owner-app", "a1", "", "us", "heroku-24", false, std::nullopt, 0, 0, "t", "t", std::nullopt});
        store.apps.insert({"app2", "other-app", "a1", "", "us", "heroku-24", false, std::nullopt, 0, 0, "t", "t", std::nullopt});
        AddonRecord addon{"d1", "postgresql-curved-12345", "app1", "", "", "heroku-postgresql", "essential-0", "provisioning",
                          "d_1", {}, std::nullopt, std::string("DATABASE"), "a1", "t", "t"};
        store.addons.insert(addon);
        auto found = store.addons.byIdOrName("postgresql-curved-12345");
        QVERIFY(found);
        QCOMPARE(found->appName, std::string("owner-app"));
        QCOMPARE(found->ownerId, std::string("a1"));
        QCOMPARE(found->attachAs.value_or(""), std::string("DATABASE"));
        found->state = "provisioned";
        found->config = {{"URL", "postgres://u:p@127.0.0.1:5432/d_1"}};
        found->attachAs.reset();
        store.addons.update(*found);
        QCOMPARE(store.addons.byIdOrName("d1")->config.at("URL"), std::string("postgres://u:p@127.0.0.1:5432/d_1"));
        QCOMPARE(store.addons.inState("provisioned").size(), size_t(1));

        store.attachments.insert({"t1", "d1", "", "", "", "app1", "", "DATABASE", std::nullopt, "t", "t"});
        store.attachments.insert({"t2", "d1", "", "", "", "app2", "", "SHARED", std::nullopt, "t", "t"});
        // An app's attachment names are unique.
        bool clashed = false;
        try {
            store.attachments.insert({"t3", "d1", "", "", "", "app1", "", "DATABASE", std::nullopt, "t", "t"});
        } catch (const StoreError &) {
            clashed = true;
        }
        QVERIFY(clashed);
        auto shared = store.attachments.find("app2", "SHARED");
        QVERIFY(shared);
        QCOMPARE(shared->addonAppName, std::string("owner-app"));
        QCOMPARE(shared->appName, std::string("other-app"));
        QCOMPARE(store.attachments.listForAddon("d1").size(), size_t(2));

        // The other app going removes its attachment only; the owner going removes the add-on.
        store.apps.remove("app2");
        QCOMPARE(store.attachments.listForAddon("d1").size(), size_t(1));
        store.apps.remove("app1");
        QVERIFY(!store.addons.byIdOrName("d1"));
        QVERIFY(store.attachments.all().empty());
    }

    void dataTransfersAreNumberedPerAppWithoutReuse()
    {
        QTemporaryDir dir;
        Store store((dir.path() + "/s.db").toStdString());
        store.accounts.insert(account("a1", "one@example.com"));
        store.apps.insert({"app1", "owner-app", "a1", "", "us", "heroku-24", false, std::nullopt, 0, 0, "t", "t", std::nullopt});
        store.apps.insert({"app2", "other-app", "a1", "", "us", "heroku-24", false, std::nullopt, 0, 0, "t", "t", std::nullopt});
        auto transfer = [&](const std::string &id, const std::string &app) {
            DataTransferRecord t;
            t.id = id;
            t.appId = app;
            t.num = store.dataTransfers.nextNum(app);
            t.kind = "backup";
            t.addonId = "d1";
            t.fromName = "DATABASE";
            t.toName = "BACKUP";
            t.state = "pending";
            t.logs = {{"t", "requested"}};
            t.createdAt = t.updatedAt = "t";
            store.dataTransfers.insert(t);
            return t;
        };
        transfer("x1", "app1");
        auto second = transfer("x2", "app1");
        QCOMPARE(second.num, int64_t(2));
        QCOMPARE(transfer("y1", "app2").num, int64_t(1)); // each app counts on its own

        second.state = "succeeded";
        second.file = "/tmp/x2.dump";
        second.processedBytes = 1234;
        second.finishedAt = "t2";
        second.logs.push_back({"t2", "Backup completed"});
        store.dataTransfers.update(second);
        auto found = store.dataTransfers.find("app1", "2");
        QVERIFY(found);
        QCOMPARE(found->id, std::string("x2"));
        QCOMPARE(found->appName, std::string("owner-app"));
        QCOMPARE(found->processedBytes, int64_t(1234));
        QCOMPARE(found->logs.size(), size_t(2));
        QCOMPARE(found->logs[1].message, std::string("Backup completed"));
        QVERIFY(store.dataTransfers.find("app1", "x2"));
        QVERIFY(!store.dataTransfers.find("app2", "x2")); // another app's
        QCOMPARE(store.dataTransfers.unfinished().size(), size_t(2));

        // Deleted: hidden, its file still known for clean-up, its number not given again.
        store.dataTransfers.markDeleted("x2", "t3");
        QVERIFY(!store.dataTransfers.byId("x2"));
        QCOMPARE(store.dataTransfers.listForApp("app1").size(), size_t(1));
        QCOMPARE(store.dataTransfers.filesForApp("app1"), std::vector<std::string>{"/tmp/x2.dump"});
        QCOMPARE(store.dataTransfers.nextNum("app1"), int64_t(3));
        store.apps.remove("app1");
        QVERIFY(store.dataTransfers.listForApp("app1").empty());
    }

    void currentReleaseIsTheNewestThatSucceeded()
    {
        QTemporaryDir dir;
        Store store((dir.path() + "/s.db").toStdString());
        store.accounts.insert(account("a1", "one@example.com"));
        store.apps.insert({"app1", "myapp", "a1", "", "us", "heroku-24", false, std::nullopt, 0, 0, "t", "t", std::nullopt});
        store.releases.insert({"r1", "app1", "", 1, "Initial release", "succeeded", "a1", "", std::nullopt, {}, "t", "t", true});
        store.releases.insert({"r2", "app1", "", 2, "Deploy abc", "failed", "a1", "", std::nullopt, {}, "t", "t", false});
        QCOMPARE(store.releases.currentVersion("app1"), int64_t(1));
        QCOMPARE(store.releases.latestVersion("app1"), int64_t(2));
        QVERIFY(store.releases.byVersion("app1", 1)->current);
        QVERIFY(!store.releases.byVersion("app1", 2)->current);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
