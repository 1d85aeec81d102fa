// Log drains over real loopback connections: syslog over TCP and TLS, HTTP(S) logplex batches,
// the bounded queue with its L10 line, retries, and the log-drain API of a running emulator.
#include "common/drainlistener.h"
#include "common/golden.h"
#include "common/httpclient.h"

#include "dynos/rendezvous.h"
#include "logs/drainforwarder.h"
#include "logs/logplex.h"
#include "wiring/emulator.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace dynodesk;
using testing::HttpClient;
using Listener = testing::DrainListener;
using nlohmann::json;

static logs::DrainTarget target(const Listener &l, logs::DrainTarget::Kind kind, bool tls = false)
{
    logs::DrainTarget t;
    t.id = "drain-" + std::to_string(l.port());
    t.appId = "app-1";
    t.token = "d.0b5c8f2e-token";
    t.url = "test://" + std::to_string(l.port());
    t.kind = kind;
    t.tls = tls;
    t.host = "127.0.0.1";
    t.port = l.port();
    return t;
}

class TestDrains : public QObject {
    Q_OBJECT

    core::SystemClock m_clock;
    QTemporaryDir m_dir;

    static void appendLines(logs::Logplex &logplex, int from, int to)
    {
        for (int i = from; i < to; ++i)
            logplex.append("app-1", "app", "web.1", "line " + std::to_string(i));
    }

private slots:
    void initTestCase()
    {
        // The emulator's own certificate doubles as the test's TLS listener's.
        QVERIFY(dynos::ensureCertificate(m_dir.path().toStdString() + "/tls").ok());
    }

    void framesAreRfc5424OctetCounted()
    {
        logs::LogLine line{std::chrono::system_clock::time_point(std::chrono::microseconds(1795428000123456)), "app",
                           "web.1", "listening on 5000"};
        const std::string frame = logs::syslogFrame(line, "d.abc");
        const std::string message = "<190>1 2026-11-23T10:00:00.123456+00:00 d.abc app web.1 - listening on 5000";
        QCOMPARE(QString::fromStdString(frame), QString::number(message.size()) + QLatin1Char(' ') + QString::fromStdString(message));
    }

    void syslogDrainGetsEveryLineInOrder()
    {
        Listener listener(false);
        QVERIFY(listener.listen());
        logs::Logplex logplex(m_clock);
        logs::DrainForwarder forwarder(logplex);
        forwarder.setDrains("app-1", {target(listener, logs::DrainTarget::Kind::Syslog)});
        appendLines(logplex, 0, 2000);
        logplex.append("other-app", "app", "web.1", "not this app's");
        QTRY_COMPARE_WITH_TIMEOUT(listener.frames.size(), 2000, 10000);
        const QRegularExpression format(QStringLiteral(
                "^<190>1 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00 d\\.0b5c8f2e-token app web\\.1 - line (\\d+)$"));
        for (int i = 0; i < 2000; ++i) {
            const auto m = format.match(listener.frames[i]);
            QVERIFY2(m.hasMatch(), qPrintable(listener.frames[i]));
            QCOMPARE(m.captured(1).toInt(), i);
        }
        // A removed drain gets nothing more.
        forwarder.setDrains("app-1", {});
        appendLines(logplex, 2000, 2010);
        QTest::qWait(300);
        QCOMPARE(listener.frames.size(), 2000);
    }

    void httpDrainPostsLogplexBatches()
    {
        Listener listener(true);
        QVERIFY(listener.listen());
        logs::Logplex logplex(m_clock);
        logs::DrainSettings settings;
        settings.batchLines = 100;
        logs::DrainForwarder forwarder(logplex, settings);
        auto t = target(listener, logs::DrainTarget::Kind::Http);
        t.target = "/logs?app=one";
        t.authorization = "Basic dXNlcjpzZWNyZXQ=";
        forwarder.setDrains("app-1", {t});
        appendLines(logplex, 0, 1000);
        QTRY_COMPARE_WITH_TIMEOUT(listener.frames.size(), 1000, 10000);
        QVERIFY(listener.posts.size() >= 10);
        QSet<QByteArray> frameIds;
        for (const auto &post : listener.posts) {
            QCOMPARE(post.path, QByteArray("/logs?app=one"));
            QCOMPARE(post.headers.value("content-type"), QByteArray("application/logplex-1"));
            QCOMPARE(post.headers.value("logplex-drain-token"), QByteArray("d.0b5c8f2e-token"));
            QCOMPARE(post.headers.value("authorization"), QByteArray("Basic dXNlcjpzZWNyZXQ="));
            QCOMPARE(post.headers.value("logplex-msg-count").toInt(), post.frames.size());
            QVERIFY(post.frames.size() <= 100);
            frameIds.insert(post.headers.value("logplex-frame-id"));
        }
        QCOMPARE(frameIds.size(), listener.posts.size());
        for (int i = 0; i < 1000; ++i)
            QVERIFY2(listener.frames[i].endsWith(QStringLiteral(" app web.1 - line %1").arg(i)), qPrintable(listener.frames[i]));
    }

