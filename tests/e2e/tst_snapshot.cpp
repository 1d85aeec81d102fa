// Lab snapshots with real server processes: `dynodesk-server snapshot save` while the server runs,
// `snapshot load` into a new data dir, and a server on it giving back the same account, app,
// config, releases, repository, slug, database rows and page; a damaged, a foreign and a
// truncated file refused with nothing written, and a data dir in use refused.
#include "addons/postgres/postgresbinaries.h"
#include "common/httpclient.h"
#include "common/psqlclient.h"
#include "common/serverprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace dynodesk::testing;
using nlohmann::json;

namespace {

struct Run {
    int exitCode = -1;
    QString output;
};

Run run(const QString &program, const QStringList &args, const QString &dir = {}, const QString &home = {})
{
    QProcess p;
    if (!home.isEmpty())
        p.setProcessEnvironment(gitEnvironment(QProcessEnvironment::systemEnvironment(), home));
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(dir);
    p.start(program, args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
}

Run snapshot(const QStringList &args)
{
    return run(QStringLiteral(DYNODESK_SERVER_BIN), QStringList{QStringLiteral("snapshot")} + args);
}

// GET / through the router with the app's Host; the body, or empty.
QByteArray page(quint16 routerPort, const QByteArray &app)
{
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), routerPort);
    if (!s.waitForConnected(5000))
        return {};
    s.write("GET / HTTP/1.1\r\nHost: " + app + ".localhost\r\nConnection: close\r\n\r\n");
    QByteArray all;
    while (s.waitForReadyRead(10000))
        all += s.readAll();
    all += s.readAll();
    if (!all.startsWith("HTTP/1.1 200"))
        return {};
    return all.mid(all.indexOf("\r\n\r\n") + 4);
}

QByteArray pageWhenUp(quint16 routerPort, const QByteArray &app)
{
    QElapsedTimer t;
    t.start();
    for (QByteArray body; t.elapsed() < 60000; QTest::qWait(300))
        if (!(body = page(routerPort, app)).isEmpty())
            return body;
    return {};
}

} // namespace

class TestSnapshot : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir; // mode 700: under root the cluster must live outside it
    QString m_psql;
    QString m_file;
    json m_before;
    QByteArray m_page;
    QString m_head;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    json state(HttpClient &api) const
    {
        json s;
        s["apps"] = json::array();
        for (const auto &a : api.get("/apps").json())
            s["apps"].push_back(a["name"]);
        s["config"] = api.get("/apps/snap-web/config-vars").json();
        for (const auto &r : api.get("/apps/snap-web/releases").json())
            s["releases"].push_back({r["version"], r["description"], r["slug"].is_object() ? r["slug"]["id"] : json()});
        s["addons"] = json::array();
        for (const auto &a : api.get("/apps/snap-web/addons").json())
            s["addons"].push_back({a["name"], a["state"]});
        s["account"] = api.get("/account").json()["email"];
        return s;
    }

    static bool transferSucceeded(HttpClient &api, const std::string &uuid)
    {
        json t;
        (void)QTest::qWaitFor([&] {
            t = api.get(QString::fromStdString("/client/v11/apps/snap-web/transfers/" + uuid)).json();
            return !t["finished_at"].is_null();
        }, 120000);
        if (t["succeeded"] != true)
            qWarning("transfer: %s", t.dump().c_str());
        return t["succeeded"] == true;
    }

    // The rows, once the cluster (started on the add-ons' worker at start) takes connections.
    QString rows(const QString &url) const
    {
        QElapsedTimer t;
        t.start();
        PsqlResult r;
        do {
            r = runPsql(m_psql, url, QStringLiteral("select string_agg(name, ',' order by id) from items"));
        } while (!r.ok() && r.err.contains(QStringLiteral("Connection refused")) && t.elapsed() < 60000 && (QTest::qWait(200), true));
        return r.ok() ? r.out : r.err;
    }

