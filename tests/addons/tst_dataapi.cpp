// The data API behind the CLI's `pg:*` commands, served on the API port of an in-process
// emulator, on the real PostgreSQL server it starts: pg:info's database view, the credential,
// rotation (old password refused, every URL var changed with a release), promote through a
// confirmed attachment, killall, backup and restore round trips with row counts, a download link
// that is signed, a missing or invalid backup that leaves the database unchanged, reset, fork,
// and other accounts kept out.
#include "common/golden.h"
#include "common/httpclient.h"
#include "common/psqlclient.h"

#include "addons/postgres/postgrescluster.h"
#include "wiring/emulator.h"
#include "platform/platform.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>


using namespace dynodesk;
using nlohmann::json;
using testing::HttpClient;

class TestDataApi : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<addons::postgres::Binaries> m_bins;
    std::unique_ptr<wiring::Emulator> m_emulator;
    std::unique_ptr<HttpClient> m_api, m_stranger;
    json m_db; // the first database add-on

    std::optional<QString> psql(const std::string &url, const QString &sql) const
    {
        const testing::PsqlResult r = testing::runPsql(m_bins->tool(QStringLiteral("psql")), QString::fromStdString(url), sql);
        return r.ok() ? std::optional(r.out) : std::nullopt;
    }

    std::string config(const char *app, const char *var) const
    {
        const json c = m_api->get(QStringLiteral("/apps/%1/config-vars").arg(QLatin1String(app))).json();
        return c.contains(var) ? c[var].get<std::string>() : std::string();
    }

    json latestRelease(const char *app, int back = 0) const
    {
        return m_api->get(QStringLiteral("/apps/%1/releases").arg(QLatin1String(app)), {{"Range", "version ..; max=5, order=desc"}})
                .json()[back];
    }

    json provision(const char *app, const json &extra = json::object())
    {
        json body = {{"plan", "heroku-postgresql:essential-0"}};
        body.update(extra);
        auto r = m_api->post(QStringLiteral("/apps/%1/addons").arg(QLatin1String(app)), body);
        if (r.status != 201)
            return r.json();
        const QString path = QStringLiteral("/addons/") + QString::fromStdString(r.json()["id"].get<std::string>());
        json addon;
        (void)QTest::qWaitFor([&] {
            addon = m_api->get(path).json();
            return addon["state"] != "provisioning";
        }, 120000);
        return addon;
    }

    // A transfer once it has finished.
    json finished(const char *app, const json &transfer) const
    {
        const QString path = QStringLiteral("/client/v11/apps/%1/transfers/%2")
                                     .arg(QLatin1String(app), QString::fromStdString(transfer["uuid"].get<std::string>()));
        json t;
        (void)QTest::qWaitFor([&] {
            t = m_api->get(path).json();
            return !t["finished_at"].is_null();
        }, 120000);
        return t;
    }

    QByteArray download(const QString &url, int *status) const
    {
        QNetworkAccessManager net;
        QNetworkReply *reply = net.get(QNetworkRequest(QUrl(url)));
        (void)QTest::qWaitFor([&] { return reply->isFinished(); }, 30000);
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        delete reply;
        return body;
    }

    QString dbPath(const char *suffix = "") const
    {
        return QStringLiteral("/client/v11/databases/") + QString::fromStdString(m_db["id"].get<std::string>()) + QLatin1String(suffix);
    }

