// The plan catalog: the platform's current Postgres plans, their limits, and the 422 for
// anything else.
#include "addons/plancatalog.h"

#include <QTest>

using namespace dynodesk::addons;

class TestPlanCatalog : public QObject {
    Q_OBJECT
private slots:
    void resolvesPlans_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("plan");
        QTest::addColumn<int>("connections");
        QTest::addColumn<qint64>("storageGB");
        const qint64 gb = 1;
        QTest::newRow("default") << "heroku-postgresql" << "essential-0" << 20 << 1 * gb;
        QTest::newRow("essential-0") << "heroku-postgresql:essential-0" << "essential-0" << 20 << 1 * gb;
        QTest::newRow("essential-1") << "heroku-postgresql:essential-1" << "essential-1" << 20 << 10 * gb;
        QTest::newRow("essential-2") << "heroku-postgresql:essential-2" << "essential-2" << 40 << 32 * gb;
        QTest::newRow("standard-0") << "heroku-postgresql:standard-0" << "standard-0" << 120 << 64 * gb;
        QTest::newRow("premium-0") << "heroku-postgresql:premium-0" << "premium-0" << 120 << 64 * gb;
    }

    void resolvesPlans()
    {
        QFETCH(QString, spec);
        QFETCH(QString, plan);
        QFETCH(int, connections);
        QFETCH(qint64, storageGB);
        const PlanCatalog catalog;
        const auto choice = catalog.resolve(spec.toStdString());
        QVERIFY2(choice.ok(), choice.ok() ? "" : choice.error().message.c_str());
        QCOMPARE(choice.value().service->name, std::string("heroku-postgresql"));
        QCOMPARE(QString::fromStdString(choice.value().plan->name), plan);
        QCOMPARE(choice.value().plan->connectionLimit, connections);
        QCOMPARE(choice.value().plan->storageBytes, storageGB * 1024 * 1024 * 1024);
        QCOMPARE(choice.value().plan->qualifiedName("heroku-postgresql"), "heroku-postgresql:" + plan.toStdString());
    }

    void unknownIsThePlatforms422_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("unknown service") << "heroku-nosql";
        QTest::newRow("retired plan") << "heroku-postgresql:hobby-dev";
        QTest::newRow("empty plan") << "heroku-postgresql:";
        QTest::newRow("empty") << "";
    }

    void unknownIsThePlatforms422()
    {
        QFETCH(QString, spec);
        const PlanCatalog catalog;
        const auto choice = catalog.resolve(spec.toStdString());
        QVERIFY(!choice.ok());
        QCOMPARE(choice.error().status, 422);
        QCOMPARE(choice.error().id, std::string("invalid_params"));
        QCOMPARE(QString::fromStdString(choice.error().message),
                 QStringLiteral("Couldn't find either the add-on service or the add-on plan of \"%1\".").arg(spec));
    }

    void exactlyOneDefaultPlanPerService()
    {
        const PlanCatalog catalog;
        for (const Service &s : catalog.services()) {
            int defaults = 0;
            for (const Plan &p : s.plans)
                defaults += p.isDefault ? 1 : 0;
            QCOMPARE(defaults, 1);
            QVERIFY(s.defaultPlan().isDefault);
        }
    }
};

QTEST_GUILESS_MAIN(TestPlanCatalog)
#include "tst_plancatalog.moc"