    void tlsDrainsOfBothKinds()
    {
        const QString certDir = m_dir.path() + QStringLiteral("/tls");
        const QString cert = certDir + QStringLiteral("/rendezvous.pem"), key = certDir + QStringLiteral("/rendezvous-key.pem");
        Listener syslog(false, cert, key), https(true, cert, key);
        QVERIFY(syslog.listen());
        QVERIFY(https.listen());
        logs::Logplex logplex(m_clock);
        logs::DrainForwarder forwarder(logplex);
        forwarder.setDrains("app-1", {target(syslog, logs::DrainTarget::Kind::Syslog, true),
                                      target(https, logs::DrainTarget::Kind::Http, true)});
        appendLines(logplex, 0, 50);
        QTRY_COMPARE_WITH_TIMEOUT(syslog.frames.size(), 50, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(https.frames.size(), 50, 10000);
        QVERIFY(syslog.frames.last().endsWith(QStringLiteral("line 49")));
        QVERIFY(https.frames.last().endsWith(QStringLiteral("line 49")));
    }

    void slowDrainDropsLinesAndSaysSo()
    {
        Listener listener(true);
        QVERIFY(listener.listen());
        listener.holdResponses = true;
        logs::Logplex logplex(m_clock);
        logs::DrainSettings settings;
        settings.bufferLines = 10;
        settings.batchLines = 5;
        logs::DrainForwarder forwarder(logplex, settings);
        forwarder.setDrains("app-1", {target(listener, logs::DrainTarget::Kind::Http)});
        appendLines(logplex, 0, 1);
        QTRY_COMPARE_WITH_TIMEOUT(listener.posts.size(), 1, 5000); // the drain is now stuck on its first batch
        appendLines(logplex, 1, 100);
        listener.releaseResponses();
        // 1 line sent, 10 queued, 89 dropped; the drain learns of it after its next batch.
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(listener.frames.begin(), listener.frames.end(),
                                             [](const QString &f) { return f.contains(QStringLiteral("heroku logplex")); }),
                                 10000);
        QCOMPARE(listener.frames.size(), 12);
        for (int i = 0; i < 11; ++i)
            QVERIFY2(listener.frames[i].endsWith(QStringLiteral("line %1").arg(i)), qPrintable(listener.frames[i]));
        QVERIFY2(QRegularExpression(QStringLiteral("heroku logplex - Error L10 \\(output buffer overflow\\): drain "
                                                   "'d\\.0b5c8f2e-token' dropped 89 messages since \\d{4}-"))
                         .match(listener.frames[11])
                         .hasMatch(),
                 qPrintable(listener.frames[11]));
        // `heroku logs` shows it too.
        const auto recent = logplex.recent("app-1", {}, 1);
        QCOMPARE(recent.size(), size_t(1));
        QCOMPARE(recent[0].source + "[" + recent[0].process + "]", std::string("heroku[logplex]"));
    }

    void unreachableDrainIsRetriedKeepingItsLines()
    {
        quint16 port = 0;
        {
            Listener probe(false);
            QVERIFY(probe.listen());
            port = probe.port();
        }
        logs::Logplex logplex(m_clock);
        logs::DrainForwarder forwarder(logplex);
        Listener listener(false);
        logs::DrainTarget t = target(listener, logs::DrainTarget::Kind::Syslog);
        t.port = port;
        forwarder.setDrains("app-1", {t});
        appendLines(logplex, 0, 5);
        QTest::qWait(600); // at least one refused connection
        QVERIFY(listener.listen(port));
        QTRY_COMPARE_WITH_TIMEOUT(listener.frames.size(), 5, 10000);
        QVERIFY(listener.frames[0].endsWith(QStringLiteral("line 0")));
    }