private slots:
    void initTestCase()
    {
        auto bins = addons::postgres::Binaries::find();
        if (!bins)
            QSKIP(qPrintable(QStringLiteral("PostgreSQL is not installed (tools/setup installs it): ")
                             + QString::fromStdString(bins.error().message)));
        m_bins = *bins;
        core::Settings settings;
        settings.dataDir = m_dir.path().toStdString();
        settings.passwordHashIterations = 1000;
        m_emulator = std::make_unique<wiring::Emulator>(settings);
        auto started = m_emulator->start();
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
        m_api = std::make_unique<HttpClient>(QString::fromStdString(m_emulator->apiUrl()),
                                             QString::fromStdString(m_emulator->credentials().token));
        std::string strangerToken;
        m_emulator->runOnCore([&](platform::Platform &p) {
            if (auto made = p.accounts().createAccount("stranger@example.com", std::string("pw")))
                strangerToken = made->token;
        });
        QVERIFY(!strangerToken.empty());
        m_stranger = std::make_unique<HttpClient>(QString::fromStdString(m_emulator->apiUrl()), QString::fromStdString(strangerToken));
        for (const char *app : {"data-app", "data-other"})
            QCOMPARE(m_api->post("/apps", {{"name", app}}).status, 201);
        QCOMPARE(m_stranger->post("/apps", {{"name", "stranger-app"}}).status, 201);
        m_db = provision("data-app");
        JSON_EQ(m_db["state"], json("provisioned"));
        QVERIFY(psql(config("data-app", "DATABASE_URL"),
                     QStringLiteral("CREATE TABLE items (n int); INSERT INTO items SELECT generate_series(1, 5)")));
    }

    void cleanupTestCase()
    {
        if (m_emulator)
            m_emulator->stop();
    }

    void infoDescribesTheDatabase()
    {
        auto r = m_api->get(dbPath());
        QCOMPARE(r.status, 200);
        const json db = r.json();
        JSON_EQ(db["resource_url"], json(config("data-app", "DATABASE_URL"))); // pg:info finds the var by its value
        std::map<std::string, std::string> info;
        for (const auto &row : db["info"])
            info[row["name"]] = row["values"][0];
        JSON_EQ(info["Plan"], json("Essential 0"));
        JSON_EQ(info["Status"], json("Available"));
        QVERIFY2(info["Connections"].ends_with("/20"), info["Connections"].c_str());
        QVERIFY2(QString::fromStdString(info["PG Version"]).contains(QRegularExpression(QStringLiteral("^\\d+\\.\\d+"))),
                 info["PG Version"].c_str());
        JSON_EQ(info["Tables"], json("1/4000")); // the essential plans allow 4000 tables
        QVERIFY2(info["Data Size"].find(" / 1 GB") != std::string::npos, info["Data Size"].c_str());
        QVERIFY(!info["Created"].empty());
        JSON_EQ(m_api->get(dbPath("/wait_status")).json()["waiting?"], json(false));

        QCOMPARE(m_api->get("/client/v11/databases/no-such-db").status, 404);
        QCOMPARE(m_stranger->get(dbPath()).status, 404); // another account's database does not exist for it
        QCOMPARE(m_stranger->request("PUT", dbPath("/reset")).status, 404);
        QCOMPARE(m_stranger->get("/client/v11/apps/data-app/transfers").status, 403);
    }

    void credentialsAndRotation()
    {
        const std::string name = m_db["name"];
        const QString credPath = QStringLiteral("/postgres/v0/databases/%1/credentials/default").arg(QString::fromStdString(name));
        auto r = m_api->get(credPath);
        QCOMPARE(r.status, 200);
        const std::string oldUrl = config("data-app", "DATABASE_URL");
        const json cred = r.json();
        const QUrl url(QString::fromStdString(oldUrl));
        JSON_EQ(cred["credentials"][0]["password"], json(url.password().toStdString()));
        JSON_EQ(cred["credentials"][0]["state"], json("active"));
        JSON_EQ(cred["port"], json(url.port()));
        QCOMPARE(m_api->get(QStringLiteral("/postgres/v0/databases/%1/credentials/reporting").arg(QString::fromStdString(name))).status, 404);

        // Shared with another app: its URL var changes too.
        QCOMPARE(m_api->post("/addon-attachments", {{"addon", {{"name", name}}}, {"app", {{"name", "data-other"}}}, {"name", "SHARED"}}).status,
                 201);
        const int appVersion = latestRelease("data-app")["version"], otherVersion = latestRelease("data-other")["version"];
        r = m_api->post(QStringLiteral("/postgres/v0/databases/%1/credentials/default/credentials_rotation").arg(QString::fromStdString(name)),
                        json::object());
        QCOMPARE(r.status, 200);
        const std::string newUrl = config("data-app", "DATABASE_URL");
        QVERIFY(newUrl != oldUrl && !newUrl.empty());
        JSON_EQ(config("data-other", "SHARED_URL"), json(newUrl));
        QVERIFY(!psql(oldUrl, QStringLiteral("SELECT 1")));
        JSON_EQ(psql(newUrl, QStringLiteral("SELECT count(*) FROM items")).value_or("x").toStdString(), json("5"));
        JSON_EQ(latestRelease("data-app")["version"], json(appVersion + 1));
        JSON_EQ(latestRelease("data-app")["description"], json("Update DATABASE by heroku-postgresql"));
        JSON_EQ(latestRelease("data-other")["version"], json(otherVersion + 1));
        JSON_EQ(m_api->get(credPath).json()["credentials"][0]["password"],
                json(QUrl(QString::fromStdString(newUrl)).password().toStdString()));
        // The other name of the rotation link, for --all.
        r = m_api->post(QStringLiteral("/postgres/v0/databases/%1/credentials_rotation").arg(QString::fromStdString(name)), json::object());
        QCOMPARE(r.status, 200);
        QVERIFY(config("data-app", "DATABASE_URL") != newUrl);
        QCOMPARE(m_api->del(QStringLiteral("/addon-attachments/")
                            + QString::fromStdString(m_api->get("/apps/data-other/addon-attachments/SHARED").json()["id"].get<std::string>()))
                         .status,
                 200);
    }

    void killallEndsSessions()
    {
        QProcess sleeper;
        sleeper.start(m_bins->tool(QStringLiteral("psql")), {QString::fromStdString(config("data-app", "DATABASE_URL")), QStringLiteral("-X"),
                                                             QStringLiteral("-c"), QStringLiteral("SELECT pg_sleep(60)")});
        QVERIFY(sleeper.waitForStarted());
        QVERIFY(QTest::qWaitFor([&] {
            return psql(config("data-app", "DATABASE_URL"),
                        QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'")) == QStringLiteral("1");
        }, 20000));
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(m_api->post(dbPath("/connection_reset"), json::object()).status, 200);
        // (The reply's event loop may already have seen it end.)
        QVERIFY(sleeper.state() == QProcess::NotRunning || sleeper.waitForFinished(20000));
        QVERIFY(sleeper.exitCode() != 0);
        QVERIFY(timer.elapsed() < 20000);
    }

    void backupAndRestoreRoundTrip()
    {
        const std::string url = config("data-app", "DATABASE_URL");
        auto r = m_api->post(dbPath("/backups"), json::object());
        QCOMPARE(r.status, 201);
        JSON_EQ(r.json()["from_name"], json("DATABASE"));
        JSON_EQ(r.json()["from_type"], json("pg_dump"));
        JSON_EQ(r.json()["to_type"], json("gof3r"));
        const json backup = finished("data-app", r.json());
        JSON_EQ(backup["succeeded"], json(true));
        JSON_EQ(backup["num"], json(1));
        QVERIFY(backup["processed_bytes"].get<int64_t>() > 0);
        QVERIFY(backup["source_bytes"].get<int64_t>() > 0);
        QVERIFY(psql(url, QStringLiteral("INSERT INTO items SELECT generate_series(6, 9); CREATE TABLE extra (x int)")));

        // By number or id; the list has it.
        JSON_EQ(m_api->get("/client/v11/apps/data-app/transfers/1").json()["uuid"], backup["uuid"]);
        QCOMPARE(m_api->get("/client/v11/apps/data-app/transfers").json().size(), size_t(1));

        r = m_api->post(dbPath("/restores"), {{"backup_url", backup["to_url"]}});
        QCOMPARE(r.status, 201);
        const json restore = finished("data-app", r.json());
        QVERIFY2(restore["succeeded"] == true, restore.dump().c_str());
        JSON_EQ(restore["to_type"], json("pg_restore"));
        JSON_EQ(restore["num"], json(2));
        JSON_EQ(psql(url, QStringLiteral("SELECT count(*) FROM items")).value_or("x").toStdString(), json("5"));

        // A download link: signed, served by the emulator, the pg_dump archive itself.
        r = m_api->post("/client/v11/apps/data-app/transfers/1/actions/public-url", json::object());
        QCOMPARE(r.status, 200);
        const QString link = QString::fromStdString(r.json()["url"].get<std::string>());
        QVERIFY2(link.startsWith(QString::fromStdString(m_emulator->apiUrl()) + QStringLiteral("/data-backups/")), qPrintable(link));
        int status = 0;
        const QByteArray dump = download(link, &status);
        QCOMPARE(status, 200);
        QVERIFY(dump.startsWith("PGDMP"));
        QCOMPARE(dump.size(), static_cast<qsizetype>(backup["processed_bytes"].get<int64_t>()));
        (void)download(QString(link).replace(QStringLiteral("signature="), QStringLiteral("signature=0")), &status);
        QCOMPARE(status, 403);
        (void)download(QString(link).replace(QStringLiteral("expires="), QStringLiteral("expires=1")), &status);
        QCOMPARE(status, 403);
    }

    void invalidOrMissingBackupLeavesTheDatabaseUnchanged()
    {
        const std::string url = config("data-app", "DATABASE_URL");
        QVERIFY(psql(url, QStringLiteral("INSERT INTO items VALUES (100)")));
        const json backup = finished("data-app", m_api->post(dbPath("/backups"), json::object()).json());
        JSON_EQ(backup["succeeded"], json(true));
        // A backup file spoiled on disk: the restore fails with the reason, the data stays.
        QFile file(m_dir.path() + QStringLiteral("/postgres/backups/") + QString::fromStdString(backup["uuid"].get<std::string>())
                   + QStringLiteral(".dump"));
        QVERIFY2(file.exists(), qPrintable(file.fileName()));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("this is not a pg_dump archive");
        file.close();
        QVERIFY(psql(url, QStringLiteral("INSERT INTO items VALUES (101)")));
        json restore = finished("data-app", m_api->post(dbPath("/restores"), {{"backup_url", backup["to_url"]}}).json());
        JSON_EQ(restore["succeeded"], json(false));
        QVERIFY2(restore["logs"].dump().find("not a valid pg_dump archive") != std::string::npos, restore.dump().c_str());
        JSON_EQ(psql(url, QStringLiteral("SELECT count(*) FROM items")).value_or("x").toStdString(), json("7"));

        // Deleted: gone from the list, its number not used again, not restorable.
        QCOMPARE(m_api->del(QStringLiteral("/client/v11/apps/data-app/transfers/%1").arg(backup["num"].get<int>())).status, 200);
        QVERIFY(QTest::qWaitFor([&] { return !file.exists(); }, 10000));
        for (const auto &t : m_api->get("/client/v11/apps/data-app/transfers").json())
            QVERIFY(t["uuid"] != backup["uuid"]);
        auto r = m_api->post(dbPath("/restores"), {{"backup_url", backup["to_url"]}});
        QCOMPARE(r.status, 404);
        r = m_api->post(dbPath("/restores"), {{"backup_url", "https://example.com/some.dump"}});
        QCOMPARE(r.status, 422);
        JSON_EQ(psql(url, QStringLiteral("SELECT count(*) FROM items")).value_or("x").toStdString(), json("7"));
        const json next = finished("data-app", m_api->post(dbPath("/backups"), json::object()).json());
        QVERIFY(next["num"].get<int>() > restore["num"].get<int>());
    }

    void forkHoldsTheSameRows()
    {
        const std::string source = config("data-app", "DATABASE_URL");
        const json fork = provision("data-app", {{"config", {{"fork", "DATABASE"}}}});
        JSON_EQ(fork["state"], json("provisioned"));
        const std::string var = fork["config_vars"][0];
        const std::string forkUrl = config("data-app", var.c_str());
        QVERIFY(forkUrl != source);
        JSON_EQ(psql(forkUrl, QStringLiteral("SELECT count(*) FROM items")).value_or("x").toStdString(),
                psql(source, QStringLiteral("SELECT count(*) FROM items")).value_or("y").toStdString());
        QVERIFY(psql(forkUrl, QStringLiteral("INSERT INTO items VALUES (42)")));
        JSON_EQ(psql(source, QStringLiteral("SELECT count(*) FROM items WHERE n = 42")).value_or("x").toStdString(), json("0"));
        // Each database's role is kept out of the other.
        QUrl crossed(QString::fromStdString(forkUrl));
        crossed.setPath(QUrl(QString::fromStdString(source)).path());
        QVERIFY(!psql(crossed.toString().toStdString(), QStringLiteral("SELECT 1")));

        auto r = m_api->post("/apps/data-app/addons", {{"plan", "heroku-postgresql"}, {"config", {{"fork", "NO_SUCH_DB"}}}});
        QCOMPARE(r.status, 422);
        r = m_stranger->post("/apps/stranger-app/addons", {{"plan", "heroku-postgresql"}, {"config", {{"fork", "data-app::DATABASE"}}}});
        QVERIFY2(r.status == 403 || r.status == 404 || r.status == 422, r.body.constData());
    }

    void promoteMakesItDatabase()
    {
        const json addons = m_api->get("/apps/data-app/addons").json();
        QCOMPARE(addons.size(), size_t(2));
        const json &fork = addons[0]["name"] == m_db["name"] ? addons[1] : addons[0]; // the list is in id order
        const std::string second = fork["name"];
        const std::string secondVar = fork["config_vars"][0];
        QCOMPARE(secondVar.rfind("HEROKU_POSTGRESQL_", 0), size_t(0));
        const std::string secondUrl = config("data-app", secondVar.c_str());
        const std::string firstUrl = config("data-app", "DATABASE_URL");
        // What pg:promote does: an alias for the current DATABASE, then a confirmed attach.
        auto r = m_api->post("/addon-attachments", {{"addon", {{"name", m_db["name"]}}}, {"app", {{"name", "data-app"}}},
                                                    {"confirm", "data-app"}, {"namespace", nullptr}});
        QCOMPARE(r.status, 201);
        const std::string alias = r.json()["name"];
        r = m_api->post("/addon-attachments", {{"addon", {{"name", second}}}, {"app", {{"name", "data-app"}}}, {"name", "DATABASE"}});
        QCOMPARE(r.status, 422); // without confirm the name is taken
        const int before = latestRelease("data-app")["version"];
        r = m_api->post("/addon-attachments", {{"addon", {{"name", second}}}, {"app", {{"name", "data-app"}}}, {"name", "DATABASE"},
                                               {"confirm", "data-app"}, {"namespace", nullptr}});
        QCOMPARE(r.status, 201);
        JSON_EQ(config("data-app", "DATABASE_URL"), json(secondUrl));
        JSON_EQ(config("data-app", (alias + "_URL").c_str()), json(firstUrl));
        JSON_EQ(latestRelease("data-app")["version"], json(before + 2));
        JSON_EQ(latestRelease("data-app")["description"], json("Attach DATABASE (@ref:" + second + ")"));
        JSON_EQ(latestRelease("data-app", 1)["description"], json("Detach DATABASE (@ref:" + m_db["name"].get<std::string>() + ")"));

        // Rotating a database attached twice to one app changes both vars in one release.
        r = m_api->post(QStringLiteral("/postgres/v0/databases/%1/credentials_rotation").arg(QString::fromStdString(second)), json::object());
        QCOMPARE(r.status, 200);
        const std::string rotated = config("data-app", "DATABASE_URL");
        QVERIFY(rotated != secondUrl);
        JSON_EQ(config("data-app", secondVar.c_str()), json(rotated));
        JSON_EQ(latestRelease("data-app")["version"], json(before + 3));
        JSON_EQ(latestRelease("data-app")["description"], json("Update " + secondVar.substr(0, secondVar.size() - 4)
                                                               + ", DATABASE by heroku-postgresql"));
    }

    void addonActionsConfirmTheState()
    {
        const QString path = QStringLiteral("/addons/") + QString::fromStdString(m_db["name"].get<std::string>());
        auto r = m_api->post(path + QStringLiteral("/actions/provision"), json::object());
        QCOMPARE(r.status, 200);
        VERIFY_GOLDEN(r.json(), "add-on");
        JSON_EQ(r.json()["state"], json("provisioned"));
        r = m_api->post(path + QStringLiteral("/actions/deprovision"), json::object());
        QCOMPARE(r.status, 422);
        JSON_EQ(m_api->get(path).json()["state"], json("provisioned"));
        QCOMPARE(m_stranger->post(path + QStringLiteral("/actions/provision"), json::object()).status, 404);
        QCOMPARE(m_api->post("/addons/no-such-addon/actions/provision", json::object()).status, 404);
    }

    void resetEmptiesTheDatabase()
    {
        const std::string url = config("data-app", "DATABASE_URL");
        QVERIFY(psql(url, QStringLiteral("SELECT count(*) FROM items")));
        const QString path = QStringLiteral("/client/v11/databases/")
                + QString::fromStdString(m_api->get("/apps/data-app/addons/DATABASE").json()["id"].get<std::string>());
        QCOMPARE(m_api->request("PUT", path + QStringLiteral("/reset"), "{}").status, 200);
        QVERIFY(!psql(url, QStringLiteral("SELECT count(*) FROM items")));
        JSON_EQ(psql(url, QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
                        .value_or("x").toStdString(),
                json("0"));
        QVERIFY(psql(url, QStringLiteral("CREATE TABLE again (x int)"))); // the role can use it at once
    }
};

QTEST_GUILESS_MAIN(TestDataApi)
#include "tst_dataapi.moc"
