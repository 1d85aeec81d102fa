// The route table the router reads: snapshots are published whole, readers see a new one only
// when the generation moves, and a Host header finds its app by `<app>.localhost`, a custom
// domain or a wildcard domain, case-blind, with or without a port.

#include "core/routetable.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace dynodesk::core;

namespace {

std::shared_ptr<const RouteApp> app(const std::string &name, std::vector<std::string> domains = {})
{
    auto a = std::make_shared<RouteApp>();
    a->id = "id-" + name;
    a->name = name;
    a->domains = std::move(domains);
    return a;
}

std::string found(const RouteSnapshot &s, std::string_view host)
{
    const RouteApp *a = s.find(host);
    return a ? a->name : std::string("(none)");
}

} // namespace

class TestRouteTable final : public QObject {
    Q_OBJECT

    std::shared_ptr<const RouteSnapshot> m_snapshot;

private slots:
    void initTestCase()
    {
        m_snapshot = RouteSnapshot::make({app("demo", {"www.example.test", "*.example.test"}), app("shop", {"*.shop.example.test"}),
                                          app("api"), app("api-v2", {"api.example.test"})},
                                         ".localhost", 42);
    }

    void find_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("app");
        QTest::newRow("app.localhost") << "demo.localhost" << "demo";
        QTest::newRow("with a port") << "demo.localhost:5000" << "demo";
        QTest::newRow("upper case") << "DEMO.LocalHost" << "demo";
        QTest::newRow("trailing dot") << "shop.localhost." << "shop";
        QTest::newRow("similar names stay apart") << "api-v2.localhost" << "api-v2";
        QTest::newRow("custom domain") << "www.example.test" << "demo";
        QTest::newRow("custom domain, port, case") << "WWW.Example.Test:8080" << "demo";
        QTest::newRow("exact domain beats wildcard") << "api.example.test" << "api-v2";
        QTest::newRow("wildcard, one label") << "blog.example.test" << "demo";
        QTest::newRow("wildcard, two labels") << "a.b.example.test" << "demo";
        QTest::newRow("longest wildcard wins") << "eu.shop.example.test" << "shop";
        QTest::newRow("wildcard does not match its apex") << "example.test" << "(none)";
        QTest::newRow("suffix must start at a dot") << "notexample.test" << "(none)";
        QTest::newRow("unknown app") << "nope.localhost" << "(none)";
        QTest::newRow("bare localhost") << "localhost" << "(none)";
        QTest::newRow("app name without the suffix") << "demo" << "(none)";
        QTest::newRow("empty host") << "" << "(none)";
        QTest::newRow("only a port") << ":5000" << "(none)";
    }

    void find()
    {
        QFETCH(QString, host);
        QFETCH(QString, app);
        QCOMPARE(QString::fromStdString(found(*m_snapshot, host.toStdString())), app);
    }

    void makeKeepsAppsAndGeneration()
    {
        QCOMPARE(m_snapshot->generation, uint64_t(42));
        QCOMPARE(m_snapshot->apps.size(), size_t(4));
        QCOMPARE(m_snapshot->apps.front()->name, std::string("demo"));
        QCOMPARE(m_snapshot->find("demo.localhost"), m_snapshot->apps.front().get());
    }

    void emptyTableFindsNothing()
    {
        RouteTable table;
        RouteTable::Reader reader(table);
        QVERIFY(reader.get());
        QVERIFY(reader.get()->apps.empty());
        QVERIFY(reader.get()->find("demo.localhost") == nullptr);
    }

    void readerSeesEachPublishedSnapshot()
    {
        RouteTable table;
        RouteTable::Reader reader(table);
        const RouteSnapshot *first = reader.get();
        QCOMPARE(reader.get(), first); // nothing published: the same picture, no new copy
        auto one = RouteSnapshot::make({app("demo")}, ".localhost", 1);
        table.publish(one);
        QCOMPARE(reader.get(), one.get());
        QVERIFY(table.current() == one);
        QCOMPARE(found(*reader.get(), "demo.localhost"), std::string("demo"));
        auto two = RouteSnapshot::make({app("renamed")}, ".localhost", 2);
        table.publish(two);
        QCOMPARE(reader.get(), two.get());
        QCOMPARE(found(*reader.get(), "demo.localhost"), std::string("(none)"));
        QCOMPARE(found(*reader.get(), "renamed.localhost"), std::string("renamed"));
    }

    // A reader keeps the snapshot it holds alive, even when the table has moved on.
    void heldSnapshotOutlivesThePublish()
    {
        RouteTable table;
        table.publish(RouteSnapshot::make({app("demo")}, ".localhost", 1));
        RouteTable::Reader reader(table);
        const RouteSnapshot *held = reader.get();
        std::weak_ptr<const RouteSnapshot> watch = table.current();
        table.publish(RouteSnapshot::make({}, ".localhost", 2));
        QVERIFY(!watch.expired());
        QCOMPARE(found(*held, "demo.localhost"), std::string("demo"));
        QVERIFY(reader.get()->apps.empty());
        QVERIFY(watch.expired());
    }

    // Readers on other threads never see a half-made table: every snapshot they read is whole
    // (its apps and its host index agree), and they end on the last one published.
    void concurrentPublishAndRead()
    {
        RouteTable table;
        std::atomic<bool> done{false};
        std::atomic<int> torn{0};
        std::vector<std::thread> readers;
        for (int t = 0; t < 3; ++t)
            readers.emplace_back([&] {
                RouteTable::Reader reader(table);
                while (!done.load()) {
                    const RouteSnapshot *s = reader.get();
                    if (!s->apps.empty() && s->find("app" + std::to_string(s->generation) + ".localhost") == nullptr)
                        ++torn;
                }
                if (reader.get()->generation != 2000)
                    ++torn;
            });
        for (uint64_t g = 1; g <= 2000; ++g)
            table.publish(RouteSnapshot::make({app("app" + std::to_string(g))}, ".localhost", g));
        done = true;
        for (auto &t : readers)
            t.join();
        QCOMPARE(torn.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRouteTable)
#include "tst_routetable.moc"