private slots:
    void initTestCase()
    {
        auto bins = dynodesk::addons::postgres::Binaries::find();
        if (!bins)
            QSKIP("PostgreSQL is not installed");
        m_psql = bins->tool(QStringLiteral("psql"));
        m_file = path(QStringLiteral("lab.snapshot"));
    }

    void saveWhileRunningThenLoadGivesEverythingBack()
    {
        const QString data = path(QStringLiteral("lab"));
        ServerProcess server(data);
        QVERIFY2(server.start(), qPrintable(server.output()));
        HttpClient api(server.apiUrl(), server.token());
        QCOMPARE(api.post("/apps", {{"name", "snap-web"}}).status, 201);
        QCOMPARE(api.patch("/apps/snap-web/config-vars", {{"GREETING", "hello from the lab"}}).status, 200);
        QCOMPARE(api.post("/apps/snap-web/addons", {{"plan", "heroku-postgresql"}}).status, 201);

        // An app that shows its config var, pushed with stock git.
        const QString src = path(QStringLiteral("src")), home = path(QStringLiteral("home"));
        QDir().mkpath(src);
        QDir().mkpath(home);
        QFile::copy(QStringLiteral(DYNODESK_SOURCE_DIR "/tests/fixtures/apps/node-basic/package.json"), src + QStringLiteral("/package.json"));
        QFile js(src + QStringLiteral("/server.js"));
        QVERIFY(js.open(QIODevice::WriteOnly));
        js.write("require('http').createServer((q, r) => r.end('page: ' + process.env.GREETING + '\\n'))"
                 ".listen(Number(process.env.PORT));\n");
        js.close();
        for (const QStringList &args : {QStringList{"init", "-q", "-b", "main"}, QStringList{"add", "-A"},
                                        QStringList{"commit", "-q", "-m", "lab"}})
            QCOMPARE(run(QStringLiteral("git"), args, src, home).exitCode, 0);
        const QString remote = QString(server.apiUrl()).replace(QStringLiteral("http://"), QStringLiteral("http://x:") + server.token() + '@')
                + QStringLiteral("/snap-web.git");
        const Run pushed = run(QStringLiteral("git"), {QStringLiteral("push"), remote, QStringLiteral("main")}, src, home);
        QVERIFY2(pushed.exitCode == 0, qPrintable(pushed.output));
        m_head = run(QStringLiteral("git"), {QStringLiteral("rev-parse"), QStringLiteral("HEAD")}, src, home).output.trimmed();
        m_page = pageWhenUp(server.routerPort(), "snap-web");
        QCOMPARE(m_page, QByteArray("page: hello from the lab\n"));

        QElapsedTimer t;
        t.start();
        while (api.get("/apps/snap-web/addons").json()[0]["state"] != "provisioned" && t.elapsed() < 60000)
            QTest::qWait(200);
        const QString url = QString::fromStdString(api.get("/apps/snap-web/config-vars").json()["DATABASE_URL"].get<std::string>());
        const auto made = runPsql(m_psql, url, QStringLiteral("create table items(id int, name text); insert into items values (1, 'chalk'), (2, 'slate')"));
        QVERIFY2(made.ok(), qPrintable(made.err));
        // A pg:backups capture, carried with the cluster.
        const std::string addonId = api.get("/apps/snap-web/addons").json()[0]["id"].get<std::string>();
        const auto captured = api.post(QString::fromStdString("/client/v11/databases/" + addonId + "/backups"), json::object());
        QCOMPARE(captured.status, 201);
        QVERIFY(transferSucceeded(api, captured.json()["uuid"].get<std::string>()));
        m_before = state(api);

        // Saved while the server runs.
        const Run saved = snapshot({QStringLiteral("save"), m_file, QStringLiteral("--data-dir"), data});
        QVERIFY2(saved.exitCode == 0, qPrintable(saved.output));
        QCOMPARE(QFile(m_file).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        QVERIFY(server.terminate());
        // The original goes away: the copy must stand on its own (slugs, repository, cluster).
        QVERIFY(QDir().rename(data, path(QStringLiteral("lab-gone"))));

        const QString restored = path(QStringLiteral("restored"));
        const Run loaded = snapshot({QStringLiteral("load"), m_file, QStringLiteral("--data-dir"), restored});
        QVERIFY2(loaded.exitCode == 0, qPrintable(loaded.output));
        for (int round = 0; round < 2; ++round) { // after the load, and after a restart
            ServerProcess again(restored);
            QVERIFY2(again.start(), qPrintable(again.output()));
            QCOMPARE(again.token(), server.token());
            HttpClient api2(again.apiUrl(), again.token());
            QCOMPARE(state(api2).dump(2), m_before.dump(2));
            QTRY_COMPARE_WITH_TIMEOUT(rows(url), QStringLiteral("chalk,slate"), 30000); // the cluster may still be starting
            if (round == 0) { // the backup restores from its new place
                QVERIFY(runPsql(m_psql, url, QStringLiteral("insert into items values (3, 'eraser')")).ok());
                const auto transfers = api2.get("/client/v11/apps/snap-web/transfers").json();
                QCOMPARE(transfers.size(), size_t(1));
                const auto restore = api2.post(QString::fromStdString("/client/v11/databases/" + addonId + "/restores"),
                                               {{"backup_url", transfers[0]["to_url"]}});
                QCOMPARE(restore.status, 201);
                QVERIFY(transferSucceeded(api2, restore.json()["uuid"].get<std::string>()));
                QCOMPARE(rows(url), QStringLiteral("chalk,slate"));
            }
            QCOMPARE(pageWhenUp(again.routerPort(), "snap-web"), m_page);
            const QString clone = path(QStringLiteral("clone%1").arg(round));
            const QString remote2 = QString(again.apiUrl()).replace(QStringLiteral("http://"), QStringLiteral("http://x:") + again.token() + '@')
                    + QStringLiteral("/snap-web.git");
            const Run cloned = run(QStringLiteral("git"), {QStringLiteral("clone"), QStringLiteral("-q"), remote2, clone}, m_dir.path(), home);
            QVERIFY2(cloned.exitCode == 0, qPrintable(cloned.output));
            QCOMPARE(run(QStringLiteral("git"), {QStringLiteral("rev-parse"), QStringLiteral("HEAD")}, clone, home).output.trimmed(), m_head);
            if (round == 1) { // the restored repository deploys a new push
                QCOMPARE(run(QStringLiteral("git"), {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"),
                                                     QStringLiteral("-m"), QStringLiteral("after")}, clone, home).exitCode, 0);
                const Run again2 = run(QStringLiteral("git"), {QStringLiteral("push"), QStringLiteral("origin"), QStringLiteral("main")}, clone, home);
                QVERIFY2(again2.exitCode == 0 && again2.output.contains(QStringLiteral("Released v5")), qPrintable(again2.output));
            }
            QVERIFY(again.terminate());
        }
    }

    void damagedOrForeignFilesAreRefusedWithNothingWritten_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("words");
        QTest::newRow("a byte of the store changed") << "damaged" << "is damaged";
        QTest::newRow("not a tar file") << "foreign" << "not a tar archive with a manifest";
        QTest::newRow("cut short") << "truncated" << "not a usable Dynodesk snapshot";
        QTest::newRow("a tar of something else") << "othertar" << "manifest is missing or not ours";
    }

    void damagedOrForeignFilesAreRefusedWithNothingWritten()
    {
        QFETCH(QString, kind);
        QFETCH(QString, words);
        if (!QFile::exists(m_file))
            QSKIP("needs the snapshot of the round trip");
        QFile in(m_file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        const QString bad = path(kind + QStringLiteral(".snapshot"));
        if (kind == QLatin1String("damaged")) {
            const qsizetype at = bytes.indexOf("CREATE TABLE apps"); // inside the store's member
            QVERIFY(at > 0);
            bytes[at + 3] = 'X';
        } else if (kind == QLatin1String("foreign")) {
            bytes = QByteArray(4096, 'z');
        } else if (kind == QLatin1String("truncated")) {
            bytes.truncate(bytes.size() / 2);
        } else {
            QFile other(path(QStringLiteral("manifest.json")));
            QVERIFY(other.open(QIODevice::WriteOnly));
            other.write("{\"magic\": \"someone-else\"}");
            other.close();
            QCOMPARE(run(QStringLiteral("tar"), {QStringLiteral("-cf"), bad, QStringLiteral("-C"), m_dir.path(), QStringLiteral("manifest.json")}).exitCode, 0);
        }
        if (kind != QLatin1String("othertar")) {
            QFile out(bad);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(bytes);
        }
        const QString target = path(QStringLiteral("never-") + kind);
        const Run r = snapshot({QStringLiteral("load"), bad, QStringLiteral("--data-dir"), target});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.output.contains(words) && r.output.contains(QStringLiteral("Nothing was written.")), qPrintable(r.output));
        QVERIFY(!QFileInfo::exists(target));
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral(".dynodesk-load-*")}, QDir::AllEntries | QDir::Hidden), QStringList());
    }

    void loadRefusesADataDirInUse()
    {
        if (!QFile::exists(m_file))
            QSKIP("needs the snapshot of the round trip");
        const Run r = snapshot({QStringLiteral("load"), m_file, QStringLiteral("--data-dir"), path(QStringLiteral("restored"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.output.contains(QStringLiteral("is not empty")), qPrintable(r.output));
        const Run noDir = snapshot({QStringLiteral("load"), m_file});
        QCOMPARE(noDir.exitCode, 2);
    }

    // The clusters' homes under /var/lib/dynodesk (as root) go with the test's data dirs.
    void cleanupTestCase()
    {
        for (const QString &data : {QStringLiteral("lab-gone"), QStringLiteral("restored")}) {
            const QFileInfo link(path(data) + QStringLiteral("/postgres"));
            if (link.isSymLink())
                QDir(link.symLinkTarget()).removeRecursively();
        }
    }
};

QTEST_GUILESS_MAIN(TestSnapshot)
#include "tst_snapshot.moc"
