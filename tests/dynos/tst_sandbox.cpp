// Dynos of one account cannot reach another's: each dyno runs in a sandbox of its own (bubblewrap:
// mount, PID, IPC and UTS namespaces, the app's own user when the server is root). Real dynos of
// two accounts' apps; every probe of a lab's attacker, from a web dyno and from a one-off dyno,
// gets the operating system's refusal while the app still writes /app and /tmp, reaches its
// database and answers through the router. Where bubblewrap cannot be had, dynos run as plain
// processes and the server says so.
#include "common/serverprocess.h"
#include "deploy/deploytestbase.h"

#include "platform/platform.h"

#include <QDirIterator>
#include <QRegularExpression>

using namespace dynodesk::testing;
using nlohmann::json;

namespace {

// Each probe prints `PROBE <name>: refused` or `PROBE <name>: SUCCEEDED`; then the app's own
// rights, `OWN <name>: ok` or `OWN <name>: FAILED`.
const char *const kProbeScript = R"SH(#!/bin/sh
probe() { name=$1; shift; if "$@" >/dev/null 2>&1; then echo "PROBE $name: SUCCEEDED"; else echo "PROBE $name: refused"; fi; }
own() { name=$1; shift; if "$@" >/dev/null 2>&1; then echo "OWN $name: ok"; else echo "OWN $name: FAILED"; fi; }
probe read-other-slug cat "$VICTIM_SLUG"
probe list-other-dyno ls "$VICTIM_DIR"
probe read-other-dyno-file cat "$VICTIM_DIR/server.js"
probe write-other-dyno sh -c 'echo pwned > "$VICTIM_DIR/pwned"'
probe read-store cat "$STORE"
probe list-data-dir ls "$DATA_DIR"
probe read-other-environ cat "/proc/$VICTIM_PID/environ"
probe see-other-process test -e "/proc/$VICTIM_PID/cmdline"
probe kill-other-process kill -9 "$VICTIM_PID"
probe write-usr touch /usr/dynodesk-sandbox-probe
probe write-etc touch /etc/dynodesk-sandbox-probe
probe read-shadow cat /etc/shadow
probe list-root ls /root/.
own write-app sh -c 'echo mine > /app/own && test "$(cat /app/own)" = mine'
own write-tmp sh -c 'echo mine > /tmp/own && test "$(cat /tmp/own)" = mine'
own database sh -c 'test "$(psql "$DATABASE_URL" -tAc "select 41+1")" = 42'
echo "PROBES DONE"
)SH";

QStringList probeLines(const QString &text, const QString &dyno)
{
    QStringList out;
    const QRegularExpression re(QStringLiteral("app\\[%1\\]: ((?:PROBE|OWN) [a-z-]+: \\w+)").arg(QRegularExpression::escape(dyno)));
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured(1);
    return out;
}

// The host pids of processes whose environment holds `marker`.
QList<qint64> pidsWithEnvironment(const QByteArray &marker)
{
    QList<qint64> pids;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        QFile environ(QStringLiteral("/proc/%1/environ").arg(entry));
        if (numeric && environ.open(QIODevice::ReadOnly) && environ.readAll().split('\0').contains(marker))
            pids << pid;
    }
    return pids;
}

QString statusField(qint64 pid, const QString &field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return {};
    for (const QString &line : QString::fromUtf8(status.readAll()).split(QLatin1Char('\n')))
        if (line.startsWith(field + QLatin1Char(':')))
            return line.mid(field.size() + 1).simplified().section(QLatin1Char(' '), 0, 0);
    return {};
}

} // namespace

class TestSandbox : public QObject {
    Q_OBJECT

    static QString logs(const HttpClient &api, const QString &app)
    {
        const auto s = api.post("/apps/" + app + "/log-sessions", {{"lines", 1500}});
        return QString::fromUtf8(HttpClient(QString()).get(QString::fromStdString(s.json()["logplex_url"].get<std::string>())).body);
    }

