// The add-on provisioner with the real Postgres provider: provider work runs on its worker
// thread while the owner's event loop keeps turning, and each outcome is the state machine's next
// state with the add-on's config; a missing PostgreSQL fails the add-on with the package to
// install and no config.
#include "addons/addonprovisioner.h"
#include "addons/postgres/postgresprovider.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>


using namespace dynodesk::addons;
using dynodesk::addons::postgres::Binaries;
using dynodesk::addons::postgres::PostgresProvider;

class TestAddonProvisioner : public QObject {
    Q_OBJECT

    const PlanCatalog m_catalog;

    const Plan &plan(const char *spec) const { return *m_catalog.resolve(spec).value().plan; }

    static std::unique_ptr<AddonProvisioner> provisionerWith(std::unique_ptr<IAddonProvider> provider)
    {
        std::map<std::string, std::unique_ptr<IAddonProvider>> providers;
        providers.emplace("heroku-postgresql", std::move(provider));
        return std::make_unique<AddonProvisioner>(std::move(providers));
    }

    // Waits for the next outcome while counting how often the owner's event loop ran a timer.
    static AddonProvisioner::Outcome next(AddonProvisioner &p, int *ticks = nullptr)
    {
        std::optional<AddonProvisioner::Outcome> got;
        QMetaObject::Connection c = QObject::connect(&p, &AddonProvisioner::finished,
                                                     [&](const AddonProvisioner::Outcome &o) { got = o; });
        QTimer timer;
        int count = 0;
        QObject::connect(&timer, &QTimer::timeout, [&] { ++count; });
        timer.start(10);
        const bool arrived = QTest::qWaitFor([&] { return got.has_value(); }, 120000);
        QObject::disconnect(c);
        if (ticks)
            *ticks = count;
        if (arrived)
            return *got;
        AddonProvisioner::Outcome none; // fails every check of the callers
        none.state = State::Provisioning;
        none.error = dynodesk::core::ApiError::internal("no outcome within 120 s");
        return none;
    }

    static QString psql(const Binaries &bins, const std::string &url, const QString &sql)
    {
        QProcess p;
        p.start(bins.tool(QStringLiteral("psql")), {QString::fromStdString(url), QStringLiteral("-X"), QStringLiteral("-At"),
                                                     QStringLiteral("-c"), sql});
        p.waitForFinished(60000);
        return p.exitCode() == 0 ? QString::fromUtf8(p.readAllStandardOutput()).trimmed() : QStringLiteral("error");
    }

private slots:
    void provisionRotateChangePlanDeprovision()
    {
        auto bins = Binaries::find();
        QVERIFY2(bins.ok(), bins.ok() ? "" : bins.error().message.c_str());
        QTemporaryDir tmp;
        auto provider = std::make_unique<PostgresProvider>(tmp.filePath(QStringLiteral("pg")), *bins);
        PostgresProvider *pg = provider.get();
        auto provisioner = provisionerWith(std::move(provider));

        int ticks = 0;
        provisioner->run("a1", State::Provisioning, "heroku-postgresql", "dprov1", plan("heroku-postgresql:essential-0"));
        const auto made = next(*provisioner, &ticks);
        QVERIFY2(!made.error, made.error ? made.error->message.c_str() : "");
        QCOMPARE(made.addonId, std::string("a1"));
        QCOMPARE(toString(made.state), toString(State::Provisioned));
        QVERIFY(ticks > 5); // the cluster's cold start did not block the owner's thread
        const std::string url = made.config.at("URL");
        QVERIFY(QString::fromStdString(url).startsWith(QStringLiteral("postgres://dprov1:")));
        QCOMPARE(psql(*bins, url, QStringLiteral("select current_database()")), QStringLiteral("dprov1"));

        provisioner->changePlan("a1", "heroku-postgresql", "dprov1", plan("heroku-postgresql:essential-2"));
        const auto changed = next(*provisioner);
        QVERIFY(!changed.error);
        provisioner->rotate("a1", "heroku-postgresql", "dprov1");
        const auto rotated = next(*provisioner);
        QVERIFY(!rotated.error);
        QCOMPARE(toString(rotated.state), toString(State::Provisioned));
        QVERIFY(rotated.config.at("URL") != url);
        QCOMPARE(psql(*bins, url, QStringLiteral("select 1")), QStringLiteral("error"));
        QCOMPARE(psql(*bins, rotated.config.at("URL"), QStringLiteral("select rolconnlimit from pg_roles where rolname = current_user")),
                 QStringLiteral("40"));

        provisioner->run("a1", State::Deprovisioning, "heroku-postgresql", "dprov1", plan("heroku-postgresql:essential-2"));
        const auto gone = next(*provisioner);
        QVERIFY(!gone.error);
        QCOMPARE(toString(gone.state), toString(State::Deprovisioned));
        QCOMPARE(*(*pg->cluster())->query(QStringLiteral("select count(*) from pg_database where datname = 'dprov1'")),
                 QStringLiteral("0"));
        provisioner.reset(); // stops the cluster on the worker
        QVERIFY(!QFile::exists(tmp.filePath(QStringLiteral("pg/data/postmaster.pid"))));
    }

    void missingPostgresFailsTheAddonWithThePackageToInstall()
    {
        QTemporaryDir tmp;
        auto provisioner = provisionerWith(std::make_unique<PostgresProvider>(
            tmp.filePath(QStringLiteral("pg")), Binaries::findIn({tmp.filePath(QStringLiteral("no-such-bin"))})));
        provisioner->run("a2", State::Provisioning, "heroku-postgresql", "dmissing", plan("heroku-postgresql"));
        const auto failed = next(*provisioner);
        QCOMPARE(toString(failed.state), toString(State::Deprovisioned));
        QVERIFY(failed.config.empty());
        QVERIFY(failed.error);
        QVERIFY2(QString::fromStdString(failed.error->message).contains(QStringLiteral("apt-get install postgresql")),
                 failed.error->message.c_str());
    }

    void unknownServiceFails()
    {
        QTemporaryDir tmp;
        auto provisioner = provisionerWith(std::make_unique<PostgresProvider>(tmp.path(), Binaries::findIn({})));
        provisioner->run("a3", State::Provisioning, "heroku-nosql", "dx", plan("heroku-postgresql"));
        const auto failed = next(*provisioner);
        QCOMPARE(toString(failed.state), toString(State::Deprovisioned));
        QVERIFY(failed.error);
    }
};

QTEST_GUILESS_MAIN(TestAddonProvisioner)
#include "tst_addonprovisioner.moc"
