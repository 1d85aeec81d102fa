// A large slug expands off the core thread: the supervisor's event loop keeps answering while
// `tar` writes a dyno's copy of it (real processes, the ProcessDynoDriver).
#include "dynos/supervisor.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace dynodesk;
using namespace std::chrono_literals;

namespace {

class NoLogs final : public core::ILogSink {
public:
    void append(const std::string &, const std::string &, const std::string &, const std::string &) override {}
};

// A slug of `megabytes` of random bytes, which gzip cannot shrink.
bool makeSlug(const QString &dir, int megabytes, QString *slug)
{
    QDir().mkpath(dir + "/app");
    QFile blob(dir + "/app/blob");
    if (!blob.open(QIODevice::WriteOnly))
        return false;
    std::vector<quint32> chunk(256 * 1024); // 1 MB
    for (int i = 0; i < megabytes; ++i) {
        QRandomGenerator::global()->fillRange(chunk.data(), chunk.size());
        blob.write(reinterpret_cast<const char *>(chunk.data()), static_cast<qint64>(chunk.size() * sizeof(quint32)));
    }
    blob.close();
    *slug = dir + "/slug.tgz";
    QProcess tar;
    tar.start("sh", {"-c", "tar -C \"$1\" -cf - . | gzip -1 > \"$2\"", "sh", dir + "/app", *slug});
    return tar.waitForFinished(120000) && tar.exitCode() == 0 && QFile(*slug).size() > megabytes * 1000000LL;
}

} // namespace

class TestProcessDynoDriver : public QObject {
    Q_OBJECT
private slots:
    void theCoreAnswersWhileALargeSlugExpands()
    {
        QTemporaryDir dir;
        QString slug;
        QVERIFY(makeSlug(dir.path(), 200, &slug));
        core::SystemClock clock;
        NoLogs logs;
        dynos::SupervisorSettings settings;
        settings.dynosDir = (dir.path() + "/dynos").toStdString();
        settings.stopGrace = 2s;
        dynos::Supervisor supervisor(settings, clock, logs);
        dynos::DesiredApp want;
        want.appId = "app1";
        want.releaseId = "r1";
        want.slugPath = slug.toStdString();
        want.formation = {{"worker", "sleep 60", "Standard-1X", 1, 512}};

        // A timer on the supervisor's thread every 10 ms: how long its event loop ever goes
        // without answering, and how often it answers before the dyno is up.
        QElapsedTimer clockwork, sinceTick;
        qint64 longestGap = 0;
        int ticksBeforeUp = 0;
        bool up = false;
        QTimer ticker;
        QObject::connect(&ticker, &QTimer::timeout, &ticker, [&] {
            longestGap = std::max(longestGap, sinceTick.restart());
            if (!up)
                ++ticksBeforeUp;
        });
        sinceTick.start();
        ticker.start(10);
        QTest::qWait(50);
        longestGap = 0;
        ticksBeforeUp = 0;

        clockwork.start();
        sinceTick.restart();
        supervisor.converge(want);
        const qint64 convergeTook = clockwork.elapsed();
        QTRY_VERIFY_WITH_TIMEOUT((up = !supervisor.dynos("app1").empty() && supervisor.dynos("app1")[0].state == "up"), 60000);
        const qint64 expansion = clockwork.elapsed();
        QTest::qWait(50); // a tick held up until now counts too
        qInfo("converge returned after %lld ms; the dyno was up after %lld ms; %d ticks meanwhile; longest gap %lld ms",
              convergeTook, expansion, ticksBeforeUp, longestGap);
        QVERIFY2(longestGap < 100, qPrintable(QStringLiteral("the event loop stood still for %1 ms").arg(longestGap)));
        QVERIFY2(ticksBeforeUp >= 5, qPrintable(QStringLiteral("%1 ticks while the slug expanded").arg(ticksBeforeUp)));
        QVERIFY(convergeTook < 100);
    }
};

QTEST_GUILESS_MAIN(TestProcessDynoDriver)
#include "tst_processdynodriver.moc"
