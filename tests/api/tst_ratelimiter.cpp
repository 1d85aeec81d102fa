#include "api/ratelimiter.h"

#include <QTest>

using namespace dynodesk;
using namespace std::chrono_literals;

class FakeClock final : public core::IClock {
public:
    core::TimePoint now() const override { return t; }
    core::TimePoint t{std::chrono::seconds(1700000000)};
};

class TestRateLimiter : public QObject {
    Q_OBJECT
private slots:
    void bucketEmptiesAfterCapacity()
    {
        FakeClock clock;
        api::RateLimiter limiter(clock, 4500);
        QCOMPARE(limiter.remaining("a"), 4500L);
        for (int i = 0; i < 4500; ++i)
            QVERIFY(limiter.take("a"));
        QVERIFY(!limiter.take("a"));
        QCOMPARE(limiter.remaining("a"), 0L);
    }

    void accountsHaveTheirOwnBuckets()
    {
        FakeClock clock;
        api::RateLimiter limiter(clock, 3);
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.take("a"));
        QVERIFY(!limiter.take("a"));
        QVERIFY(limiter.take("b"));
        QCOMPARE(limiter.remaining("b"), 2L);
    }

    void refillsContinuouslyAtCapacityPerHour()
    {
        FakeClock clock;
        api::RateLimiter limiter(clock, 4500);
        for (int i = 0; i < 4500; ++i)
            QVERIFY(limiter.take("a"));
        clock.t += 1s; // 4500/h is 1.25 per second
        QCOMPARE(limiter.remaining("a"), 1L);
        QVERIFY(limiter.take("a"));
        QVERIFY(!limiter.take("a"));
        clock.t += 2h; // never above capacity
        QCOMPARE(limiter.remaining("a"), 4500L);
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
