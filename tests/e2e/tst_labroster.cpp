// A lab set up on a running dynodesk-server: `accounts:import` of a class of 50 (every token
// works against the API, a second run changes nothing, a bad row refuses the whole file naming
// its line), `teams:quota`, and the quota errors of apps, dynos and add-ons through the API and
// through the official CLI.
#include "common/herokucli.h"
#include "common/httpclient.h"
#include "common/serverprocess.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace dynodesk::testing;
using nlohmann::json;

#define VERIFY_ERROR(result, status_, id_, message_)                                                                   \
    do {                                                                                                               \
        const HttpResult r_ = (result);                                                                                \
        QVERIFY2(r_.status == (status_) && r_.json().value("id", "") == (id_)                                          \
                         && r_.json().value("message", "") == std::string(message_),                                   \
                 qPrintable(QString::fromUtf8(r_.body)));                                                              \
    } while (false)

class TestLabRoster : public QObject {
    Q_OBJECT

    struct Run {
        int exitCode = -1;
        QString out, err;
    };

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QMap<QString, QString> m_tokens; // email → token, from the credentials file

    QString path(const char *name) const { return m_dir.path() + QLatin1Char('/') + QLatin1String(name); }

    Run server(QStringList args) const
    {
        QProcess p;
        p.start(QStringLiteral(DYNODESK_SERVER_BIN), args << QStringLiteral("--data-dir") << path("data"));
        p.waitForFinished(60000);
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    void write(const char *name, const QByteArray &text) const
    {
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }

    HttpClient as(const QString &email) const { return HttpClient(m_server->apiUrl(), m_tokens.value(email)); }

    // The teacher (admin of lab-a) and 49 students, one of them a viewer; names with commas and quotes.
    static QByteArray classOf50()
    {
        QByteArray csv = "email,name,team,role\r\nteacher@lab.test,\"Teacher, Ada\",lab-a,admin\r\n";
        for (int i = 1; i <= 49; ++i)
            csv += "s" + QByteArray::number(i) + "@lab.test,\"Student \"\"" + QByteArray::number(i) + "\"\"\",lab-a,"
                   + (i == 49 ? "viewer" : "member") + "\r\n";
        return csv;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>(path("data"));
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
    }

    void cleanupTestCase() { QVERIFY(m_server->terminate(30000)); }

    void importsAClassOf50WhileTheServerRuns()
    {
        write("roster.csv", classOf50());
        auto r = server({QStringLiteral("accounts:import"), path("roster.csv"), QStringLiteral("--out"), path("creds.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("Imported 50 rows: 50 new accounts, 0 renamed, 1 new teams, 49 new memberships")),
                 qPrintable(r.err));
        QVERIFY(r.out.isEmpty()); // the secrets went to the file only
        QCOMPARE(QFileInfo(path("creds.csv")).permissions(), // mode 0600
                 QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
        QFile creds(path("creds.csv"));
        QVERIFY(creds.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(creds.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 51);
        QCOMPARE(lines.first(), QStringLiteral("email,password,token"));
        for (const auto &line : lines.mid(1)) {
            const QStringList f = line.split(QLatin1Char(','));
            QCOMPARE(f.size(), 3);
            m_tokens[f[0]] = f[2];
        }
        for (auto it = m_tokens.cbegin(); it != m_tokens.cend(); ++it) {
            auto account = as(it.key()).get(QStringLiteral("/account"));
            QVERIFY2(account.status == 200 && account.json()["email"] == it.key().toStdString(), qPrintable(it.key()));
        }
        JSON_EQ(as(QStringLiteral("s3@lab.test")).get(QStringLiteral("/account")).json()["name"], json("Student \"3\""));
        auto members = as(QStringLiteral("teacher@lab.test")).get(QStringLiteral("/teams/lab-a/members"));
        QCOMPARE(members.json().size(), size_t(50));
        JSON_EQ(as(QStringLiteral("s49@lab.test")).get(QStringLiteral("/teams/lab-a")).json()["role"], json("viewer"));
        JSON_EQ(as(QStringLiteral("teacher@lab.test")).get(QStringLiteral("/teams/lab-a")).json()["role"], json("owner"));
    }

    void importingAgainChangesNothing()
    {
        auto r = server({QStringLiteral("accounts:import"), path("roster.csv"), QStringLiteral("--out"), path("again.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("No changes: the 50 accounts of the roster")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QFileInfo::exists(path("again.csv")));
        // One new row: only its credentials, printed when there is no --out.
        write("late.csv", classOf50() + "late@lab.test,Late,lab-a,member\n");
        r = server({QStringLiteral("accounts:import"), path("late.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[1].startsWith(QStringLiteral("late@lab.test,")));
        QCOMPARE(HttpClient(m_server->apiUrl(), lines[1].split(QLatin1Char(','))[2]).get(QStringLiteral("/account")).status, 200);
    }

    void aBadRowRefusesTheWholeFile()
    {
        write("bad.csv", "email,name,team,role\n"
                         "new1@lab.test,New One,lab-a,member\n"
                         "new2@lab.test,New Two,lab-b,admin\n"
                         "s1@lab.test,\"Renamed, S1\",lab-a,viewer\n"
                         "\n"
                         "new3@lab.test,\"New\nThree\",lab-a,member\n"
                         "new4@lab.test,New Four,lab-a,owner\n");
        auto r = server({QStringLiteral("accounts:import"), path("bad.csv"), QStringLiteral("--out"), path("bad-creds.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("bad.csv: line 8: unknown role 'owner' (use admin, member or viewer)\nNothing was imported.")),
                 qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(path("bad-creds.csv")));
        const HttpClient teacher = as(QStringLiteral("teacher@lab.test"));
        VERIFY_ERROR(teacher.request("PUT", QStringLiteral("/teams/lab-a/members"), R"({"email":"new1@lab.test","role":"member"})"),
                     404, "not_found", "Couldn't find that user.");
        QCOMPARE(teacher.get(QStringLiteral("/teams/lab-a/members")).json().size(), size_t(51));
        JSON_EQ(as(QStringLiteral("s1@lab.test")).get(QStringLiteral("/teams/lab-a")).json()["role"], json("member"));
        JSON_EQ(as(QStringLiteral("s1@lab.test")).get(QStringLiteral("/account")).json()["name"], json("Student \"1\""));
        QCOMPARE(teacher.get(QStringLiteral("/teams/lab-b")).status, 404);
    }

    void quotaErrorsThroughTheApi()
    {
        auto r = server({QStringLiteral("teams:quota"), QStringLiteral("lab-a"), QStringLiteral("--apps"), QStringLiteral("1"),
                         QStringLiteral("--dynos"), QStringLiteral("2"), QStringLiteral("--addons"), QStringLiteral("0")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Quota of lab-a, for each member and viewer: apps 1, dynos 2, add-ons 0\n"));
        QCOMPARE(server({QStringLiteral("teams:quota"), QStringLiteral("lab-a"), QStringLiteral("--apps"), QStringLiteral("many")}).exitCode, 2);
        QCOMPARE(server({QStringLiteral("teams:quota"), QStringLiteral("nope")}).exitCode, 1);

        const HttpClient student = as(QStringLiteral("s1@lab.test")), teacher = as(QStringLiteral("teacher@lab.test"));
        QCOMPARE(student.post(QStringLiteral("/teams/apps"), {{"name", "s1-app"}, {"team", "lab-a"}}).status, 201);
        VERIFY_ERROR(student.post(QStringLiteral("/apps"), {{"name", "s1-own"}}), 422, "invalid_params",
                     "You've reached your app limit of 1 app. Delete some apps or ask an admin of lab-a to have this "
                     "limit increased.");
        VERIFY_ERROR(student.post(QStringLiteral("/teams/apps"), {{"name", "s1-two"}, {"team", "lab-a"}}), 422,
                     "invalid_params", "You've reached your app limit of 1 app. Delete some apps or ask an admin of lab-a "
                                       "to have this limit increased.");
        for (const char *name : {"t-one", "t-two"}) // admins are not limited
            QCOMPARE(teacher.post(QStringLiteral("/apps"), {{"name", name}}).status, 201);

        auto scaled = student.patch(QStringLiteral("/apps/s1-app/formation"), {{"updates", {{{"type", "web"}, {"quantity", 2}}}}});
        QVERIFY2(scaled.status == 200, scaled.body.constData());
        VERIFY_ERROR(student.patch(QStringLiteral("/apps/s1-app/formation/worker"), {{"quantity", 1}}), 422,
                     "cannot_run_above_limit",
                     "Cannot run more than 2 dynos. Scale down other dynos or ask an admin of lab-a to have this limit "
                     "increased.");
        QCOMPARE(student.patch(QStringLiteral("/apps/s1-app/formation/web"), {{"quantity", 1}}).status, 200);
        QCOMPARE(student.patch(QStringLiteral("/apps/s1-app/formation/worker"), {{"quantity", 1}}).status, 200);

        VERIFY_ERROR(student.post(QStringLiteral("/apps/s1-app/addons"), {{"plan", "heroku-postgresql:essential-0"}}), 422,
                     "invalid_params",
                     "You've reached your add-on limit of 0 add-ons. Destroy some add-ons or ask an admin of lab-a to "
                     "have this limit increased.");
        JSON_EQ(student.get(QStringLiteral("/apps/s1-app/addons")).json(), json::array());

        // Limits lifted: the same requests go through.
        r = server({QStringLiteral("teams:quota"), QStringLiteral("lab-a"), QStringLiteral("--dynos"), QStringLiteral("unlimited")});
        QCOMPARE(r.out, QStringLiteral("Quota of lab-a, for each member and viewer: apps 1, dynos unlimited, add-ons 0\n"));
        QCOMPARE(student.patch(QStringLiteral("/apps/s1-app/formation/worker"), {{"quantity", 5}}).status, 200);
    }

    void officialCliPrintsTheQuotaErrors()
    {
        HerokuCli heroku(path("home"), path("data"));
        if (!heroku.prepare())
            QSKIP("the official heroku CLI could not be installed (tools/test installs it)");
        heroku.setServer(m_server.get());
        const QString key = m_tokens.value(QStringLiteral("s1@lab.test"));
        auto created = heroku.runAs(key, {QStringLiteral("apps:create"), QStringLiteral("s1-cli")});
        QVERIFY2(created.exitCode != 0 && created.err.contains(QStringLiteral("You've reached your app limit of 1 app.")),
                 qPrintable(created.all()));
        QVERIFY(server({QStringLiteral("teams:quota"), QStringLiteral("lab-a"), QStringLiteral("--dynos"), QStringLiteral("2")}).exitCode == 0);
        auto scaled = heroku.runAs(key, {QStringLiteral("ps:scale"), QStringLiteral("web=3"), QStringLiteral("-a"), QStringLiteral("s1-app")});
        QVERIFY2(scaled.exitCode != 0 && scaled.err.contains(QStringLiteral("Cannot run more than 2 dynos.")), qPrintable(scaled.all()));
        auto addon = heroku.runAs(key, {QStringLiteral("addons:create"), QStringLiteral("heroku-postgresql:essential-0"),
                                        QStringLiteral("-a"), QStringLiteral("s1-app")});
        QVERIFY2(addon.exitCode != 0 && addon.err.contains(QStringLiteral("You've reached your add-on limit of 0 add-ons.")),
                 qPrintable(addon.all()));
    }
};

QTEST_GUILESS_MAIN(TestLabRoster)
#include "tst_labroster.moc"
