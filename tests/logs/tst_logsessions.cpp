// Log sessions over real HTTP: the platform's own lines, filters, tails as Server-Sent Events.
#include "common/golden.h"
#include "common/httpclient.h"

#include "wiring/emulator.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace dynodesk;
using testing::HttpClient;
using nlohmann::json;

class TestLogSessions : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<wiring::Emulator> m_emulator;
    std::unique_ptr<HttpClient> m_api;

    QString sessionUrl(const json &body)
    {
        const auto r = m_api->post("/apps/log-app/log-sessions", body);
        if (r.status != 201)
            return {};
        const QString problems = testing::goldenMismatches(r.json(), QStringLiteral("log-session"));
        if (!problems.isEmpty())
            qWarning() << "log-session:" << problems;
        if (!problems.isEmpty())
            return {};
        return QString::fromStdString(r.json()["logplex_url"].get<std::string>());
    }

    QStringList events(const QByteArray &sse)
    {
        QStringList out;
        for (const QByteArray &line : sse.split('\n'))
            if (line.startsWith("data: "))
                out << QString::fromUtf8(line.mid(6));
        return out;
    }

private slots:
    void initTestCase()
    {
        core::Settings settings;
        settings.dataDir = m_dir.path().toStdString();
        settings.passwordHashIterations = 1000;
        m_emulator = std::make_unique<wiring::Emulator>(settings);
        QVERIFY(m_emulator->start().ok());
        m_api = std::make_unique<HttpClient>(QString::fromStdString(m_emulator->apiUrl()),
                                             QString::fromStdString(m_emulator->credentials().token));
        QCOMPARE(m_api->post("/apps", {{"name", "log-app"}}).status, 201);
        QCOMPARE(m_api->patch("/apps/log-app/config-vars", {{"FOO", "1"}}).status, 200);
        QCOMPARE(m_api->patch("/apps/log-app/formation", {{"updates", {{{"quantity", "2"}, {"type", "web"}}}}}).status, 200);
    }

    void sessionGivesTheLastLinesAsEvents()
    {
        const QString url = sessionUrl({{"lines", 100}});
        QVERIFY(!url.isEmpty());
        const auto r = HttpClient(QString()).get(url);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("text/event-stream"));
        const QStringList lines = events(r.body);
        const QRegularExpression format(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00 app\\[api\\]: "));
        QVERIFY2(lines.size() == 5, qPrintable(lines.join(QLatin1Char('\n'))));
        for (const auto &l : lines)
            QVERIFY2(format.match(l).hasMatch(), qPrintable(l));
        QVERIFY(lines[2].endsWith(QStringLiteral("app[api]: Set FOO config vars by developer@dynodesk.local")));
        QVERIFY(lines[3].endsWith(QStringLiteral("app[api]: Release v2 created by developer@dynodesk.local")));
        QVERIFY(lines[4].endsWith(QStringLiteral("app[api]: Scaled to web@2:Standard-1X by developer@dynodesk.local")));
        // A session is used once.
        QCOMPARE(HttpClient(QString()).get(url).status, 404);
    }

    void linesAndSourceFilter()
    {
        auto lines = events(HttpClient(QString()).get(sessionUrl({{"lines", 1}})).body);
        QCOMPARE(lines.size(), 1);
        QVERIFY(lines[0].contains(QStringLiteral("Scaled to")));
        QVERIFY(events(HttpClient(QString()).get(sessionUrl({{"source", "heroku"}})).body).isEmpty());
        QCOMPARE(events(HttpClient(QString()).get(sessionUrl({{"source", "app"}, {"dyno", "api"}})).body).size(), 5);
        QCOMPARE(m_api->post("/apps/log-app/log-sessions", {{"source", "nope"}}).status, 422);
    }

    void tailFollowsNewLines()
    {
        const QString url = sessionUrl({{"tail", true}, {"lines", 1}});
        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(url)));
        QByteArray received;
        QEventLoop loop;
        connect(reply, &QNetworkReply::readyRead, &loop, [&] {
            received += reply->readAll();
            if (received.contains("Set TAILED config vars"))
                loop.quit();
        });
        // Once the past line has come, a change makes a new line.
        QTimer::singleShot(300, &loop, [&] {
            QCOMPARE(m_api->patch("/apps/log-app/config-vars", {{"TAILED", "yes"}}).status, 200);
        });
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        loop.exec();
        reply->abort();
        delete reply;
        const QStringList lines = events(received);
        QVERIFY2(lines.size() >= 2, received.constData());
        QVERIFY(lines[0].contains(QStringLiteral("Scaled to")));
        QVERIFY2(received.contains("app[api]: Set TAILED config vars by developer@dynodesk.local"), received.constData());
        // The reader went away: later lines reach no one, and nothing breaks.
        QCOMPARE(m_api->patch("/apps/log-app/config-vars", {{"AFTER", "1"}}).status, 200);
    }

    void strangersCannotReadLogs()
    {
        QString stranger;
        m_emulator->runOnCore([&](platform::Platform &p) {
            stranger = QString::fromStdString(p.accounts().createAccount("stranger@example.com", std::string("pw"))->token);
        });
        const auto r = HttpClient(QString::fromStdString(m_emulator->apiUrl()), stranger).post("/apps/log-app/log-sessions", json::object());
        QCOMPARE(r.status, 403);
    }
};

QTEST_GUILESS_MAIN(TestLogSessions)
#include "tst_logsessions.moc"
