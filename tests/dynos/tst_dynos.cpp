// Dynos as real processes: the formation runs, scales, crashes and restarts, stops with SIGTERM
// then SIGKILL, swaps releases, and comes back after the emulator restarts with no orphans.
#include "common/golden.h"
#include "common/serverprocess.h"
#include "deploy/deploytestbase.h"

#include <QDirIterator>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrl>

using namespace dynodesk::testing;
using nlohmann::json;

class TestDynos : public QObject {
    Q_OBJECT

    // A node app with the given Procfile (web answers on $PORT).
    static QString appRepo(DeployFixture &f, const QString &name, const QString &procfile)
    {
        const QString repo = f.repoOf(QStringLiteral("node-basic"), name);
        QFile p(repo + QStringLiteral("/Procfile"));
        p.open(QIODevice::WriteOnly);
        p.write(procfile.toUtf8());
        p.close();
        f.commitAll(repo, QStringLiteral("procfile"));
        return repo;
    }

    static json dynos(DeployFixture &f, const QString &app) { return f.api().get("/apps/" + app + "/dynos").json(); }

    static QStringList states(DeployFixture &f, const QString &app)
    {
        QStringList out;
        for (const auto &d : dynos(f, app))
            out << QString::fromStdString(d["name"].get<std::string>() + ":" + d["state"].get<std::string>());
        out.sort();
        return out;
    }

    static QString logs(DeployFixture &f, const QString &app)
    {
        const auto s = f.api().post("/apps/" + app + "/log-sessions", {{"lines", 1500}});
        return QString::fromUtf8(HttpClient(QString()).get(QString::fromStdString(s.json()["logplex_url"].get<std::string>())).body);
    }

    static void scale(DeployFixture &f, const QString &app, const std::string &type, int quantity)
    {
        QCOMPARE(f.api().patch("/apps/" + app + "/formation", {{"updates", {{{"quantity", quantity}, {"type", type}}}}}).status, 200);
    }

    // Attaches to a one-off dyno as the CLI does: TLS to the rendezvous (trusting the emulator's
    // certificate), the secret and CRLF, then `input`; returns all the dyno sent until it ended.
    static QByteArray attach(DeployFixture &f, const std::string &attachUrl, const QByteArray &input)
    {
        const QUrl url(QString::fromStdString(attachUrl));
        QSslSocket socket;
        auto tls = socket.sslConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(QString::fromStdString(f.emulator().certificatePath())));
        socket.setSslConfiguration(tls);
        socket.connectToHostEncrypted(url.host(), static_cast<quint16>(url.port()));
        if (!socket.waitForEncrypted(10000))
            return "TLS failed: " + socket.errorString().toUtf8();
        socket.write(url.path().mid(1).toUtf8() + "\r\n");
        QByteArray received;
        bool sent = false;
        QElapsedTimer clock;
        clock.start();
        while (socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < 20000) {
            socket.waitForReadyRead(200);
            received += socket.readAll();
            if (!sent && received.startsWith("rendezvous\r\n")) { // the CLI sends input after the greeting
                socket.write(input);
                sent = true;
            }
        }
        return received + socket.readAll();
    }

    // Processes that carry the dynos dir of the emulator on this data dir in their environment.
    static int processesOfDynosIn(const QString &dataDir)
    {
        const QByteArray marker = "DYNODESK_DYNOS_DIR=" + (dataDir + QStringLiteral("/dynos")).toUtf8();
        int n = 0;
        for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
            QFile env(QStringLiteral("/proc/") + pid + QStringLiteral("/environ"));
            if (env.open(QIODevice::ReadOnly) && env.readAll().split('\0').contains(marker))
                ++n;
        }
        return n;
    }

    static json run(DeployFixture &f, const QString &app, const json &body)
    {
        const auto r = f.api().post("/apps/" + app + "/dynos", body);
        if (r.status != 201)
            qWarning() << r.body;
        return r.status == 201 ? r.json() : json();
    }

