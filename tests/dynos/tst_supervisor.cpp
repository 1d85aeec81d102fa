// The supervisor with the null dyno driver and a fake clock: convergence, crashes, the boot
// timeout, stops, memory limits, idling, cycling and one-off dynos, without a process.
#include "dynos/nulldynodriver.h"
#include "dynos/supervisor.h"

#include "core/routetable.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <unistd.h>

using namespace dynodesk;
using namespace dynodesk::dynos;
using namespace std::chrono_literals;

namespace {

class FakeClock final : public core::IClock {
public:
    core::TimePoint now() const override { return t; }
    core::TimePoint t = core::TimePoint(std::chrono::seconds(1795428000)); // 2026-11-23T10:00:00Z
};

// Every line as `source[process]: message`, in order.
class LogRecorder final : public core::ILogSink {
public:
    void append(const std::string &appId, const std::string &source, const std::string &process,
                const std::string &message) override
    {
        lines << QString::fromStdString(appId + " " + source + "[" + process + "]: " + message);
    }
    bool has(const QString &line) const { return lines.contains(QStringLiteral("app1 ") + line); }
    int count(const QString &line) const { return lines.count(QStringLiteral("app1 ") + line); }
    int indexOf(const QString &line) const { return lines.indexOf(QStringLiteral("app1 ") + line); }
    QStringList lines;
};

struct Rig {
    explicit Rig(const std::function<void(SupervisorSettings &)> &adjust = {})
    {
        SupervisorSettings s;
        s.bootTimeout = 300ms;
        s.stopGrace = 300ms;
        s.crashCooldownCap = 400ms;
        s.attachTimeout = 300ms;
        s.memorySample = 20ms;
        s.metricsPeriod = 60s;
        s.idleAfter = 1h;
        if (adjust)
            adjust(s);
        auto owned = std::make_unique<NullDynoDriver>();
        driver = owned.get();
        supervisor = std::make_unique<Supervisor>(s, std::move(owned), clock, logs);
    }

    static DesiredApp app(const std::string &release, std::vector<DesiredApp::Process> formation)
    {
        DesiredApp want;
        want.appId = "app1";
        want.appName = "one";
        want.releaseId = release;
        want.releaseVersion = 2;
        want.slugPath = "/slugs/" + release + ".tgz";
        want.config = {{"GREETING", "hi"}};
        want.formation = std::move(formation);
        return want;
    }

    QStringList states() const
    {
        QStringList out;
        for (const DynoInfo &d : supervisor->dynos("app1"))
            out << QString::fromStdString(d.name + ":" + d.state);
        return out;
    }

    std::string state(const std::string &name) const
    {
        for (const DynoInfo &d : supervisor->dynos("app1"))
            if (d.name == name)
                return d.state;
        return {};
    }

    int runsOf(const std::string &name) const
    {
        return static_cast<int>(std::count_if(driver->runs().begin(), driver->runs().end(),
                                              [&](const NullDynoDriver::Run &r) { return r.launch.name == name; }));
    }

    FakeClock clock;
    LogRecorder logs;
    NullDynoDriver *driver = nullptr;
    std::unique_ptr<Supervisor> supervisor;
};

const DesiredApp::Process worker{"worker", "node worker.js", "Standard-1X", 1, 512};
const DesiredApp::Process web{"web", "npm start", "Standard-1X", 1, 512};

DesiredApp::Process times(DesiredApp::Process p, int quantity)
{
    p.quantity = quantity;
    return p;
}

} // namespace

