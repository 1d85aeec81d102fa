// Add-ons through the Platform API of an in-process emulator, on the real PostgreSQL server it
// starts: provisioning off the core thread, DATABASE_URL and the Attach release, a table written
// through the URL with psql, a plan change enforced as CONNECTION LIMIT, an attachment to another
// app and its detach, bad input refused without a trace, destroy dropping database and role, and
// an emulator restart that keeps the data, takes over a server a crash left running and rolls back
// interrupted provisioning.
#include "common/golden.h"
#include "common/httpclient.h"
#include "common/psqlclient.h"

#include "addons/postgres/postgrescluster.h"
#include "wiring/emulator.h"
#include "store/store.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>


using namespace dynodesk;
using nlohmann::json;
using testing::HttpClient;

class TestAddonsApi : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<addons::postgres::Binaries> m_bins;
    std::unique_ptr<wiring::Emulator> m_emulator;
    std::unique_ptr<HttpClient> m_api;
    QString m_addon;      // the first add-on's name
    std::string m_url;    // its DATABASE_URL

    bool startEmulator()
    {
        core::Settings settings;
        settings.dataDir = m_dir.path().toStdString();
        settings.passwordHashIterations = 1000;
        m_emulator = std::make_unique<wiring::Emulator>(settings);
        auto started = m_emulator->start();
        if (!started) {
            qWarning() << started.error().message.c_str();
            return false;
        }
        m_api = std::make_unique<HttpClient>(QString::fromStdString(m_emulator->apiUrl()),
                                             QString::fromStdString(m_emulator->credentials().token));
        return true;
    }

    // psql as a client of the URL; nullopt when it cannot connect or the SQL fails.
    std::optional<QString> psql(const std::string &url, const QString &sql) const
    {
        const testing::PsqlResult r = testing::runPsql(m_bins->tool(QStringLiteral("psql")), QString::fromStdString(url), sql);
        return r.ok() ? std::optional(r.out) : std::nullopt;
    }

    // SQL as the cluster's superuser, to look behind the add-ons' backs.
    std::optional<QString> superuser(const QString &sql) const
    {
        const QString dir = m_dir.path() + QStringLiteral("/postgres/");
        QFile portFile(dir + QStringLiteral("port")), passwordFile(dir + QStringLiteral("superuser-password"));
        if (!portFile.open(QIODevice::ReadOnly) || !passwordFile.open(QIODevice::ReadOnly))
            return std::nullopt;
        const QString url = QStringLiteral("postgres://dynodesk:%1@127.0.0.1:%2/postgres")
                                    .arg(QString::fromUtf8(passwordFile.readAll()).trimmed(),
                                         QString::fromUtf8(portFile.readAll()).trimmed());
        return psql(url.toStdString(), sql);
    }

    QString postmasterPid() const
    {
        QFile f(m_dir.path() + QStringLiteral("/postgres/data/postmaster.pid"));
        return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readLine()).trimmed() : QString();
    }

    json waitForState(const QString &path, const std::string &unlessState)
    {
        json addon;
        (void)QTest::qWaitFor([&] { // the caller checks the state it got
            auto r = m_api->get(path);
            addon = r.status == 200 ? r.json() : json{{"state", "gone"}, {"status", r.status}};
            return addon["state"] != unlessState;
        }, 120000);
        return addon;
    }

    json latestRelease(const QString &app) const
    {
        return m_api->get(QStringLiteral("/apps/%1/releases").arg(app), {{"Range", "version ..; max=1, order=desc"}}).json()[0];
    }

