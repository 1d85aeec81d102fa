// A real dynodesk-server process: killed with SIGKILL mid-traffic and started again, stopped
// with SIGTERM, and given accounts by `accounts:add` while it runs.
#include "common/httpclient.h"
#include "common/serverprocess.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sys/stat.h>

using namespace dynodesk::testing;
using nlohmann::json;

class TestRestart : public QObject {
    Q_OBJECT
private slots:
    void startsQuicklyAndPrintsHowToPointTheCli()
    {
        QTemporaryDir dir;
        ServerProcess server(dir.path());
        QVERIFY2(server.start(), qPrintable(server.output()));
        QVERIFY2(server.startupMs() < 1000, qPrintable(QString::number(server.startupMs())));
        QVERIFY(server.output().contains(QStringLiteral("export HEROKU_HOST=http://127.0.0.1:")));
        QVERIFY(server.output().contains(QStringLiteral("export HEROKU_API_KEY=HRKU-")));
        // The buildpack registry's look-ups are answered on the API port too.
        QVERIFY2(server.output().contains(QStringLiteral("export HEROKU_BUILDPACK_REGISTRY_URL=") + server.apiUrl() + QLatin1Char('\n')),
                 qPrintable(server.output()));
        // So is the CLI's account check, which it would otherwise retry against the real host.
        QVERIFY2(server.output().contains(QStringLiteral("export HEROKU_PARTICLEBOARD_URL=") + server.apiUrl() + QLatin1Char('\n')),
                 qPrintable(server.output()));
        QVERIFY(server.output().contains(QStringLiteral("Created account developer@dynodesk.local with password")));
        QVERIFY2(server.terminate(), qPrintable(server.output()));
        QVERIFY(server.output().contains(QStringLiteral("Dynodesk emulator stopped.")));
    }

