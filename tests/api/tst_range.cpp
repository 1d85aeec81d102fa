#include "api/range.h"

#include <QTest>

using namespace dynodesk::api;
using nlohmann::json;

class TestRange : public QObject {
    Q_OBJECT
private slots:
    // Every spelling the official CLI sends, and the forms of our own Next-Range.
    void parsesCliSpellings_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("max");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<QString>("start");
        QTest::addColumn<bool>("exclusive");
        QTest::newRow("empty") << "" << "version" << 200 << false << "" << false;
        QTest::newRow("blank") << "   " << "version" << 200 << false << "" << false;
        QTest::newRow("releases list") << "version ..; max=15, order=desc" << "version" << 15 << true << "" << false;
        QTest::newRow("config:set") << "version ..; order=desc,max=1" << "version" << 1 << true << "" << false;
        QTest::newRow("max first, comma") << "version ..; max=1, order=desc" << "version" << 1 << true << "" << false;
        QTest::newRow("trailing semicolon") << "id ..; max=1000;" << "id" << 1000 << false << "" << false;
        QTest::newRow("field only") << "id" << "id" << 200 << false << "" << false;
        QTest::newRow("bare range") << "id .." << "id" << 200 << false << "" << false;
        QTest::newRow("max capped") << "id ..; max=5000" << "id" << 1000 << false << "" << false;
        QTest::newRow("next-range") << "version ]12..; max=15, order=desc" << "version" << 15 << true << "12" << true;
        QTest::newRow("inclusive start") << "id [abc..; max=2" << "id" << 2 << false << "abc" << false;
        QTest::newRow("plain start") << "id abc..; max=2" << "id" << 2 << false << "abc" << false;
        QTest::newRow("semicolons only") << "version ..; max=3; order=desc" << "version" << 3 << true << "" << false;
    }
    void parsesCliSpellings()
    {
        QFETCH(QString, header);
        QFETCH(QString, field);
        QFETCH(int, max);
        QFETCH(bool, descending);
        QFETCH(QString, start);
        QFETCH(bool, exclusive);
        auto spec = parseRange(header.toStdString(), {"version", "id"});
        QVERIFY2(spec.ok(), spec.ok() ? "" : spec.error().message.c_str());
        QCOMPARE(QString::fromStdString(spec->field), field);
        QCOMPARE(spec->max, max);
        QCOMPARE(spec->descending, descending);
        QCOMPARE(QString::fromStdString(spec->start.value_or("")), start);
        QCOMPARE(spec->startExclusive, exclusive);
    }

    void rejectsBadHeaders_data()
    {
        QTest::addColumn<QString>("header");
        QTest::newRow("unknown field") << "name ..; max=2";
        QTest::newRow("bad max") << "id ..; max=lots";
        QTest::newRow("zero max") << "id ..; max=0";
        QTest::newRow("bad order") << "id ..; order=sideways";
        QTest::newRow("unknown param") << "id ..; limit=2";
        QTest::newRow("no dots") << "id abc";
    }
    void rejectsBadHeaders()
    {
        QFETCH(QString, header);
        auto spec = parseRange(header.toStdString(), {"version", "id"});
        QVERIFY(!spec.ok());
        QCOMPARE(spec.error().status, 400);
        QCOMPARE(spec.error().id, std::string("bad_request"));
    }

    void pagesFollowNextRangeToTheEnd()
    {
        json items = json::array();
        for (int v = 1; v <= 7; ++v)
            items.push_back({{"version", v}, {"id", "id" + std::to_string(v)}});
        std::vector<int> seen;
        std::string header = "version ..; max=3, order=desc";
        for (int pages = 0; pages < 10; ++pages) {
            auto spec = parseRange(header, {"version", "id"});
            QVERIFY(spec.ok());
            Page page = paginate(items, *spec);
            for (const auto &item : page.items)
                seen.push_back(item["version"].get<int>());
            if (!page.nextRange)
                break;
            header = *page.nextRange;
        }
        QCOMPARE(seen, (std::vector<int>{7, 6, 5, 4, 3, 2, 1}));
    }

    void lastPageHasNoNextRange()
    {
        json items = json::array({{{"id", "a"}}, {{"id", "b"}}});
        auto spec = parseRange("id ..; max=2", {"id"});
        Page page = paginate(items, *spec);
        QCOMPARE(page.items.size(), size_t(2));
        QVERIFY(!page.nextRange);
        QCOMPARE(page.contentRange, std::string("id a..b; max=2, order=asc"));
    }

    void numbersSortNumerically()
    {
        json items = json::array({{{"version", 10}}, {{"version", 9}}, {{"version", 100}}});
        auto spec = parseRange("version ..; max=1, order=desc", {"version"});
        Page page = paginate(items, *spec);
        QCOMPARE(page.items[0]["version"].get<int>(), 100);
        QVERIFY(page.nextRange);
        auto next = parseRange(*page.nextRange, {"version"});
        QCOMPARE(paginate(items, *next).items[0]["version"].get<int>(), 10);
    }
};

QTEST_GUILESS_MAIN(TestRange)
#include "tst_range.moc"
