#include "core/ids.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <string>
#include <vector>

using namespace dynodesk::core;

class TestIds : public QObject {
    Q_OBJECT

    // The median time of `rounds` comparisons of a and b, in nanoseconds.
    static qint64 medianNs(const std::string &a, const std::string &b, int rounds)
    {
        std::vector<qint64> times;
        volatile bool sink = false;
        for (int i = 0; i < rounds; ++i) {
            QElapsedTimer t;
            t.start();
            sink = equalsInConstantTime(a, b);
            times.push_back(t.nsecsElapsed());
        }
        (void)sink;
        std::sort(times.begin(), times.end());
        return times[times.size() / 2];
    }

private slots:
    void newIdsAreDistinctUuids()
    {
        const auto a = newId(), b = newId();
        QVERIFY(isUuid(a));
        QVERIFY(isUuid(b));
        QVERIFY(a != b);
    }

    void equalsInConstantTimeCompares_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("equal");
        QTest::newRow("equal") << "3f9a0c" << "3f9a0c" << true;
        QTest::newRow("both empty") << "" << "" << true;
        QTest::newRow("first byte differs") << "af9a0c" << "3f9a0c" << false;
        QTest::newRow("last byte differs") << "3f9a0d" << "3f9a0c" << false;
        QTest::newRow("prefix") << "3f9a" << "3f9a0c" << false;
        QTest::newRow("longer") << "3f9a0c00" << "3f9a0c" << false;
        QTest::newRow("empty against one") << "" << "3" << false;
        QTest::newRow("zero byte padding is not equality") << QString(QChar(0)) << "" << false;
    }

    void equalsInConstantTimeCompares()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, equal);
        const std::string sa = a.toStdString(), sb = b.toStdString();
        QCOMPARE(equalsInConstantTime(sa, sb), equal);
        QCOMPARE(equalsInConstantTime(sb, sa), equal);
    }

    // A signature that differs from the right one in its first byte takes as long to refuse as
    // one that differs in its last: the time says nothing about how much of it was right. With
    // an early-exit comparison (`!=`, memcmp) the first case is thousands of times faster on
    // strings this long.
    void timeDoesNotDependOnWhereTheyDiffer()
    {
        const std::string right(1 << 20, 'a');
        std::string wrongFirst = right, wrongLast = right;
        wrongFirst.front() = 'b';
        wrongLast.back() = 'b';
        medianNs(right, wrongLast, 5); // warm the caches
        const qint64 first = medianNs(right, wrongFirst, 31);
        const qint64 last = medianNs(right, wrongLast, 31);
        qInfo("median ns: differs at the first byte %lld, at the last %lld", first, last);
        QVERIFY2(first * 4 > last, "refusing at the first byte was much faster than at the last");
    }
};

QTEST_GUILESS_MAIN(TestIds)
#include "tst_ids.moc"