    // The data dir is the server's user's alone: made 700 (a looser one tightened, with a
    // warning), the store and its -wal and -shm files 600.
    void dataDirAndStoreAreReadableByTheServersUserOnly()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        QVERIFY(QFile::setPermissions(data, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                                    | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));
        ServerProcess server(data);
        QVERIFY2(server.start(), qPrintable(server.output()));
        HttpClient api(server.apiUrl(), server.token());
        QCOMPARE(api.post("/apps", {{"name", "private-app"}}).status, 201);
        QVERIFY2(server.output().contains(QStringLiteral("it is now mode 700")), qPrintable(server.output()));
        auto mode = [](const QString &path) {
            struct stat st = {};
            return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 0777) : 01000u;
        };
        QCOMPARE(mode(data), 0700u);
        for (const char *f : {"/dynodesk.sqlite3", "/dynodesk.sqlite3-wal", "/dynodesk.sqlite3-shm"})
            QCOMPARE(mode(data + QLatin1String(f)), 0600u);
        QVERIFY2(server.terminate(), qPrintable(server.output()));
        // A fresh data dir is made 700 without a word.
        const QString fresh = dir.filePath(QStringLiteral("fresh"));
        ServerProcess other(fresh);
        QVERIFY2(other.start(), qPrintable(other.output()));
        QCOMPARE(mode(fresh), 0700u);
        QVERIFY(!other.output().contains(QStringLiteral("mode 700")));
        QVERIFY2(other.terminate(), qPrintable(other.output()));
    }

    void sigkillLosesNothingAcknowledged()
    {
        QTemporaryDir dir;
        ServerProcess server(dir.path());
        QVERIFY2(server.start(), qPrintable(server.output()));
        const QString token = server.token();
        HttpClient api(server.apiUrl(), token);
        QCOMPARE(api.post("/apps", {{"name", "durable-app"}}).status, 201);
        QCOMPARE(api.post("/apps", {{"name", "other-app"}, {"region", "eu"}}).status, 201);
        QCOMPARE(api.patch("/apps/durable-app/formation",
                           {{"updates", {{{"quantity", "2"}, {"type", "web"}}, {{"quantity", "1"}, {"type", "worker"}}}}})
                         .status,
                 200);
        QCOMPARE(api.patch("/apps/other-app", {{"maintenance", true}}).status, 200);

        // Change config as fast as possible and kill the server in the middle of it.
        QTimer::singleShot(400, [&server] { server.kill(); });
        int acknowledged = -1;
        for (int i = 0; i < 100000; ++i) {
            if (api.patch("/apps/durable-app/config-vars", {{"COUNTER", std::to_string(i)}}).status != 200)
                break;
            acknowledged = i;
        }
        QVERIFY2(acknowledged >= 0, "no config change was acknowledged before the kill");
        QCOMPARE(server.process().state(), QProcess::NotRunning);

        ServerProcess again(dir.path());
        QVERIFY2(again.start(), qPrintable(again.output()));
        QCOMPARE(again.token(), token); // the same account and token are printed
        QVERIFY(!again.output().contains(QStringLiteral("Created account")));
        HttpClient api2(again.apiUrl(), token);

        // Every acknowledged change is there; the one in flight may or may not be.
        const auto config = api2.get("/apps/durable-app/config-vars").json();
        const int counter = std::stoi(config["COUNTER"].get<std::string>());
        QVERIFY2(counter == acknowledged || counter == acknowledged + 1, config.dump().c_str());
        // Releases and config agree: v(N+2) holds COUNTER=N, and the newest is current.
        const auto releases = api2.get("/apps/durable-app/releases", {{"Range", "version ..; max=1000"}}).json();
        QCOMPARE(releases.size(), size_t(counter + 2));
        for (const auto &r : releases) {
            const int v = r["version"].get<int>();
            if (v < 2)
                continue;
            const auto snapshot = api2.get(QStringLiteral("/apps/durable-app/releases/%1/config-vars").arg(v)).json();
            QCOMPARE(snapshot["COUNTER"].get<std::string>(), std::to_string(v - 2));
        }
        QCOMPARE(releases.back()["current"].get<bool>(), true);
        QCOMPARE(releases.back()["version"].get<int>(), counter + 2);

        // The rest of the state survived too.
        const auto web = api2.get("/apps/durable-app/formation/web").json();
        QCOMPARE(web["quantity"].get<int>(), 2);
        const auto other = api2.get("/apps/other-app").json();
        QCOMPARE(other["maintenance"].get<bool>(), true);
        QCOMPARE(other["region"]["name"].get<std::string>(), std::string("eu"));
        QVERIFY2(again.terminate(), qPrintable(again.output()));
    }

    void sigtermWithALogTailOpenStopsCleanly()
    {
        QTemporaryDir dir;
        ServerProcess server(dir.path());
        QVERIFY2(server.start(), qPrintable(server.output()));
        HttpClient api(server.apiUrl(), server.token());
        QCOMPARE(api.post("/apps", {{"name", "tail-app"}}).status, 201);
        const auto session = api.post("/apps/tail-app/log-sessions", {{"tail", true}});
        QCOMPARE(session.status, 201);
        QNetworkAccessManager nam;
        QNetworkReply *tail = nam.get(QNetworkRequest(QUrl(QString::fromStdString(session.json()["logplex_url"].get<std::string>()))));
        QTRY_VERIFY(tail->bytesAvailable() > 0 || !tail->readAll().isEmpty());
        QVERIFY2(server.terminate(), qPrintable(server.output()));
        QVERIFY(server.output().contains(QStringLiteral("Dynodesk emulator stopped.")));
        delete tail;
    }

    void accountsAddWorksWhileTheServerRuns()
    {
        QTemporaryDir dir;
        ServerProcess server(dir.path());
        QVERIFY2(server.start(), qPrintable(server.output()));
        QProcess add;
        add.start(QStringLiteral(DYNODESK_SERVER_BIN),
                  {QStringLiteral("accounts:add"), QStringLiteral("student1@lab.test"), QStringLiteral("--password"),
                   QStringLiteral("pw1"), QStringLiteral("--data-dir"), dir.path()});
        QVERIFY(add.waitForFinished(10000));
        const QString out = QString::fromUtf8(add.readAllStandardOutput());
        QCOMPARE(add.exitCode(), 0);
        const auto match = QRegularExpression(QStringLiteral("Token: (\\S+)")).match(out);
        QVERIFY2(match.hasMatch(), qPrintable(out));

        HttpClient student(server.apiUrl(), match.captured(1));
        auto account = student.get("/account");
        QCOMPARE(account.status, 200);
        QCOMPARE(account.json()["email"].get<std::string>(), std::string("student1@lab.test"));

        // The same email twice is refused with a clear message.
        add.start(QStringLiteral(DYNODESK_SERVER_BIN),
                  {QStringLiteral("accounts:add"), QStringLiteral("student1@lab.test"), QStringLiteral("--data-dir"), dir.path()});
        QVERIFY(add.waitForFinished(10000));
        QCOMPARE(add.exitCode(), 1);
        QVERIFY(QString::fromUtf8(add.readAllStandardError()).contains(QStringLiteral("exists already")));
        QVERIFY(server.terminate());
    }
};

QTEST_GUILESS_MAIN(TestRestart)
#include "tst_restart.moc"