private slots:
    void initTestCase()
    {
        auto bins = addons::postgres::Binaries::find();
        if (!bins)
            QSKIP(qPrintable(QStringLiteral("PostgreSQL is not installed (tools/setup installs it): ")
                             + QString::fromStdString(bins.error().message)));
        m_bins = *bins;
        QVERIFY(startEmulator());
        QCOMPARE(m_api->post("/apps", {{"name", "pg-app"}}).status, 201);
        QCOMPARE(m_api->post("/apps", {{"name", "pg-other"}}).status, 201);
    }

    void cleanupTestCase()
    {
        if (m_emulator)
            m_emulator->stop();
    }

    void unknownServiceOrPlanIsRefusedAndLeavesNothing()
    {
        for (const char *plan : {"heroku-postgresql:hobby-dev", "heroku-nosuch"}) {
            auto r = m_api->post("/apps/pg-app/addons", {{"plan", {{"name", plan}}}});
            QCOMPARE(r.status, 422);
            QVERIFY2(r.json()["message"].get<std::string>().starts_with(
                             "Couldn't find either the add-on service or the add-on plan of"),
                     r.body.constData());
        }
        QCOMPARE(m_api->post("/apps/pg-app/addons", json::object()).status, 422);
        QCOMPARE(m_api->post("/apps/pg-app/addons", {{"plan", "heroku-postgresql"}, {"attachment", {{"name", "bad name"}}}}).status,
                 422);
        QCOMPARE(m_api->get("/apps/pg-app/addons").json().size(), size_t(0));
        QCOMPARE(m_api->post("/apps/no-such-app/addons", {{"plan", "heroku-postgresql"}}).status, 404);
    }

    void provisionAttachesAsDatabaseWithARelease()
    {
        auto r = m_api->post("/apps/pg-app/addons", {{"plan", {{"name", "heroku-postgresql:essential-0"}}}});
        QCOMPARE(r.status, 201);
        json addon = r.json();
        VERIFY_GOLDEN(addon, "add-on");
        JSON_EQ(addon["state"], json("provisioning"));
        JSON_EQ(addon["plan"]["name"], json("heroku-postgresql:essential-0"));
        m_addon = QString::fromStdString(addon["name"].get<std::string>());
        QVERIFY2(QRegularExpression(QStringLiteral("^postgresql-[a-z]+-\\d{5}$")).match(m_addon).hasMatch(), qPrintable(m_addon));

        addon = waitForState(QStringLiteral("/apps/pg-app/addons/") + m_addon, "provisioning");
        JSON_EQ(addon["state"], json("provisioned"));
        JSON_EQ(addon["config_vars"], json::array({"DATABASE_URL"}));
        JSON_EQ(addon["provision_message"], json(""));

        const json config = m_api->get("/apps/pg-app/config-vars").json();
        QVERIFY2(config.contains("DATABASE_URL"), config.dump().c_str());
        m_url = config["DATABASE_URL"];
        QVERIFY2(m_url.starts_with("postgres://") && m_url.find("@127.0.0.1:") != std::string::npos, m_url.c_str());
        JSON_EQ(latestRelease(QStringLiteral("pg-app"))["description"], json("Attach DATABASE (@ref:" + m_addon.toStdString() + ")"));

        // Listed for the app, globally, and by the attachment's name.
        JSON_EQ(m_api->get("/apps/pg-app/addons").json()[0]["name"], json(m_addon.toStdString()));
        JSON_EQ(m_api->get("/addons").json()[0]["name"], json(m_addon.toStdString()));
        JSON_EQ(m_api->get("/apps/pg-app/addons/DATABASE").json()["name"], json(m_addon.toStdString()));
        const json attachments = m_api->get("/apps/pg-app/addon-attachments").json();
        QCOMPARE(attachments.size(), size_t(1));
        VERIFY_GOLDEN(attachments[0], "add-on-attachment");
        JSON_EQ(attachments[0]["name"], json("DATABASE"));
    }

    void appWritesThroughDatabaseUrl()
    {
        QVERIFY(!m_url.empty());
        QVERIFY(psql(m_url, QStringLiteral("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('hello')")));
        JSON_EQ(psql(m_url, QStringLiteral("SELECT body FROM notes")).value_or("none").toStdString(), json("hello"));
    }

    void planChangeSetsTheConnectionLimit()
    {
        const QString limitSql = QStringLiteral("SELECT rolconnlimit FROM pg_roles WHERE rolname = current_user");
        QCOMPARE(psql(m_url, limitSql).value_or(QString()), QStringLiteral("20"));
        auto r = m_api->patch(QStringLiteral("/apps/pg-app/addons/") + m_addon, {{"plan", {{"name", "heroku-postgresql:essential-2"}}}});
        QCOMPARE(r.status, 200);
        JSON_EQ(r.json()["plan"]["name"], json("heroku-postgresql:essential-2"));
        QVERIFY(QTest::qWaitFor([&] { return psql(m_url, limitSql).value_or(QString()) == QStringLiteral("40"); }, 60000));

        // Another service's plan or an unknown plan changes nothing.
        r = m_api->patch(QStringLiteral("/apps/pg-app/addons/") + m_addon, {{"plan", {{"name", "heroku-postgresql:mecha"}}}});
        QCOMPARE(r.status, 422);
        JSON_EQ(m_api->get(QStringLiteral("/addons/") + m_addon).json()["plan"]["name"], json("heroku-postgresql:essential-2"));
    }

    void renameKeepsTheAttachment()
    {
        auto r = m_api->patch(QStringLiteral("/apps/pg-app/addons/") + m_addon, {{"name", "main-db"}});
        QCOMPARE(r.status, 200);
        JSON_EQ(r.json()["name"], json("main-db"));
        JSON_EQ(m_api->get("/apps/pg-app/addon-attachments/DATABASE").json()["addon"]["name"], json("main-db"));
        QCOMPARE(m_api->patch("/apps/pg-app/addons/main-db", {{"name", "9 bad"}}).status, 422);
        r = m_api->patch("/apps/pg-app/addons/main-db", {{"name", m_addon.toStdString()}});
        QCOMPARE(r.status, 200);
    }

    void resolveActionsFindByAttachmentAddonAndQualifiedName()
    {
        auto r = m_api->post("/actions/addons/resolve", {{"addon", "DATABASE"}, {"app", "pg-app"}});
        QCOMPARE(r.status, 200);
        JSON_EQ(r.json()[0]["name"], json(m_addon.toStdString()));
        r = m_api->post("/actions/addons/resolve", {{"addon", "pg-app::DATABASE_URL"}, {"app", nullptr}});
        JSON_EQ(r.json()[0]["name"], json(m_addon.toStdString()));
        r = m_api->post("/actions/addon-attachments/resolve", {{"addon_attachment", "DATABASE"}, {"app", "pg-app"}});
        QCOMPARE(r.status, 200);
        JSON_EQ(r.json()[0]["config_vars"], json::array({"DATABASE_URL"}));
        r = m_api->post("/actions/addons/resolve", {{"addon", "nothing-here"}, {"app", "pg-app"}});
        QCOMPARE(r.status, 404);
        JSON_EQ(r.json()["resource"], json("add_on")); // the CLI then looks the name up globally
    }

    void attachToAnotherAppAndDetach()
    {
        const int before = latestRelease(QStringLiteral("pg-other"))["version"];
        auto r = m_api->post("/addon-attachments", {{"addon", {{"name", m_addon.toStdString()}}}, {"app", {{"name", "pg-other"}}},
                                                    {"name", "SHARED_DB"}});
        QCOMPARE(r.status, 201);
        const json attachment = r.json();
        VERIFY_GOLDEN(attachment, "add-on-attachment");
        JSON_EQ(attachment["app"]["name"], json("pg-other"));
        JSON_EQ(attachment["addon"]["app"]["name"], json("pg-app"));
        json config = m_api->get("/apps/pg-other/config-vars").json();
        JSON_EQ(config["SHARED_DB_URL"], json(m_url));
        JSON_EQ(latestRelease(QStringLiteral("pg-other"))["description"],
                json("Attach SHARED_DB (@ref:" + m_addon.toStdString() + ")"));
        JSON_EQ(psql(config["SHARED_DB_URL"].get<std::string>(), QStringLiteral("SELECT count(*) FROM notes")).value_or("x").toStdString(),
                json("1"));
        // The owning app lists it among its attachments; the other app lists the add-on too.
        QCOMPARE(m_api->get(QStringLiteral("/addons/%1/addon-attachments").arg(m_addon)).json().size(), size_t(2));
        JSON_EQ(m_api->get("/apps/pg-other/addons").json()[0]["name"], json(m_addon.toStdString()));

        // A name clash and a malformed name are 422 and change nothing.
        r = m_api->post("/addon-attachments", {{"addon", {{"name", m_addon.toStdString()}}}, {"app", {{"name", "pg-other"}}},
                                               {"name", "SHARED_DB"}});
        QCOMPARE(r.status, 422);
        QVERIFY2(r.json()["message"].get<std::string>().find("already taken") != std::string::npos, r.body.constData());
        QCOMPARE(m_api->post("/addon-attachments", {{"addon", {{"name", m_addon.toStdString()}}}, {"app", {{"name", "pg-other"}}},
                                                    {"name", "lower_case"}}).status,
                 422);
        JSON_EQ(latestRelease(QStringLiteral("pg-other"))["version"], json(before + 1));
        // Only the owning app destroys it.
        QCOMPARE(m_api->del(QStringLiteral("/apps/pg-other/addons/") + m_addon).status, 422);

        r = m_api->del(QStringLiteral("/addon-attachments/") + QString::fromStdString(attachment["id"].get<std::string>()));
        QCOMPARE(r.status, 200);
        config = m_api->get("/apps/pg-other/config-vars").json();
        QVERIFY2(!config.contains("SHARED_DB_URL"), config.dump().c_str());
        JSON_EQ(latestRelease(QStringLiteral("pg-other"))["description"],
                json("Detach SHARED_DB (@ref:" + m_addon.toStdString() + ")"));
        QCOMPARE(m_api->get(QStringLiteral("/addon-attachments/") + QString::fromStdString(attachment["id"].get<std::string>())).status, 404);
    }

    void restartKeepsDataAndRollsBackInterruptedProvisioning()
    {
        m_emulator->stop();
        QVERIFY(!psql(m_url, QStringLiteral("SELECT 1"))); // the cluster stopped with the emulator
        {
            // As if a crash had left an add-on half made.
            store::Store s((m_dir.path() + QStringLiteral("/dynodesk.sqlite3")).toStdString());
            auto owner = s.addons.byIdOrName(m_addon.toStdString());
            QVERIFY(owner);
            platform::Addon half = *owner;
            half.id = "0b9f6c1e-0000-4000-8000-000000000001";
            half.name = "postgresql-interrupted-11111";
            half.providerId = "dinterrupted";
            half.state = "provisioning";
            half.config.clear();
            s.addons.insert(half);
        }
        // As if the crash had left the server running too: the next start stops it and runs its own.
        auto leftover = std::make_unique<addons::postgres::PostgresCluster>(m_dir.path() + QStringLiteral("/postgres"), *m_bins);
        QVERIFY(leftover->start().ok());
        QVERIFY(psql(m_url, QStringLiteral("SELECT 1")));
        const QString leftoverPid = postmasterPid();
        // Never stopped by its owner, as a crashed emulator never stops it. Kept reachable from a
        // static so the leak checker knows the object is abandoned on purpose.
        static addons::postgres::PostgresCluster *abandoned = nullptr;
        abandoned = leftover.release();

        QVERIFY(startEmulator());
        // The server comes back by itself (apps connect without asking the emulator), run by this emulator.
        QVERIFY(QTest::qWaitFor([&] {
            return postmasterPid() != leftoverPid && psql(m_url, QStringLiteral("SELECT body FROM notes")) == QStringLiteral("hello");
        }, 60000));
        const json half = waitForState(QStringLiteral("/addons/postgresql-interrupted-11111"), "deprovisioning");
        JSON_EQ(half["state"], json("deprovisioned"));
        QVERIFY2(half["provision_message"].get<std::string>().find("interrupted") != std::string::npos, half.dump().c_str());
        JSON_EQ(m_api->get(QStringLiteral("/addons/") + m_addon).json()["state"], json("provisioned"));
        // A failed add-on is removed at once when destroyed.
        QCOMPARE(m_api->del("/apps/pg-app/addons/postgresql-interrupted-11111").status, 200);
        QCOMPARE(m_api->get("/addons/postgresql-interrupted-11111").status, 404);
    }

    void secondDatabaseGetsAColorAndDestroyDropsTheDatabase()
    {
        auto r = m_api->post("/apps/pg-app/addons", {{"plan", "heroku-postgresql:essential-0"}});
        QCOMPARE(r.status, 201);
        const QString second = QString::fromStdString(r.json()["name"].get<std::string>());
        JSON_EQ(waitForState(QStringLiteral("/addons/") + second, "provisioning")["config_vars"],
                json::array({"HEROKU_POSTGRESQL_AMBER_URL"}));

        const std::string database = m_api->get(QStringLiteral("/addons/") + m_addon).json()["provider_id"];
        r = m_api->del(QStringLiteral("/apps/pg-app/addons/") + m_addon);
        QCOMPARE(r.status, 200);
        JSON_EQ(r.json()["state"], json("deprovisioning"));
        const json config = m_api->get("/apps/pg-app/config-vars").json();
        QVERIFY2(!config.contains("DATABASE_URL") && config.contains("HEROKU_POSTGRESQL_AMBER_URL"), config.dump().c_str());
        JSON_EQ(latestRelease(QStringLiteral("pg-app"))["description"], json("Detach DATABASE (@ref:" + m_addon.toStdString() + ")"));
        JSON_EQ(waitForState(QStringLiteral("/addons/") + m_addon, "deprovisioning")["status"], json(404));
        QVERIFY(!psql(m_url, QStringLiteral("SELECT 1")));
        const QString name = QString::fromStdString(database);
        JSON_EQ(superuser(QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = '%1'").arg(name)).value_or("x").toStdString(),
                json("0"));
        JSON_EQ(superuser(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname = '%1'").arg(name)).value_or("x").toStdString(),
                json("0"));

        // DATABASE is free again for the next one.
        r = m_api->post("/apps/pg-app/addons", {{"plan", "heroku-postgresql"}});
        JSON_EQ(waitForState(QStringLiteral("/addons/") + QString::fromStdString(r.json()["name"].get<std::string>()), "provisioning")["config_vars"],
                json::array({"DATABASE_URL"}));
    }
};

QTEST_GUILESS_MAIN(TestAddonsApi)
#include "tst_addonsapi.moc"