class TestSupervisor : public QObject {
    Q_OBJECT
private slots:
    void convergesScalesAndReplacesOnANewRelease()
    {
        Rig rig;
        QSignalSpy changes(rig.supervisor.get(), &Supervisor::dynoStateChanged);
        rig.supervisor->converge(Rig::app("r1", {times(worker, 2)}));
        QCOMPARE(rig.states(), (QStringList{"worker.1:starting", "worker.2:starting"}));
        QTRY_COMPARE(rig.states(), (QStringList{"worker.1:up", "worker.2:up"}));
        QVERIFY(!changes.isEmpty());
        // What the driver was asked to run.
        const NullDynoDriver::Run &run = *rig.driver->latest("worker.1");
        QCOMPARE(run.launch.command, std::string("node worker.js"));
        QCOMPARE(run.launch.slugPath, std::string("/slugs/r1.tgz"));
        QCOMPARE(run.launch.env.at("DYNO"), std::string("worker.1"));
        QCOMPARE(run.launch.env.at("GREETING"), std::string("hi"));
        QVERIFY(std::stoi(run.launch.env.at("PORT")) > 0);
        QCOMPARE(run.launch.terminal, -1);
        QVERIFY(rig.logs.has("heroku[worker.1]: Starting process with command `node worker.js`"));
        QVERIFY(rig.logs.has("heroku[worker.1]: State changed from starting to up"));

        // Scaled down: the extra dyno gets SIGTERM, exits, and goes.
        rig.supervisor->converge(Rig::app("r1", {times(worker, 1)}));
        QCOMPARE(rig.driver->latest("worker.2")->sent, std::vector<int>{SIGTERM});
        QTRY_COMPARE(rig.states(), QStringList{"worker.1:up"});
        QVERIFY(rig.logs.has("heroku[worker.2]: State changed from up to down"));
        QVERIFY(rig.logs.has("heroku[worker.2]: Stopping all processes with SIGTERM"));
        QVERIFY(rig.logs.has("heroku[worker.2]: Process exited with status 143"));
        QCOMPARE(rig.runsOf("worker.1"), 1);

        // A new release replaces every dyno, one by one as each old one has exited.
        const std::string before = rig.supervisor->dynos("app1")[0].id;
        rig.supervisor->converge(Rig::app("r2", {times(worker, 1), times(web, 0)}));
        QTRY_VERIFY(rig.supervisor->dynos("app1").size() == 1 && rig.supervisor->dynos("app1")[0].id != before
                    && rig.supervisor->dynos("app1")[0].state == "up");
        QCOMPARE(rig.supervisor->dynos("app1")[0].releaseId, std::string("r2"));
        QCOMPARE(rig.driver->latest("worker.1")->launch.slugPath, std::string("/slugs/r2.tgz"));
        QCOMPARE(rig.runsOf("worker.1"), 2);

        // Restart replaces it too; a name that matches nothing is refused.
        QVERIFY(rig.supervisor->restart("app1", "worker.1"));
        QTRY_COMPARE(rig.runsOf("worker.1"), 3);
        QVERIFY(!rig.supervisor->restart("app1", "web.9"));

        // Nothing released: nothing runs.
        rig.supervisor->forget("app1");
        QTRY_VERIFY(rig.states().isEmpty());
        rig.supervisor->stopAll();
        QVERIFY(rig.driver->stopAllCalled);
    }

    void aWebDynoIsUpOnceItBindsItsPort()
    {
        Rig rig([](SupervisorSettings &s) { s.bootTimeout = 5s; });
        rig.supervisor->converge(Rig::app("r1", {web}));
        QTRY_VERIFY(rig.driver->latest("web.1") && rig.driver->latest("web.1")->started);
        QTest::qWait(120);
        QCOMPARE(rig.state("web.1"), std::string("starting"));
        rig.driver->makeBind("web.1");
        QTRY_COMPARE(rig.state("web.1"), std::string("up"));
        QVERIFY(std::none_of(rig.logs.lines.begin(), rig.logs.lines.end(), [](const QString &l) { return l.contains("R10"); }));
    }

    void outputBecomesAppLines()
    {
        Rig rig;
        rig.supervisor->converge(Rig::app("r1", {worker}));
        QTRY_COMPARE(rig.state("worker.1"), std::string("up"));
        rig.driver->makePrint("worker.1", "one\ntw");
        rig.driver->makePrint("worker.1", "o\nthree");
        QVERIFY(rig.logs.has("app[worker.1]: one"));
        QVERIFY(rig.logs.has("app[worker.1]: two"));
        QVERIFY(!rig.logs.has("app[worker.1]: three"));
        rig.driver->makeExit("worker.1", 0);
        QVERIFY(rig.logs.indexOf("app[worker.1]: three") < rig.logs.indexOf("heroku[worker.1]: Process exited with status 0"));
    }