    static QByteArray viaRouter(DeployFixture &f, const QString &app)
    {
        const HttpClient router(QStringLiteral("http://127.0.0.1:%1").arg(f.emulator().routerPort()));
        return router.get(QStringLiteral("/"), {{"Host", (app + QStringLiteral(".localhost")).toUtf8()}}).body.trimmed();
    }

private slots:
    void probesOfAnotherAccountsAppAreRefused()
    {
        DeployFixture f(300);
        QVERIFY(f.started());
        QVERIFY2(f.emulator().sandbox().enabled(), f.emulator().sandbox().reason().c_str());
        QElapsedTimer clock;
        clock.start();

        // Account A's app: a web dyno holding a secret in its environment.
        QCOMPARE(f.api().post("/apps", {{"name", "victim"}}).status, 201);
        QCOMPARE(f.api().patch("/apps/victim/config-vars", {{"VICTIM_SECRET", "victim-secret-4711"}}).status, 200);
        const GitResult pushed = f.push(f.repoOf(QStringLiteral("node-basic"), QStringLiteral("victim")), QStringLiteral("victim"));
        QVERIFY2(pushed.exitCode == 0, qPrintable(pushed.output));
        QTRY_COMPARE_WITH_TIMEOUT(viaRouter(f, QStringLiteral("victim")), QByteArray("Hello from node-basic"), 30000);
        const QList<qint64> victims = pidsWithEnvironment("VICTIM_SECRET=victim-secret-4711");
        QVERIFY(!victims.isEmpty());
        const qint64 victimPid = victims.last();
        QStringList victimDirs;
        for (QDirIterator it(f.dataDir() + QStringLiteral("/dynos"), QDir::Dirs | QDir::NoDotAndDotDot); it.hasNext();)
            victimDirs << it.next();
        QCOMPARE(victimDirs.size(), 1);
        QVERIFY(QFile::exists(f.dataDir() + QStringLiteral("/dynodesk.sqlite3")));
        QStringList slugs = QDir(f.dataDir() + QStringLiteral("/slugs")).entryList({QStringLiteral("*.tgz")});
        QCOMPARE(slugs.size(), 1);

        // Account B's app runs the probes from its web dyno (before it serves) and a one-off.
        QString tokenB;
        f.emulator().runOnCore([&](dynodesk::platform::Platform &p) {
            auto made = p.accounts().createAccount("prober@example.com", std::string("secret-pw"));
            if (made)
                tokenB = QString::fromStdString(made->token);
        });
        QVERIFY(!tokenB.isEmpty());
        const HttpClient b(QString::fromStdString(f.emulator().apiUrl()), tokenB);
        QCOMPARE(b.post("/apps", {{"name", "prober"}}).status, 201);
        QCOMPARE(b.post("/apps/prober/addons", {{"plan", "heroku-postgresql:essential-0"}}).status, 201);
        qInfo("victim up after %lld ms", clock.elapsed());
        QTRY_VERIFY_WITH_TIMEOUT(b.get("/apps/prober/config-vars").json().contains("DATABASE_URL"), 60000);
        qInfo("database after %lld ms", clock.elapsed());
        QCOMPARE(b.patch("/apps/prober/config-vars", {{"VICTIM_SLUG", (f.dataDir() + "/slugs/" + slugs.first()).toStdString()},
                                                       {"VICTIM_DIR", victimDirs.first().toStdString()},
                                                       {"STORE", (f.dataDir() + "/dynodesk.sqlite3").toStdString()},
                                                       {"DATA_DIR", f.dataDir().toStdString()},
                                                       {"VICTIM_PID", std::to_string(victimPid)}})
                         .status,
                 200);
        const QString repo = f.repoOf(QStringLiteral("node-basic"), QStringLiteral("prober"));
        QFile script(repo + QStringLiteral("/probe.sh"));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(kProbeScript);
        script.close();
        QFile procfile(repo + QStringLiteral("/Procfile"));
        QVERIFY(procfile.open(QIODevice::WriteOnly));
        procfile.write("web: sh probe.sh; exec node server.js\n");
        procfile.close();
        f.commitAll(repo, QStringLiteral("probes"));
        QCOMPARE(f.git(repo, {QStringLiteral("push"), f.gitUrl(QStringLiteral("prober"), tokenB), QStringLiteral("main")}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(logs(b, QStringLiteral("prober")).contains(QStringLiteral("app[web.1]: PROBES DONE")), 60000);
        const auto run = b.post("/apps/prober/dynos", {{"command", "sh probe.sh"}, {"attach", false}});
        QCOMPARE(run.status, 201);
        const QString oneOff = QString::fromStdString(run.json()["name"].get<std::string>());
        QTRY_VERIFY_WITH_TIMEOUT(logs(b, QStringLiteral("prober")).contains(QStringLiteral("app[%1]: PROBES DONE").arg(oneOff)), 60000);

        const QString text = logs(b, QStringLiteral("prober"));
        for (const QString &dyno : {QStringLiteral("web.1"), oneOff}) {
            const QStringList lines = probeLines(text, dyno);
            QCOMPARE(lines.filter(QStringLiteral("PROBE ")).size(), 13);
            QCOMPARE(lines.filter(QStringLiteral("OWN ")).size(), 3);
            QVERIFY2(lines.filter(QStringLiteral("SUCCEEDED")).isEmpty(), qPrintable(lines.join(QLatin1Char('\n'))));
            QVERIFY2(lines.filter(QStringLiteral("FAILED")).isEmpty(), qPrintable(lines.join(QLatin1Char('\n'))));
        }

        // Both apps still answer; the victim's process lives, its dir is untouched.
        QCOMPARE(viaRouter(f, QStringLiteral("victim")), QByteArray("Hello from node-basic"));
        QCOMPARE(viaRouter(f, QStringLiteral("prober")), QByteArray("Hello from node-basic"));
        QVERIFY(QFile::exists(QStringLiteral("/proc/%1").arg(victimPid)));
        QVERIFY(!QFile::exists(victimDirs.first() + QStringLiteral("/pwned")));
        for (const QString &system : {QStringLiteral("/usr/dynodesk-sandbox-probe"), QStringLiteral("/etc/dynodesk-sandbox-probe")})
            QVERIFY(!QFile::exists(system) || (QFile::remove(system) && false));

        // As root, each app's processes run as an unprivileged user of its own.
        if (::geteuid() == 0) {
            const QList<qint64> probers = pidsWithEnvironment("VICTIM_PID=" + QByteArray::number(victimPid));
            QVERIFY(!probers.isEmpty());
            const QString victimUid = statusField(victimPid, QStringLiteral("Uid"));
            const QString proberUid = statusField(probers.last(), QStringLiteral("Uid"));
            QVERIFY2(victimUid.toLongLong() >= 1000 && proberUid.toLongLong() >= 1000, qPrintable(victimUid + " " + proberUid));
            QVERIFY(victimUid != proberUid);
        }

        // `heroku ps --extended` tells how the dyno runs.
        const json extended = f.api().get("/apps/victim/dynos?extended=true").json();
        QVERIFY2(extended.at(0)["extended"]["execution_plane"].get<std::string>().rfind("sandboxed", 0) == 0, extended.dump().c_str());
    }

    // A build's buildpack runs in a sandbox too: it sees the app it builds, its cache and its
    // buildpack, and neither the store nor another app's repository; as root, as the app's user.
    void buildpacksSeeOnlyTheirBuild()
    {
        DeployFixture f(120);
        QVERIFY(f.started());
        QVERIFY(f.emulator().sandbox().enabled());
        QCOMPARE(f.api().post("/apps", {{"name", "other"}}).status, 201);
        QCOMPARE(f.push(f.repoOf(QStringLiteral("node-basic"), QStringLiteral("other")), QStringLiteral("other")).exitCode, 0);
        const QString store = f.dataDir() + QStringLiteral("/dynodesk.sqlite3");
        const QString otherRepo = f.dataDir() + QStringLiteral("/repos");
        QVERIFY(QFile::exists(store) && QDir(otherRepo).exists());
        const QString bp = f.makeBuildpack(QStringLiteral("probe"), QStringLiteral("Probe"), QStringLiteral(
                "probe() { if \"${@:2}\" >/dev/null 2>&1; then echo \"BUILD PROBE $1: SUCCEEDED\"; else echo \"BUILD PROBE $1: refused\"; fi; }\n"
                "probe read-store cat '%1'\n"
                "probe list-repos ls '%2'\n"
                "probe write-usr touch /usr/dynodesk-sandbox-probe\n"
                "echo \"BUILD UID $(id -u)\"\n"
                "echo ok > \"$1/built\" && echo ok > \"$2/cached\" && echo \"BUILD OWN: ok\"\n"
                "printf '#!/bin/sh\\nexec node server.js\\n' > \"$1/run\"; chmod +x \"$1/run\"\n").arg(store, otherRepo));
        QCOMPARE(f.api().post("/apps", {{"name", "probed"}}).status, 201);
        const auto r = f.api().request("PUT", "/apps/probed/buildpack-installations",
                                       QByteArray::fromStdString(json{{"updates", {{{"buildpack", bp.toStdString()}}}}}.dump()));
        QCOMPARE(r.status, 200);
        const GitResult pushed = f.push(f.repoOf(QStringLiteral("node-basic"), QStringLiteral("probed")), QStringLiteral("probed"));
        QVERIFY2(pushed.exitCode == 0, qPrintable(pushed.output));
        for (const char *probe : {"read-store", "list-repos", "write-usr"})
            QVERIFY2(pushed.output.contains(QStringLiteral("BUILD PROBE %1: refused").arg(QLatin1String(probe))), qPrintable(pushed.output));
        QVERIFY2(pushed.output.contains(QStringLiteral("BUILD OWN: ok")), qPrintable(pushed.output));
        const auto uid = QRegularExpression(QStringLiteral("BUILD UID (\\d+)")).match(pushed.output);
        QVERIFY(uid.hasMatch());
        if (::geteuid() == 0)
            QVERIFY2(uid.captured(1).toLongLong() >= 1000, qPrintable(uid.captured(0)));
        QTRY_COMPARE_WITH_TIMEOUT(viaRouter(f, QStringLiteral("probed")), QByteArray("Hello from node-basic"), 30000);
    }

    // A buildpack on the server's disk is read as the server: an account may name only the
    // built-in ones and what it may read, never another account's repository.
    void buildpacksOnThisMachineAreLimitedToWhatTheAccountMayRead()
    {
        DeployFixture f(60, [](dynodesk::core::Settings &s) { s.allowedSourcePaths.clear(); });
        QVERIFY(f.started());
        QCOMPARE(f.api().post("/apps", {{"name", "victim"}}).status, 201);
        QCOMPARE(f.api().post("/apps", {{"name", "thief"}}).status, 201);
        const std::string victimId = f.api().get("/apps/victim").json()["id"];
        const auto put = [&](const std::string &buildpack) {
            return f.api().request("PUT", "/apps/thief/buildpack-installations",
                                   QByteArray::fromStdString(json{{"updates", {{{"buildpack", buildpack}}}}}.dump()));
        };
        for (const std::string &bp : {"file://" + f.dataDir().toStdString() + "/repos/" + victimId + ".git",
                                      f.dataDir().toStdString() + "/repos/" + victimId + ".git", std::string("/etc"),
                                      std::string("file:///etc#main")}) {
            const auto r = put(bp);
            QVERIFY2(r.status == 403, (bp + ": " + r.body.toStdString()).c_str());
            QCOMPARE(r.json()["id"].get<std::string>(), std::string("forbidden"));
        }
        QCOMPARE(put("heroku/nodejs").status, 200);
        QCOMPARE(put("https://github.com/heroku/heroku-buildpack-nodejs").status, 200);
        QCOMPARE(f.api().get("/apps/thief/buildpack-installations").json().size(), 1u);
    }

    // A sandboxed dyno stops as a plain one does: SIGTERM to every process of the app (not to
    // the sandbox, which would take the dyno with it at once), SIGKILL after the grace; and it
    // ends with the server, even a killed one.
    void sandboxedDynosStopWithTheGraceAndEndWithTheServer()
    {
        DeployFixture f(120, [](dynodesk::core::Settings &s) { s.stopGraceSeconds = 1; });
        QVERIFY(f.started());
        QVERIFY(f.emulator().sandbox().enabled());
        QCOMPARE(f.api().post("/apps", {{"name", "grace"}}).status, 201);
        QCOMPARE(f.api().patch("/apps/grace/config-vars", {{"GRACE_MARK", "grace-4711"}}).status, 200);
        const QString repo = f.repoOf(QStringLiteral("node-basic"), QStringLiteral("grace"));
        QFile procfile(repo + QStringLiteral("/Procfile"));
        QVERIFY(procfile.open(QIODevice::WriteOnly));
        procfile.write("web: (trap 'sleep 0.3; echo graceful-done; exit 0' TERM; while :; do sleep 0.1; done) & "
                       "(trap '' TERM; exec sleep 100) & exec node server.js\n");
        procfile.close();
        f.commitAll(repo, QStringLiteral("grace"));
        QCOMPARE(f.push(repo, QStringLiteral("grace")).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(viaRouter(f, QStringLiteral("grace")), QByteArray("Hello from node-basic"), 30000);
        const auto marked = [] { return pidsWithEnvironment("GRACE_MARK=grace-4711"); };
        const qsizetype perDyno = marked().size();
        QVERIFY(perDyno >= 3);

        QCOMPARE(f.api().del("/apps/grace/dynos").status, 202); // restart
        QTRY_VERIFY_WITH_TIMEOUT(logs(f.api(), QStringLiteral("grace")).contains(QStringLiteral("app[web.1]: graceful-done")), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(logs(f.api(), QStringLiteral("grace")).contains(QStringLiteral("heroku[web.1]: Error R12 (Exit timeout)")), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(viaRouter(f, QStringLiteral("grace")), QByteArray("Hello from node-basic"), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(marked().size(), perDyno, 10000); // the old dyno's are all gone

        f.emulator().stop();
        QTRY_COMPARE_WITH_TIMEOUT(marked().size(), 0, 5000);

        QTemporaryDir dir;
        ServerProcess server(dir.path() + QStringLiteral("/data"));
        QVERIFY2(server.start(20000), qPrintable(server.output()));
        QVERIFY2(server.output().contains(QStringLiteral("Dynos: sandboxed")), qPrintable(server.output()));
        HttpClient api(server.apiUrl(), server.token());
        QCOMPARE(api.post("/apps", {{"name", "killed"}}).status, 201);
        QCOMPARE(api.patch("/apps/killed/config-vars", {{"KILLED_MARK", "killed-4711"}}).status, 200);
        const QString url = server.apiUrl().replace(QStringLiteral("http://"), QStringLiteral("http://x:") + server.token() + QLatin1Char('@'));
        QCOMPARE(f.git(f.repoOf(QStringLiteral("node-basic"), QStringLiteral("killed")),
                       {QStringLiteral("push"), url + QStringLiteral("/killed.git"), QStringLiteral("main")}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!pidsWithEnvironment("KILLED_MARK=killed-4711").isEmpty(), 30000);
        // Killed once the dyno is up: bwrap's inner process takes its parent-death signal a moment
        // after it is cloned, so a server killed in that moment can leave it (docs/architecture.md).
        QTRY_VERIFY_WITH_TIMEOUT(api.get("/apps/killed/dynos").json().dump().find("\"state\":\"up\"") != std::string::npos, 30000);
        server.kill();
        QTRY_VERIFY_WITH_TIMEOUT(pidsWithEnvironment("KILLED_MARK=killed-4711").isEmpty(), 5000);
    }

    // Where the machine has memory cgroups, the kernel holds each dyno at twice its size's quota:
    // a dyno that grows past it between two samples of the memory watch (here: none at all) is
    // stopped there, with R15, as the watch would.
    void theKernelHoldsADynoAtTwiceItsQuota()
    {
        DeployFixture f(120, [](dynodesk::core::Settings &s) { s.memorySampleMilliseconds = 3600 * 1000; });
        QVERIFY(f.started());
        QCOMPARE(f.api().post("/apps", {{"name", "hog"}}).status, 201);
        const QString repo = f.repoOf(QStringLiteral("node-basic"), QStringLiteral("hog"));
        QFile procfile(repo + QStringLiteral("/Procfile"));
        QVERIFY(procfile.open(QIODevice::WriteOnly));
        procfile.write("web: node server.js\nhog: node -e \"const a=[];setInterval(()=>{if(a.length<30)a.push(Buffer.alloc(64<<20,1))},20)\"\n");
        procfile.close();
        f.commitAll(repo, QStringLiteral("hog"));
        QCOMPARE(f.push(repo, QStringLiteral("hog")).exitCode, 0);
        const std::string plane = f.api().get("/apps/hog/dynos?extended=true").json().at(0)["extended"]["execution_plane"];
        if (plane.find("memory held by the kernel") == std::string::npos)
            QSKIP(("no memory cgroups here: " + plane).c_str());
        QCOMPARE(f.api().patch("/apps/hog/formation", {{"updates", {{{"quantity", 1}, {"type", "hog"}, {"size", "eco"}}}}}).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(logs(f.api(), QStringLiteral("hog")).contains(QStringLiteral("heroku[hog.1]: Error R15 (Memory quota vastly exceeded)")), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(logs(f.api(), QStringLiteral("hog")).contains(QStringLiteral("heroku[hog.1]: Process exited with status 137")), 10000);
        const QString text = logs(f.api(), QStringLiteral("hog"));
        const auto running = QRegularExpression(QStringLiteral("heroku\\[hog\\.1\\]: Process running mem=(\\d+)M\\((\\d+\\.\\d)%\\)")).match(text);
        QVERIFY2(running.hasMatch(), qPrintable(text));
        // Held at the limit: never past twice the 512 MB of an eco dyno.
        QVERIFY2(running.captured(2).toDouble() > 150.0 && running.captured(2).toDouble() <= 200.5, qPrintable(running.captured(0)));
        QVERIFY(text.contains(QStringLiteral("heroku[hog.1]: State changed from up to crashed")));
        QVERIFY(!text.contains(QStringLiteral("heroku[web.1]: Error R15")));
    }

    void withoutBubblewrapDynosRunPlainAndTheServerSaysWhy()
    {
        QTemporaryDir dir;
        ServerProcess server(dir.path() + QStringLiteral("/data"),
                             {QStringLiteral("--sandbox"), QStringLiteral("/nonexistent/bwrap")});
        QVERIFY2(server.start(20000), qPrintable(server.output()));
        QVERIFY2(server.output().contains(QStringLiteral("Dynos: not sandboxed: bubblewrap (/nonexistent/bwrap) is not installed")),
                 qPrintable(server.output()));

        DeployFixture f(120, [](dynodesk::core::Settings &s) { s.sandbox = "/nonexistent/bwrap"; });
        QVERIFY(f.started());
        QVERIFY(!f.emulator().sandbox().enabled());
        QCOMPARE(f.api().post("/apps", {{"name", "plain"}}).status, 201);
        QCOMPARE(f.push(f.repoOf(QStringLiteral("node-basic"), QStringLiteral("plain")), QStringLiteral("plain")).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(viaRouter(f, QStringLiteral("plain")), QByteArray("Hello from node-basic"), 30000);
        const json extended = f.api().get("/apps/plain/dynos?extended=true").json();
        const std::string plane = extended.at(0)["extended"]["execution_plane"].get<std::string>();
        QVERIFY2(plane.rfind("not sandboxed: bubblewrap (/nonexistent/bwrap) is not installed; the Debian package is bubblewrap", 0) == 0,
                 plane.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
