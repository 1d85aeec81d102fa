// Dynos as real processes: the formation runs, scales, crashes and restarts, stops with SIGTERM
// then SIGKILL, swaps releases, and comes back after the emulator restarts with no orphans.
#include "common/golden.h"
#include "common/serverprocess.h"
#include "deploy/deploytestbase.h"

#include <QDirIterator>
#include <QRegularExpression>

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

private slots:
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

    void emulatorRestartRestoresTheFormationWithoutOrphans()
    {
        QTemporaryDir dir;
        DeployFixture helper;
        ServerProcess server(dir.path());
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
        // Processes that carry this emulator's dynos dir in their environment.
        const QByteArray marker = "DYNODESK_DYNOS_DIR=" + (dir.path() + QStringLiteral("/dynos")).toUtf8();
        auto dynoProcesses = [&] {
            int n = 0;
            for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
                QFile env(QStringLiteral("/proc/") + pid + QStringLiteral("/environ"));
                if (env.open(QIODevice::ReadOnly) && env.readAll().split('\0').contains(marker))
                    ++n;
            }
            return n;
        };
        const int before = dynoProcesses();
        QVERIFY(before >= 3);
        server.kill(); // the dynos are orphaned
        QCOMPARE(dynoProcesses(), before);

        ServerProcess again(dir.path());
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