    void crashRestartsAtOnceThenAfterACoolOff()
    {
        Rig rig;
        rig.supervisor->converge(Rig::app("r1", {worker}));
        QTRY_COMPARE(rig.state("worker.1"), std::string("up"));
        rig.driver->makeExit("worker.1", 3);
        QVERIFY(rig.logs.has("heroku[worker.1]: Process exited with status 3"));
        QVERIFY(rig.logs.has("heroku[worker.1]: State changed from up to crashed"));
        // The first crash: started again at once.
        QTRY_COMPARE(rig.runsOf("worker.1"), 2);
        QVERIFY(rig.logs.has("heroku[worker.1]: State changed from crashed to starting"));
        QTRY_COMPARE(rig.state("worker.1"), std::string("up"));
        // The second: after the cool-off (1 s, capped here at 400 ms).
        rig.driver->makeCrash("worker.1");
        QVERIFY(rig.logs.has("heroku[worker.1]: Process exited with status 137"));
        QCOMPARE(rig.state("worker.1"), std::string("crashed"));
        QTest::qWait(200);
        QCOMPARE(rig.runsOf("worker.1"), 2);
        QTRY_COMPARE(rig.runsOf("worker.1"), 3);
        // A slug that cannot be put in place is a crash too.
        rig.driver->autoStart = false;
        QTRY_COMPARE(rig.state("worker.1"), std::string("up"));
        rig.driver->makeExit("worker.1", 1);
        QTRY_COMPARE(rig.runsOf("worker.1"), 4);
        rig.driver->makeFail("worker.1", "gzip: stdin: not in gzip format");
        QVERIFY(rig.logs.has("heroku[worker.1]: Could not expand the slug: gzip: stdin: not in gzip format"));
        QCOMPARE(rig.logs.count("heroku[worker.1]: Process exited with status 1"), 2);
        QCOMPARE(rig.state("worker.1"), std::string("crashed"));
    }

    void bootTimeoutIsR10()
    {
        Rig rig;
        rig.supervisor->converge(Rig::app("r1", {web}));
        QTRY_VERIFY(rig.logs.has("heroku[web.1]: Error R10 (Boot timeout) -> Web process failed to bind to $PORT within 0 seconds of launch"));
        QVERIFY(rig.logs.has("heroku[web.1]: Stopping process with SIGKILL"));
        QVERIFY(rig.logs.has("heroku[web.1]: State changed from starting to crashed"));
        QCOMPARE(rig.driver->runs().front().sent, std::vector<int>{SIGKILL});
        QTRY_VERIFY(rig.logs.has("heroku[web.1]: Process exited with status 137"));
        QTRY_COMPARE(rig.runsOf("web.1"), 2); // and it starts again
    }

    void stopGivesTheGraceThenKillsR12()
    {
        Rig rig([](SupervisorSettings &s) { s.stopGrace = 1s; });
        rig.driver->obeysTerm = false;
        rig.supervisor->converge(Rig::app("r1", {worker}));
        QTRY_COMPARE(rig.state("worker.1"), std::string("up"));
        QVERIFY(rig.supervisor->stop("app1", "worker"));
        QCOMPARE(rig.state("worker.1"), std::string("down"));
        QVERIFY(rig.supervisor->stop("app1", "worker.1")); // already being stopped
        QTest::qWait(150);
        QCOMPARE(rig.driver->runs().front().sent, std::vector<int>{SIGTERM});
        QVERIFY(!rig.logs.has("heroku[worker.1]: Process exited with status 137"));
        QTRY_VERIFY(rig.logs.has("heroku[worker.1]: Process exited with status 137"));
        QVERIFY(rig.logs.has("heroku[worker.1]: Error R12 (Exit timeout) -> At least one process failed to exit within 1 seconds of SIGTERM"));
        QVERIFY(rig.logs.has("heroku[worker.1]: Stopping remaining processes with SIGKILL"));
        QCOMPARE(rig.driver->runs().front().sent, (std::vector<int>{SIGTERM, SIGKILL}));
        // The formation brings it back.
        QTRY_COMPARE(rig.runsOf("worker.1"), 2);
        QTRY_COMPARE(rig.states(), QStringList{"worker.1:up"});
    }

    void stopWhileTheSlugExpandsCancelsTheRun()
    {
        Rig rig;
        rig.driver->autoStart = false;
        rig.supervisor->converge(Rig::app("r1", {worker}));
        QCOMPARE(rig.state("worker.1"), std::string("starting"));
        rig.supervisor->converge(Rig::app("r1", {times(worker, 0)}));
        QTRY_VERIFY(rig.states().isEmpty());
        QVERIFY(rig.logs.has("heroku[worker.1]: Process exited with status 143"));
        QVERIFY(!rig.driver->runs().front().started);
    }