private slots:
    void oneOffDynosAttachedAndDetached()
    {
        DeployFixture f(120, [](dynodesk::core::Settings &s) { s.attachTimeoutSeconds = 2; });
        QVERIFY(f.started());
        const QString app = QStringLiteral("once-app");
        QCOMPARE(f.api().post("/apps", {{"name", "once-app"}}).status, 201);
        QCOMPARE(f.api().post("/apps/once-app/dynos", {{"command", "ls"}}).status, 422); // nothing released yet
        QCOMPARE(f.push(f.repoOf(QStringLiteral("node-basic"), QStringLiteral("once")), app).exitCode, 0);
        QCOMPARE(f.api().patch("/apps/once-app/config-vars", {{"GREETING", "hi"}}).status, 200);
        QCOMPARE(f.api().post("/apps/once-app/dynos", {{"command", ""}}).status, 422);
        QCOMPARE(f.api().post("/apps/once-app/dynos", {{"command", "ls"}, {"size", "huge"}}).status, 422);

        // Detached: output to the logs as app[run.NNNN]; it ends `complete` and is discarded.
        const json detached = run(f, app, {{"command", "echo detached-$GREETING-$DYNO; sleep 1"}, {"attach", false}});
        const QString name = QString::fromStdString(detached["name"].get<std::string>());
        QVERIFY2(QRegularExpression(QStringLiteral("^run\\.\\d{4}$")).match(name).hasMatch(), qPrintable(name));
        QVERIFY(detached["attach_url"].is_null());
        QCOMPARE(detached["type"].get<std::string>(), std::string("run"));
        QTRY_VERIFY_WITH_TIMEOUT(states(f, app).contains(name + QStringLiteral(":up")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, app).contains(QStringLiteral("heroku[%1]: State changed from up to complete").arg(name)), 15000);
        QString text = logs(f, app);
        QVERIFY2(text.contains(QStringLiteral("app[%1]: detached-hi-%1").arg(name)), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("heroku[%1]: Starting process with command `echo detached-$GREETING-$DYNO; sleep 1`").arg(name)));
        QTRY_VERIFY_WITH_TIMEOUT(!states(f, app).join(QLatin1Char(' ')).contains(name), 5000);

        // Attached on a terminal: the client's input reaches the command, its output and exit
        // status come back, as `heroku run` reads them.
        const std::string marker = "; echo \"\xEF\xBF\xBF heroku-command-exit-status: $?\"";
        json attached = run(f, app, {{"command", "read line; echo got-$line; sh -c 'exit 3'" + marker}, {"attach", true}, {"env", {{"TERM", "dumb"}, {"COLUMNS", 80}}}});
        QVERIFY(attached["attach_url"].get<std::string>().rfind("rendezvous://127.0.0.1:", 0) == 0);
        const QString attachedName = QString::fromStdString(attached["name"].get<std::string>());
        QVERIFY(states(f, app).contains(attachedName + QStringLiteral(":starting")));
        QByteArray out = attach(f, attached["attach_url"], "hello\n");
        QVERIFY2(out.startsWith("rendezvous\r\n"), out.constData());
        QVERIFY2(out.contains("got-hello"), out.constData());
        QVERIFY2(out.contains("\xEF\xBF\xBF heroku-command-exit-status: 3"), out.constData());
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, app).contains(QStringLiteral("heroku[%1]: Process exited with status 0").arg(attachedName)), 10000);
        QVERIFY(logs(f, app).contains(QStringLiteral("heroku[%1]: Awaiting client").arg(attachedName)));
        // The secret attaches once.
        QVERIFY(!attach(f, attached["attach_url"], "").contains("rendezvous"));

        // Without a terminal, the CLI's EOT ends the input.
        attached = run(f, app, {{"command", "cat; echo done" + marker}, {"attach", true}, {"force_no_tty", true}});
        out = attach(f, attached["attach_url"], "line one\nline two\n\x04");
        QVERIFY2(out.contains("line one\nline two\ndone\n"), out.constData());
        QVERIFY2(out.contains("heroku-command-exit-status: 0"), out.constData());

        // A client that goes away stops its dyno.
        attached = run(f, app, {{"command", "sleep 600"}, {"attach", true}});
        const QString sleeper = QString::fromStdString(attached["name"].get<std::string>());
        {
            const QUrl url(QString::fromStdString(attached["attach_url"].get<std::string>()));
            QSslSocket socket;
            auto tls = socket.sslConfiguration();
            tls.setCaCertificates(QSslCertificate::fromPath(QString::fromStdString(f.emulator().certificatePath())));
            socket.setSslConfiguration(tls);
            socket.connectToHostEncrypted(url.host(), static_cast<quint16>(url.port()));
            QVERIFY(socket.waitForEncrypted(10000));
            socket.write(url.path().mid(1).toUtf8() + "\r\n");
            QTRY_VERIFY_WITH_TIMEOUT(states(f, app).contains(sleeper + QStringLiteral(":up")), 10000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!states(f, app).join(QLatin1Char(' ')).contains(sleeper), 10000);

        // R13: nobody attaches within the timeout.
        attached = run(f, app, {{"command", "bash"}, {"attach", true}});
        const QString lonely = QString::fromStdString(attached["name"].get<std::string>());
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, app).contains(QStringLiteral("heroku[%1]: Error R13 (Attach error) -> Failed to attach to process").arg(lonely)), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!states(f, app).join(QLatin1Char(' ')).contains(lonely), 5000);
        QVERIFY(!attach(f, attached["attach_url"], "").contains("rendezvous"));
    }

    void memoryHogGetsR14ThenR15()
    {
        DeployFixture f(120, [](dynodesk::core::Settings &s) { s.memorySampleMilliseconds = 100; });
        QVERIFY(f.started());
        const QString app = QStringLiteral("hog-app");
        QCOMPARE(f.api().post("/apps", {{"name", "hog-app"}}).status, 201);
        // Grows by 64 MB every 150 ms, touching every page, up to 1.2 GB (a 512 MB dyno).
        const QString repo = appRepo(f, QStringLiteral("hog"), QStringLiteral(
                "web: node server.js\nhog: node -e \"const a=[];const t=setInterval(()=>{if(a.length<19)a.push(Buffer.alloc(64<<20,1))},150)\"\n"));
        QCOMPARE(f.push(repo, app).exitCode, 0);
        QCOMPARE(f.api().patch("/apps/hog-app/formation", {{"updates", {{{"quantity", 1}, {"type", "hog"}, {"size", "eco"}}}}}).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, app).contains(QStringLiteral("heroku[hog.1]: Error R15 (Memory quota vastly exceeded)")), 30000);
        const QString text = logs(f, app);
        const int r14 = text.indexOf(QStringLiteral("heroku[hog.1]: Error R14 (Memory quota exceeded)"));
        QVERIFY2(r14 > 0, qPrintable(text));
        QVERIFY(r14 < text.indexOf(QStringLiteral("Error R15")));
        const auto running = QRegularExpression(QStringLiteral("heroku\\[hog\\.1\\]: Process running mem=(\\d+)M\\((\\d+\\.\\d)%\\)")).match(text);
        QVERIFY2(running.hasMatch(), qPrintable(text));
        QVERIFY(running.captured(1).toInt() > 512 && running.captured(2).toDouble() > 100.0);
        QVERIFY(text.contains(QStringLiteral("heroku[hog.1]: State changed from up to crashed")));
        QVERIFY(text.contains(QStringLiteral("heroku[hog.1]: Process exited with status 137")));
        // The web dyno, within its quota, is left alone.
        QVERIFY(!text.contains(QStringLiteral("heroku[web.1]: Error R14")));
        QCOMPARE(f.api().patch("/apps/hog-app/formation", {{"updates", {{{"quantity", 0}, {"type", "hog"}}}}}).status, 200);
    }

    void floodingDynoLeavesTheEmulatorResponsive()
    {
        DeployFixture f(120);
        QVERIFY(f.started());
        const QString app = QStringLiteral("flood-app");
        QCOMPARE(f.api().post("/apps", {{"name", "flood-app"}}).status, 201);
        QCOMPARE(f.push(appRepo(f, QStringLiteral("flood"), QStringLiteral("web: node server.js\nflood: yes a-line-of-flood\n")), app).exitCode, 0);

        // A tail that stops reading: its lines wait for it, but only so many.
        const auto session = f.api().post("/apps/flood-app/log-sessions", {{"tail", true}, {"lines", 0}});
        const QUrl url(QString::fromStdString(session.json()["logplex_url"].get<std::string>()));
        QTcpSocket stalled;
        stalled.setReadBufferSize(4096);
        stalled.connectToHost(url.host(), static_cast<quint16>(url.port()));
        QVERIFY(stalled.waitForConnected(5000));
        stalled.write("GET " + url.path().toUtf8() + " HTTP/1.1\r\nHost: " + url.authority().toUtf8() + "\r\n\r\n");
        QVERIFY(stalled.waitForBytesWritten(5000));

        scale(f, app, "flood", 1);
        // The API keeps answering at once while the dyno writes as fast as it can.
        QElapsedTimer clock, call;
        clock.start();
        qint64 slowest = 0;
        while (clock.elapsed() < 4000) {
            call.start();
            QCOMPARE(f.api().get("/apps/flood-app").status, 200);
            slowest = std::max(slowest, call.elapsed());
            QTest::qWait(50);
        }
        QVERIFY2(slowest < 1000, qPrintable(QStringLiteral("slowest API answer while flooding: %1 ms").arg(slowest)));
        // The buffer holds the last 1,500 lines, the flood's.
        const QStringList lines = logs(f, app).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1500);
        QVERIFY2(lines.last().endsWith(QStringLiteral("app[flood.1]: a-line-of-flood")), qPrintable(lines.last()));

        // The stalled tail reads again: it is told how many lines it lost, and follows on.
        stalled.setReadBufferSize(0);
        QByteArray seen;
        clock.restart();
        const QByteArray l11 = "heroku[logplex]: Error L11 (Tail buffer overflow): tail dropped ";
        bool told = false;
        clock.restart();
        while (!told && clock.elapsed() < 30000) {
            stalled.waitForReadyRead(200);
            // Look in what just came (plus a line's worth before it) before old data is let go.
            seen = seen.right(l11.size() + 200) + stalled.readAll();
            told = seen.contains(l11);
        }
        QVERIFY2(told, seen.right(500).constData());
        scale(f, app, "flood", 0);
    }

    void dynosCycleAndReportRuntimeMetrics()
    {
        DeployFixture f(120, [](dynodesk::core::Settings &s) {
            s.cycleSeconds = 3;
            s.runtimeMetricsSeconds = 1;
        });
        QVERIFY(f.started());
        const QString app = QStringLiteral("cycle-app");
        QCOMPARE(f.api().post("/apps", {{"name", "cycle-app"}}).status, 201);
        QCOMPARE(f.push(f.repoOf(QStringLiteral("node-basic"), QStringLiteral("cycle")), app).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(states(f, app), QStringList{QStringLiteral("web.1:up")}, 20000);
        const std::string first = dynos(f, app)[0]["id"];
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, app).contains(QStringLiteral("heroku[web.1]: Cycling")), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(dynos(f, app).size() == 1 && dynos(f, app)[0]["id"] != first && dynos(f, app)[0]["state"] == "up", 15000);
        QVERIFY(logs(f, app).contains(QStringLiteral("heroku[web.1]: Stopping all processes with SIGTERM")));

        // The labs feature log-runtime-metrics: off by default, then samples every period.
        QVERIFY(!logs(f, app).contains(QStringLiteral("sample#memory_rss")));
        const auto feature = f.api().get("/apps/cycle-app/features/log-runtime-metrics").json();
        QCOMPARE(feature["enabled"].get<bool>(), false);
        QCOMPARE(f.api().patch("/apps/cycle-app/features/log-runtime-metrics", {{"enabled", true}}).status, 200);
        QCOMPARE(f.api().get("/apps/cycle-app/features/log-runtime-metrics").json()["enabled"].get<bool>(), true);
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, app).contains(QStringLiteral("sample#memory_rss=")), 10000);
        const QString text = logs(f, app);
        QVERIFY2(QRegularExpression(QStringLiteral("heroku\\[web\\.1\\]: source=web\\.1 dyno=heroku\\.\\S+ sample#load_avg_1m=\\d+\\.\\d\\d "
                                                   "sample#load_avg_5m=\\d+\\.\\d\\d sample#load_avg_15m=\\d+\\.\\d\\d"))
                         .match(text).hasMatch(), qPrintable(text));
        const auto rss = QRegularExpression(QStringLiteral("sample#memory_rss=(\\d+\\.\\d\\d)MB")).match(text);
        QVERIFY(rss.captured(1).toDouble() > 5.0); // a node process has some megabytes
        QVERIFY(text.contains(QStringLiteral("sample#memory_quota=512.00MB")));
        QCOMPARE(f.api().patch("/apps/cycle-app/features/no-such-feature", {{"enabled", true}}).status, 404);
    }

    void deployRunsTheFormationAndScales()
    {
        DeployFixture f;
        QVERIFY(f.started());
        QCOMPARE(f.api().post("/apps", {{"name", "run-app"}}).status, 201);
        QCOMPARE(f.push(f.repoOf(QStringLiteral("node-basic"), QStringLiteral("run")), QStringLiteral("run-app")).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(states(f, QStringLiteral("run-app")), QStringList{QStringLiteral("web.1:up")}, 20000);
        const auto d = dynos(f, QStringLiteral("run-app"))[0];
        VERIFY_GOLDEN(dynos(f, QStringLiteral("run-app")), "dyno");
        VERIFY_GOLDEN(f.api().get("/apps/run-app/dynos/web.1").json(), "dyno");
        QCOMPARE(d["command"].get<std::string>(), std::string("npm start"));
        QCOMPARE(d["release"]["version"].get<int>(), 2);
        QCOMPARE(d["size"].get<std::string>(), std::string("Standard-1X"));

        // The dyno is a real process serving on its $PORT.
        const QString text = logs(f, QStringLiteral("run-app"));
        QVERIFY2(text.contains(QStringLiteral("heroku[web.1]: Starting process with command `npm start`")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("heroku[web.1]: State changed from starting to up")), qPrintable(text));
        const auto port = QRegularExpression(QStringLiteral("app\\[web\\.1\\]: listening on (\\d+)")).match(text).captured(1);
        QVERIFY(!port.isEmpty());
        QCOMPARE(HttpClient(QStringLiteral("http://127.0.0.1:") + port).get(QStringLiteral("/")).body.trimmed(), QByteArray("Hello from node-basic"));

        scale(f, QStringLiteral("run-app"), "web", 3);
        QTRY_COMPARE_WITH_TIMEOUT(states(f, QStringLiteral("run-app")),
                                  (QStringList{QStringLiteral("web.1:up"), QStringLiteral("web.2:up"), QStringLiteral("web.3:up")}), 20000);
        scale(f, QStringLiteral("run-app"), "web", 1);
        QTRY_COMPARE_WITH_TIMEOUT(states(f, QStringLiteral("run-app")), QStringList{QStringLiteral("web.1:up")}, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, QStringLiteral("run-app")).contains(QStringLiteral("heroku[web.3]: Process exited with status 143")), 10000);

        // A new release replaces every dyno; restart replaces them too.
        const std::string before = dynos(f, QStringLiteral("run-app"))[0]["id"];
        QCOMPARE(f.api().patch("/apps/run-app/config-vars", {{"GREETING", "hi"}}).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(dynos(f, QStringLiteral("run-app")).size() == 1
                                         && dynos(f, QStringLiteral("run-app"))[0]["release"]["version"] == 3
                                         && dynos(f, QStringLiteral("run-app"))[0]["state"] == "up",
                                 20000);
        QVERIFY(dynos(f, QStringLiteral("run-app"))[0]["id"] != before);
        const std::string third = dynos(f, QStringLiteral("run-app"))[0]["id"];
        QCOMPARE(f.api().del("/apps/run-app/dynos").status, 202);
        QTRY_VERIFY_WITH_TIMEOUT(dynos(f, QStringLiteral("run-app")).size() == 1 && dynos(f, QStringLiteral("run-app"))[0]["id"] != third
                                         && dynos(f, QStringLiteral("run-app"))[0]["state"] == "up",
                                 20000);
        QCOMPARE(f.api().del("/apps/run-app/dynos/web.9").status, 404);
    }

    void crashRestartsWithACoolOff()
    {
        DeployFixture f;
        QVERIFY(f.started());
        QCOMPARE(f.api().post("/apps", {{"name", "crash-app"}}).status, 201);
        const QString repo = appRepo(f, QStringLiteral("crash"),
                                     QStringLiteral("web: node server.js\nworker: node -e \"console.log('crashing'); process.exit(3)\"\n"));
        QCOMPARE(f.push(repo, QStringLiteral("crash-app")).exitCode, 0);
        scale(f, QStringLiteral("crash-app"), "worker", 1);
        // Restarted at once after the first crash, after 1 s after the second.
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, QStringLiteral("crash-app")).count(QStringLiteral("heroku[worker.1]: Process exited with status 3")) >= 3, 20000);
        const QString text = logs(f, QStringLiteral("crash-app"));
        QVERIFY(text.contains(QStringLiteral("app[worker.1]: crashing")));
        QVERIFY(text.contains(QStringLiteral("heroku[worker.1]: State changed from up to crashed")));
        QVERIFY(text.contains(QStringLiteral("heroku[worker.1]: State changed from crashed to starting")));
        // A command that does not exist crashes with status 127.
        const QString missing = appRepo(f, QStringLiteral("missing"), QStringLiteral("web: node server.js\nworker: no-such-command-here\n"));
        QCOMPARE(f.push(missing, QStringLiteral("crash-app"), {QStringLiteral("main")}, {QStringLiteral("--force")}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, QStringLiteral("crash-app")).contains(QStringLiteral("heroku[worker.1]: Process exited with status 127")), 20000);
    }

    void hungShutdownIsKilledAfterTheGrace()
    {
        DeployFixture f(120, [](dynodesk::core::Settings &s) {
            s.stopGraceSeconds = 1;
            s.bootTimeoutSeconds = 2;
        });
        QVERIFY(f.started());
        QCOMPARE(f.api().post("/apps", {{"name", "hang-app"}}).status, 201);
        const QString repo = appRepo(f, QStringLiteral("hang"),
                                     QStringLiteral("web: sleep 100\nworker: sh -c \"trap '' TERM; while true; do sleep 1; done\"\n"));
        const auto pushed = f.push(repo, QStringLiteral("hang-app"));
        QVERIFY2(pushed.output.contains(QStringLiteral("Released v2")), qPrintable(pushed.output));
        const QString app = QStringLiteral("hang-app");
        // R10: the web dyno never binds $PORT.
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, app).contains(QStringLiteral("heroku[web.1]: Error R10 (Boot timeout) -> Web process failed to bind to $PORT within 2 seconds of launch")), 15000);
        QVERIFY(logs(f, app).contains(QStringLiteral("heroku[web.1]: State changed from starting to crashed")));
        // R12: the worker ignores SIGTERM and is killed after the grace.
        scale(f, app, "worker", 1);
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, app).contains(QStringLiteral("heroku[worker.1]: State changed from starting to up")), 15000);
        scale(f, app, "worker", 0);
        QTRY_VERIFY_WITH_TIMEOUT(logs(f, app).contains(QStringLiteral("heroku[worker.1]: Process exited with status 137")), 15000);
        const QString text = logs(f, app);
        QVERIFY(text.contains(QStringLiteral("heroku[worker.1]: Stopping all processes with SIGTERM")));
        QVERIFY(text.contains(QStringLiteral("heroku[worker.1]: Error R12 (Exit timeout) -> At least one process failed to exit within 1 seconds of SIGTERM")));
    }

    void stoppedEmulatorLeavesNoProcessAndFreesItsPorts()
    {
        // Plain processes: the grace file is outside any sandbox (tst_sandbox has the sandbox's).
        DeployFixture f(120, [](dynodesk::core::Settings &s) {
            s.stopGraceSeconds = 1;
            s.sandbox = "off";
        });
        QVERIFY(f.started());
        const QString app = QStringLiteral("fd-app");
        QCOMPARE(f.api().post("/apps", {{"name", "fd-app"}}).status, 201);
        QTemporaryDir outside;
        const QString graceful = outside.filePath(QStringLiteral("graceful"));
        QCOMPARE(f.api().patch("/apps/fd-app/config-vars", {{"GRACE_FILE", graceful.toStdString()}}).status, 200);
        // The web process lists the descriptors it got and starts two more: one that takes half
        // a second to finish on SIGTERM, one that ignores SIGTERM.
        const QString repo = appRepo(
                f, QStringLiteral("fd"),
                QStringLiteral("web: ls -l /proc/$$/fd; "
                               "(trap 'sleep 0.5; echo done > \"$GRACE_FILE\"; exit 0' TERM; while :; do sleep 0.1; done) & "
                               "(trap '' TERM; exec sleep 100) & exec node server.js\n"));
        const auto pushed = f.push(repo, app);
        QVERIFY2(pushed.output.contains(QStringLiteral("Released v3")), qPrintable(pushed.output));
        const QStringList up{QStringLiteral("web.1:up")};
        QTRY_COMPARE_WITH_TIMEOUT(states(f, app), up, 20000);

        // A dyno holds its stdio and nothing of the emulator's: none of its sockets.
        QStringList descriptors;
        static const QRegularExpression listed(QStringLiteral("app\\[web\\.1\\]: .* (\\d+) -> (.*)$"));
        for (const QString &line : logs(f, app).split(QLatin1Char('\n')))
            if (const auto m = listed.match(line); m.hasMatch())
                descriptors << m.captured(1) + QStringLiteral(" -> ") + m.captured(2);
        QCOMPARE(descriptors.size(), 3);
        for (const QString &d : descriptors)
            QVERIFY2(!d.contains(QStringLiteral("socket:")), qPrintable(descriptors.join(QStringLiteral(", "))));

        // Stopping the emulator gives every process of the dyno the grace, not only the one it
        // started, and kills the one that ignores SIGTERM after it; none is left. The emulator
        // then starts again on the same ports.
        QVERIFY(processesOfDynosIn(f.dataDir()) >= 3);
        const auto ports = f.emulator().settings();
        f.emulator().stop();
        QCOMPARE(processesOfDynosIn(f.dataDir()), 0);
        QFile done(graceful);
        QVERIFY(done.open(QIODevice::ReadOnly));
        QCOMPARE(done.readAll(), QByteArray("done\n"));
        QVERIFY(f.restart());
        QCOMPARE(f.emulator().settings().apiPort, ports.apiPort);
        QCOMPARE(f.emulator().settings().routerPort, ports.routerPort);
        QCOMPARE(f.emulator().settings().rendezvousPort, ports.rendezvousPort);
        QTRY_COMPARE_WITH_TIMEOUT(states(f, app), up, 20000);
    }

    void emulatorRestartRestoresTheFormationWithoutOrphans()
    {
        // Plain processes outlive a killed server (a sandboxed dyno dies with it: tst_sandbox).
        QTemporaryDir dir;
        DeployFixture helper;
        ServerProcess server(dir.path(), {QStringLiteral("--sandbox"), QStringLiteral("off")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        HttpClient api(server.apiUrl(), server.token());
        QCOMPARE(api.post("/apps", {{"name", "back-app"}}).status, 201);
        const QString repo = appRepo(helper, QStringLiteral("back"), QStringLiteral("web: node server.js\nworker: sh -c \"while true; do sleep 1; done\"\n"));
        const auto pushed = helper.git(repo, {QStringLiteral("push"), server.apiUrl().replace(QStringLiteral("http://"), QStringLiteral("http://x:") + server.token() + QLatin1Char('@')) + QStringLiteral("/back-app.git"), QStringLiteral("main")});
        QVERIFY2(pushed.output.contains(QStringLiteral("Released v2")), qPrintable(pushed.output));
        QCOMPARE(api.patch("/apps/back-app/formation", {{"updates", {{{"quantity", 2}, {"type", "worker"}}}}}).status, 200);
        auto running = [&] {
            QStringList out;
            for (const auto &d : api.get("/apps/back-app/dynos").json())
                out << QString::fromStdString(d["name"].get<std::string>() + ":" + d["state"].get<std::string>());
            out.sort();
            return out;
        };
        const QStringList all{QStringLiteral("web.1:up"), QStringLiteral("worker.1:up"), QStringLiteral("worker.2:up")};
        QTRY_COMPARE_WITH_TIMEOUT(running(), all, 20000);
        auto dynoProcesses = [&] { return processesOfDynosIn(dir.path()); };
        const int before = dynoProcesses();
        QVERIFY(before >= 3);
        server.kill(); // the dynos are orphaned
        QCOMPARE(dynoProcesses(), before);

        ServerProcess again(dir.path(), {QStringLiteral("--sandbox"), QStringLiteral("off")});
        QVERIFY2(again.start(), qPrintable(again.output()));
        HttpClient api2(again.apiUrl(), again.token());
        auto running2 = [&] {
            QStringList out;
            for (const auto &d : api2.get("/apps/back-app/dynos").json())
                out << QString::fromStdString(d["name"].get<std::string>() + ":" + d["state"].get<std::string>());
            out.sort();
            return out;
        };
        QTRY_COMPARE_WITH_TIMEOUT(running2(), all, 20000);
        // Only the new dynos' processes remain: the orphans were stopped.
        QTRY_COMPARE_WITH_TIMEOUT(dynoProcesses(), before, 10000);
        QVERIFY(again.terminate());
        QTRY_COMPARE_WITH_TIMEOUT(dynoProcesses(), 0, 10000);
    }
};

QTEST_GUILESS_MAIN(TestDynos)
#include "tst_dynos.moc"
