// The add-on catalog over real HTTP: addon-service and plan links answer the official schema's
// fields (golden files) with the platform's current Postgres plans and their limits.
#include "common/golden.h"
#include "common/httpclient.h"

#include "wiring/emulator.h"

#include <QTemporaryDir>
#include <QTest>

using namespace dynodesk;
using nlohmann::json;
using testing::HttpClient;

class TestAddonCatalogApi : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<wiring::Emulator> m_emulator;
    std::unique_ptr<HttpClient> m_api;

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
    }

    void cleanupTestCase() { m_emulator->stop(); }

    void servicesAndPlans()
    {
        auto r = m_api->get("/addon-services");
        QCOMPARE(r.status, 200);
        const json services = r.json();
        QCOMPARE(services.size(), size_t(1));
        VERIFY_GOLDEN(services[0], "add-on-service");
        JSON_EQ(services[0]["name"], json("heroku-postgresql"));
        const std::string serviceId = services[0]["id"];
        JSON_EQ(m_api->get("/addon-services/" + QString::fromStdString(serviceId)).json()["name"], json("heroku-postgresql"));

        const json plans = m_api->get("/addon-services/heroku-postgresql/plans").json();
        QVERIFY(plans.size() >= 4);
        for (const json &p : plans)
            VERIFY_GOLDEN(p, "plan");
        json essential0;
        int defaults = 0;
        for (const json &p : plans) {
            defaults += p["default"].get<bool>() ? 1 : 0;
            if (p["name"] == "heroku-postgresql:essential-0")
                essential0 = p;
        }
        QCOMPARE(defaults, 1);
        JSON_EQ(essential0["default"], json(true));
        JSON_EQ(essential0["price"]["cents"], json(500));
        JSON_EQ(essential0["description"], json("Essential 0: 20 connections, 1 GB storage"));

        const json byName = m_api->get("/addon-services/heroku-postgresql/plans/essential-2").json();
        JSON_EQ(byName["name"], json("heroku-postgresql:essential-2"));
        const std::string planId = byName["id"];
        JSON_EQ(m_api->get("/plans/" + QString::fromStdString(planId)).json()["name"], json("heroku-postgresql:essential-2"));
        JSON_EQ(m_api->get("/plans/heroku-postgresql:essential-2").json()["id"], json(planId));
    }

    void unknownsAre404()
    {
        QCOMPARE(m_api->get("/addon-services/heroku-nosql").status, 404);
        QCOMPARE(m_api->get("/addon-services/heroku-postgresql/plans/hobby-dev").status, 404);
        JSON_EQ(m_api->get("/plans/heroku-postgresql:hobby-dev").json()["id"], json("not_found"));
    }
};

QTEST_GUILESS_MAIN(TestAddonCatalogApi)
#include "tst_addoncatalogapi.moc"