    void memoryOverTheQuotaIsR14ThenR15()
    {
        Rig rig;
        rig.supervisor->converge(Rig::app("r1", {worker}));
        QTRY_COMPARE(rig.state("worker.1"), std::string("up"));
        rig.driver->makeUse("worker.1", 600LL << 20);
        QTRY_VERIFY(rig.logs.has("heroku[worker.1]: Error R14 (Memory quota exceeded)"));
        QVERIFY(rig.logs.has("heroku[worker.1]: Process running mem=600M(117.2%)"));
        // At most once per metrics period, by the clock.
        QTest::qWait(100);
        QCOMPARE(rig.logs.count("heroku[worker.1]: Error R14 (Memory quota exceeded)"), 1);
        rig.clock.t += 61s;
        QTRY_COMPARE(rig.logs.count("heroku[worker.1]: Error R14 (Memory quota exceeded)"), 2);
        QCOMPARE(rig.state("worker.1"), std::string("up"));
        // Over twice the quota: killed.
        rig.driver->makeUse("worker.1", 1100LL << 20);
        QTRY_VERIFY(rig.logs.has("heroku[worker.1]: Error R15 (Memory quota vastly exceeded)"));
        QVERIFY(rig.logs.has("heroku[worker.1]: Process running mem=1100M(214.8%)"));
        QVERIFY(rig.logs.has("heroku[worker.1]: State changed from up to crashed"));
        QTRY_VERIFY(rig.logs.has("heroku[worker.1]: Process exited with status 137"));
        QTRY_COMPARE(rig.runsOf("worker.1"), 2);
    }

    void runtimeMetricsForAppsThatOptedIn()
    {
        Rig rig([](SupervisorSettings &s) { s.metricsPeriod = 50ms; });
        DesiredApp want = Rig::app("r1", {worker});
        rig.supervisor->converge(want);
        QTRY_COMPARE(rig.state("worker.1"), std::string("up"));
        rig.driver->makeUse("worker.1", 100LL << 20);
        QTest::qWait(150);
        QVERIFY(std::none_of(rig.logs.lines.begin(), rig.logs.lines.end(), [](const QString &l) { return l.contains("sample#"); }));
        want.runtimeMetrics = true;
        rig.supervisor->converge(want);
        const std::string id = rig.supervisor->dynos("app1")[0].id;
        const QString who = QString::fromStdString("heroku[worker.1]: source=worker.1 dyno=heroku.app1." + id);
        QTRY_VERIFY(rig.logs.has(who + " sample#memory_total=100.00MB sample#memory_rss=100.00MB sample#memory_cache=0.00MB "
                                       "sample#memory_swap=0.00MB sample#memory_pgpgin=0pages sample#memory_pgpgout=0pages "
                                       "sample#memory_quota=512.00MB"));
    }

    void idlingSleepsAndARequestWakesIt()
    {
        Rig rig([](SupervisorSettings &s) {
            s.idleAfter = 800ms;
            s.stopGrace = 5s;
        });
        DesiredApp want = Rig::app("r1", {web});
        want.formation[0].size = "eco";
        want.idling = true;
        rig.driver->autoStart = true;
        rig.supervisor->converge(want);
        QTRY_VERIFY(rig.driver->latest("web.1") && rig.driver->latest("web.1")->started);
        rig.driver->makeBind("web.1");
        QTRY_COMPARE(rig.state("web.1"), std::string("up"));
        // Requests keep it awake.
        for (int i = 0; i < 5; ++i) {
            rig.supervisor->activity("app1")->store(core::steadyMs());
            QTest::qWait(100);
        }
        QCOMPARE(rig.state("web.1"), std::string("up"));
        // Without them it sleeps: its processes stop, it stays `idle`.
        QTRY_VERIFY(rig.logs.has("heroku[web.1]: Idling"));
        QVERIFY(rig.logs.has("heroku[web.1]: State changed from up to idle"));
        QTRY_VERIFY(rig.logs.has("heroku[web.1]: Process exited with status 143"));
        QCOMPARE(rig.states(), QStringList{"web.1:idle"});
        QTest::qWait(100);
        QCOMPARE(rig.runsOf("web.1"), 1);
        // A request wakes it.
        rig.supervisor->wake("app1");
        QVERIFY(rig.logs.has("heroku[web.1]: Unidling"));
        QVERIFY(rig.logs.has("heroku[web.1]: State changed from idle to starting"));
        QCOMPARE(rig.runsOf("web.1"), 2);
        QTRY_VERIFY(rig.driver->latest("web.1")->started);
        rig.driver->makeBind("web.1");
        QTRY_COMPARE(rig.state("web.1"), std::string("up"));

        // A request while it is still stopping to sleep wakes it once it is down.
        rig.driver->obeysTerm = false;
        QTRY_COMPARE(rig.logs.count("heroku[web.1]: Idling"), 2);
        rig.supervisor->wake("app1");
        QCOMPARE(rig.state("web.1"), std::string("idle"));
        QCOMPARE(rig.logs.count("heroku[web.1]: Unidling"), 1);
        rig.driver->makeExit("web.1", 0);
        QCOMPARE(rig.logs.count("heroku[web.1]: Unidling"), 2);
        QCOMPARE(rig.state("web.1"), std::string("starting"));
        QCOMPARE(rig.runsOf("web.1"), 3);
    }