    void drainsThroughTheApi()
    {
        core::Settings settings;
        settings.dataDir = (m_dir.path() + QStringLiteral("/emulator")).toStdString();
        settings.passwordHashIterations = 1000;
        auto emulator = std::make_unique<wiring::Emulator>(settings);
        QVERIFY(emulator->start().ok());
        HttpClient api(QString::fromStdString(emulator->apiUrl()), QString::fromStdString(emulator->credentials().token));
        QCOMPARE(api.post("/apps", {{"name", "drained"}}).status, 201);

        Listener listener(false);
        QVERIFY(listener.listen());
        const std::string url = "syslog+tcp://127.0.0.1:" + std::to_string(listener.port());
        auto r = api.post("/apps/drained/log-drains", {{"url", url}});
        QCOMPARE(r.status, 201);
        VERIFY_GOLDEN(r.json(), "log-drain");
        JSON_EQ(r.json()["url"], url);
        JSON_EQ(r.json()["app"]["name"], "drained");
        const std::string token = r.json()["token"], id = r.json()["id"];
        QVERIFY(token.rfind("d.", 0) == 0);

        // Platform lines reach the drain.
        QCOMPARE(api.patch("/apps/drained/config-vars", {{"FOO", "1"}}).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(listener.frames.join('\n').contains(
                                         QString::fromStdString(token + " app api - Set FOO config vars by developer@dynodesk.local")),
                                 10000);

        // Same URL twice, bad URLs, and the limit of 5: 422 with a reason, nothing stored.
        r = api.post("/apps/drained/log-drains", {{"url", url}});
        QCOMPARE(r.status, 422);
        QVERIFY2(r.json()["message"].get<std::string>().find("already") != std::string::npos, r.body.constData());
        for (const char *bad : {"ftp://127.0.0.1:21", "syslog://127.0.0.1", "not a url", ""}) {
            r = api.post("/apps/drained/log-drains", {{"url", bad}});
            QCOMPARE(r.status, 422);
            JSON_EQ(r.json()["id"], "invalid_params");
        }
        for (int i = 1; i < 5; ++i)
            QCOMPARE(api.post("/apps/drained/log-drains", {{"url", "https://127.0.0.1:9/d" + std::to_string(i)}}).status, 201);
        r = api.post("/apps/drained/log-drains", {{"url", "https://127.0.0.1:9/d6"}});
        QCOMPARE(r.status, 422);
        QVERIFY2(r.json()["message"].get<std::string>().find("at most 5") != std::string::npos, r.body.constData());
        r = api.get("/apps/drained/log-drains");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().size(), size_t(5));
        VERIFY_GOLDEN(r.json(), "log-drain");

        // Named by id, by token or by URL (the CLI sends the URL, encoded).
        QCOMPARE(api.get(QString::fromStdString("/apps/drained/log-drains/" + id)).status, 200);
        QCOMPARE(api.get(QString::fromStdString("/apps/drained/log-drains/" + token)).status, 200);
        r = api.del(QStringLiteral("/apps/drained/log-drains/") + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromStdString(url))));
        QCOMPARE(r.status, 200);
        JSON_EQ(r.json()["id"], id);
        QCOMPARE(api.get(QString::fromStdString("/apps/drained/log-drains/" + id)).status, 404);
        QCOMPARE(api.get("/apps/drained/log-drains").json().size(), size_t(4));

        // The removed drain gets no more lines.
        const int before = listener.frames.size();
        QCOMPARE(api.patch("/apps/drained/config-vars", {{"BAR", "2"}}).status, 200);
        QTest::qWait(300);
        QCOMPARE(listener.frames.size(), before);

        // Drains survive a restart of the emulator.
        emulator.reset();
        emulator = std::make_unique<wiring::Emulator>(settings);
        QVERIFY(emulator->start().ok());
        HttpClient again(QString::fromStdString(emulator->apiUrl()), QString::fromStdString(emulator->credentials().token));
        QCOMPARE(again.get("/apps/drained/log-drains").json().size(), size_t(4));
    }
};

QTEST_GUILESS_MAIN(TestDrains)
#include "tst_drains.moc"
