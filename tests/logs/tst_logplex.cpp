#include "logs/logplex.h"

#include <QTest>

using namespace dynodesk;
using namespace std::chrono_literals;

class FakeClock final : public core::IClock {
public:
    core::TimePoint now() const override { return t; }
    core::TimePoint t = core::TimePoint(std::chrono::microseconds(1795428000123456)); // 2026-11-23T10:00:00.123456Z
};

class TestLogplex : public QObject {
    Q_OBJECT
private slots:
    void linesHaveThePlatformFormat()
    {
        FakeClock clock;
        logs::Logplex logplex(clock);
        logplex.append("app1", "app", "web.1", "listening on 41237");
        const auto lines = logplex.recent("app1", {}, 10);
        QCOMPARE(lines.size(), size_t(1));
        QCOMPARE(QString::fromStdString(lines[0].format()),
                 QStringLiteral("2026-11-23T10:00:00.123456+00:00 app[web.1]: listening on 41237"));
    }

    void bufferKeepsTheLast1500Lines()
    {
        FakeClock clock;
        logs::Logplex logplex(clock);
        for (int i = 0; i < 2000; ++i)
            logplex.append("app1", "app", "web.1", "line " + std::to_string(i));
        const auto lines = logplex.recent("app1", {}, 5000);
        QCOMPARE(lines.size(), size_t(1500));
        QCOMPARE(lines.front().message, std::string("line 500"));
        QCOMPARE(lines.back().message, std::string("line 1999"));
        const auto last = logplex.recent("app1", {}, 3);
        QCOMPARE(last.size(), size_t(3));
        QCOMPARE(last.front().message, std::string("line 1997"));
        QVERIFY(logplex.recent("other-app", {}, 10).empty());
    }

    void longLinesAreSplit()
    {
        FakeClock clock;
        logs::Logplex logplex(clock);
        logplex.append("app1", "app", "web.1", std::string(25000, 'x'));
        const auto lines = logplex.recent("app1", {}, 10);
        QCOMPARE(lines.size(), size_t(3));
        QCOMPARE(lines[0].message.size(), size_t(10000));
        QCOMPARE(lines[2].message.size(), size_t(5000));
    }

    void filters_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("dyno");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("all") << "" << "" << QStringList{"a", "b", "c", "d"};
        QTest::newRow("source app") << "app" << "" << QStringList{"a", "b", "d"};
        QTest::newRow("source heroku") << "heroku" << "" << QStringList{"c"};
        QTest::newRow("type web") << "" << "web" << QStringList{"a", "c"};
        QTest::newRow("dyno web.1") << "" << "web.1" << QStringList{"a"};
        QTest::newRow("api") << "app" << "api" << QStringList{"d"};
    }
    void filters()
    {
        QFETCH(QString, source);
        QFETCH(QString, dyno);
        QFETCH(QStringList, expected);
        FakeClock clock;
        logs::Logplex logplex(clock);
        logplex.append("app1", "app", "web.1", "a");
        logplex.append("app1", "app", "worker.1", "b");
        logplex.append("app1", "heroku", "web.2", "c");
        logplex.append("app1", "app", "api", "d");
        QStringList got;
        for (const auto &line : logplex.recent("app1", {source.toStdString(), dyno.toStdString()}, 10))
            got << QString::fromStdString(line.message);
        QCOMPARE(got, expected);
    }

    void subscribersFollowNewLines()
    {
        FakeClock clock;
        logs::Logplex logplex(clock);
        std::vector<std::string> seen;
        const int id = logplex.subscribe("app1", {"app", ""}, [&](const logs::LogLine &l) { seen.push_back(l.message); });
        logplex.append("app1", "app", "web.1", "one");
        logplex.append("app1", "heroku", "router", "filtered out");
        logplex.append("app2", "app", "web.1", "other app");
        logplex.unsubscribe(id);
        logplex.append("app1", "app", "web.1", "after");
        QCOMPARE(seen, std::vector<std::string>{"one"});
    }

    void sessionsAreUsedOnceWithinFiveMinutes()
    {
        FakeClock clock;
        logs::Logplex logplex(clock);
        const auto id = logplex.createSession({"app1", {}, 100, false, {}});
        QVERIFY(logplex.takeSession(id));
        QVERIFY(!logplex.takeSession(id));
        const auto late = logplex.createSession({"app1", {}, 100, true, {}});
        clock.t += 6min;
        QVERIFY(!logplex.takeSession(late));
    }
};

QTEST_GUILESS_MAIN(TestLogplex)
#include "tst_logplex.moc"