    void moreThanOneWebDynoNeverIdles()
    {
        Rig rig([](SupervisorSettings &s) { s.idleAfter = 100ms; });
        DesiredApp want = Rig::app("r1", {times(web, 2)});
        want.formation[0].size = "eco";
        want.idling = true;
        rig.supervisor->converge(want);
        QTRY_VERIFY(rig.runsOf("web.2") == 1 && rig.driver->latest("web.2")->started);
        rig.driver->makeBind("web.1");
        rig.driver->makeBind("web.2");
        QTRY_COMPARE(rig.states(), (QStringList{"web.1:up", "web.2:up"}));
        QTest::qWait(400);
        QCOMPARE(rig.states(), (QStringList{"web.1:up", "web.2:up"}));
    }

    void dynosCycle()
    {
        Rig rig([](SupervisorSettings &s) { s.cycle = 1500ms; });
        rig.supervisor->converge(Rig::app("r1", {worker}));
        QTRY_COMPARE(rig.state("worker.1"), std::string("up"));
        const std::string first = rig.supervisor->dynos("app1")[0].id;
        QTest::qWait(300);
        QVERIFY(!rig.logs.has("heroku[worker.1]: Cycling"));
        QTRY_VERIFY(rig.logs.has("heroku[worker.1]: Cycling"));
        QVERIFY(rig.logs.indexOf("heroku[worker.1]: Cycling") < rig.logs.indexOf("heroku[worker.1]: Stopping all processes with SIGTERM"));
        QTRY_VERIFY(rig.supervisor->dynos("app1").size() == 1 && rig.supervisor->dynos("app1")[0].id != first
                    && rig.supervisor->dynos("app1")[0].state == "up");
    }

    void oneOffDynos()
    {
        Rig rig;
        const DesiredApp release = Rig::app("r1", {worker});
        OneOffRequest detached;
        detached.command = "worker --once";
        detached.size = "Standard-1X";
        detached.env = {{"TERM", "dumb"}};
        const auto [info, secret] = rig.supervisor->runOneOff(release, detached);
        QVERIFY(secret.empty());
        QVERIFY(QString::fromStdString(info.name).startsWith("run."));
        QCOMPARE(info.state, std::string("starting"));
        const NullDynoDriver::Run &run = rig.driver->runs().back();
        QCOMPARE(run.launch.command, std::string("node worker.js --once")); // a process type runs its command
        QCOMPARE(run.launch.env.at("TERM"), std::string("dumb"));
        QTRY_COMPARE(rig.state(info.name), std::string("up"));
        QVERIFY(!rig.supervisor->restart("app1")); // restarting the app leaves it be
        rig.driver->makeExit(info.name, 0);
        QVERIFY(rig.logs.has(QString::fromStdString("heroku[" + info.name + "]: State changed from up to complete")));
        QCOMPARE(rig.state(info.name), std::string());

        // Attached: it waits for its client, then runs on a terminal.
        OneOffRequest attached = detached;
        attached.attach = true;
        const auto [waiting, key] = rig.supervisor->runOneOff(release, attached);
        QVERIFY(!key.empty());
        QCOMPARE(rig.state(waiting.name), std::string("starting"));
        QVERIFY(rig.logs.has(QString::fromStdString("heroku[" + waiting.name + "]: Awaiting client")));
        const size_t runs = rig.driver->runs().size();
        const Terminal terminal = rig.supervisor->attach(key);
        QVERIFY(terminal.fd >= 0);
        QCOMPARE(rig.driver->runs().size(), runs + 1);
        QVERIFY(rig.driver->runs().back().launch.terminal >= 0);
        QCOMPARE(rig.supervisor->attach(key).fd, -1); // a secret attaches once
        QTRY_COMPARE(rig.state(waiting.name), std::string("up"));
        rig.supervisor->detach(key); // the client left
        QTRY_COMPARE(rig.state(waiting.name), std::string());
        ::close(terminal.fd);

        // R13: no client in time.
        const auto [lonely, lonelyKey] = rig.supervisor->runOneOff(release, attached);
        QTRY_VERIFY(rig.logs.has(QString::fromStdString("heroku[" + lonely.name + "]: Error R13 (Attach error) -> Failed to attach to process")));
        QCOMPARE(rig.state(lonely.name), std::string());
        QCOMPARE(rig.supervisor->attach(lonelyKey).fd, -1);
    }
};

QTEST_GUILESS_MAIN(TestSupervisor)
#include "tst_supervisor.moc"
