// The router against real HTTP dynos on loopback (Node processes from backend.js), with the
// route table published as the core publishes it and short timeouts.
#include "rawhttp.h"

#include "core/ilogsink.h"
#include "core/ids.h"
#include "core/routetable.h"
#include "router/router.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <nlohmann/json.hpp>

#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace dynodesk;
using testing::RawHttp;
using testing::RawReply;

namespace {

// Collects the router's log lines per app.
class Lines final : public core::ILogSink {
public:
    void append(const std::string &appId, const std::string &source, const std::string &process,
                const std::string &message) override
    {
        std::lock_guard lock(m_mutex);
        m_lines.push_back(appId + " " + source + "[" + process + "]: " + message);
    }
    // The first line that contains `needle` (and `also`), waiting a little for it.
    std::string find(const std::string &needle, const std::string &also = {})
    {
        for (int i = 0; i < 100; ++i) {
            {
                std::lock_guard lock(m_mutex);
                for (const std::string &l : m_lines)
                    if (l.find(needle) != std::string::npos && l.find(also) != std::string::npos)
                        return l;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return {};
    }

private:
    std::mutex m_mutex;
    std::vector<std::string> m_lines;
};

// A TCP socket bound to a free loopback port, whose address is put in `addr`.
int boundLoopbackSocket(sockaddr_in &addr)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    addr = {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    return fd;
}

struct Dyno final {
    std::unique_ptr<QProcess> process;
    int port = 0;
};

} // namespace

class TestRouter final : public QObject {
    Q_OBJECT

private:
    Dyno startDyno(const QString &name);
    void publish(std::vector<core::RouteApp> apps);
    core::RouteApp app(const std::string &name, std::vector<core::RouteDyno> dynos);
    RawReply get(const std::string &host, const std::string &target, const std::string &extra = {});
    std::string host(const std::string &app) const { return app + ".localhost:" + std::to_string(m_port); }
    void expectError(const std::string &app, const std::string &target, int status, const std::string &code);

    std::vector<Dyno> m_dynos;
    core::RouteTable m_table;
    Lines m_lines;
    std::unique_ptr<router::Router> m_router;
    uint16_t m_port = 0;
    int m_closedPort = 0;
    uint64_t m_generation = 0;

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void proxiesAndLogs();
    void addsPlatformHeaders();
    void keepsRequestIdOfRightLength_data();
    void keepsRequestIdOfRightLength();
    void spreadsAtRandomOverUpDynos();
    void dynoThatGoesDownLeavesAtOnce();
    void keepAliveBothWays();
    void pooledConnectionsLeaveWithTheDyno();
    void streamsLargeBodies();
    void streamsRequestBodies();
    void errors_data();
    void errors();
    void waitsForStartingDyno();
    void bootWaitOutlastsTheClientWindow();
    void connectTimeoutIsH19();
    void maintenanceAndCustomPages();
    void domainsAndWildcards();
    void webSocketEchoes();
    void webSocketWindowCountsDataEitherWay();
    void clientGoneIsH27();
    void dynoAnsweringBeforeTheBodyIsH18();
    void answersInItsOwnHttpVersion();
    void hopByHopHeadersStayOnTheirConnection();
    void strayBytesFromADynoReachNoOtherRequest();
    void dynoClosingWithItsAnswerCostsNoRequest();
    void halfClosingClientGetsItsAnswerAndTheEnd();
    void rejectsBadRequests_data();
    void rejectsBadRequests();
    void ioThreadsAreNamed();
};

Dyno TestRouter::startDyno(const QString &name)
{
    Dyno d;
    d.process = std::make_unique<QProcess>();
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DYNO"), name);
    env.insert(QStringLiteral("PORT"), QStringLiteral("0"));
    d.process->setProcessEnvironment(env);
    d.process->start(QStringLiteral("node"), {QStringLiteral(DYNODESK_ROUTER_BACKEND)});
    if (d.process->waitForReadyRead(10000))
        d.port = QString::fromUtf8(d.process->readLine()).section(QLatin1Char(' '), 1).trimmed().toInt();
    return d;
}

core::RouteApp TestRouter::app(const std::string &name, std::vector<core::RouteDyno> dynos)
{
    core::RouteApp a;
    a.id = "id-" + name;
    a.name = name;
    a.webDynos = std::move(dynos);
    return a;
}

void TestRouter::publish(std::vector<core::RouteApp> apps)
{
    std::vector<std::shared_ptr<const core::RouteApp>> shared;
    for (auto &a : apps)
        shared.push_back(std::make_shared<const core::RouteApp>(std::move(a)));
    m_table.publish(core::RouteSnapshot::make(std::move(shared), ".localhost", ++m_generation));
}

void TestRouter::initTestCase()
{
    for (int i = 1; i <= 3; ++i) {
        m_dynos.push_back(startDyno(QStringLiteral("web.%1").arg(i)));
        QVERIFY2(m_dynos.back().port > 0, "a Node dyno did not start");
    }
    // A port nothing listens on: bind, read the port, close.
    sockaddr_in addr{};
    ::close(boundLoopbackSocket(addr));
    m_closedPort = ntohs(addr.sin_port);

    router::RouterSettings s;
    s.connectTimeout = std::chrono::milliseconds(300);
    s.responseTimeout = std::chrono::milliseconds(600);
    s.idleTimeout = std::chrono::milliseconds(800);
    s.bootWait = std::chrono::milliseconds(500);
    s.beforeRoute = [](std::string_view host) {
        if (host.rfind("faulty.", 0) == 0)
            throw std::runtime_error("injected fault");
    };
    m_router = std::make_unique<router::Router>(m_table, &m_lines, s);
    m_port = m_router->listen(0);
    QVERIFY(m_port > 0);
}

void TestRouter::cleanupTestCase()
{
    m_router.reset();
    for (Dyno &d : m_dynos) {
        d.process->kill();
        d.process->waitForFinished();
    }
}

// Every test starts from the same table: `one` on web.1, `three` on all three dynos, and the
// apps whose state gives each error.
void TestRouter::init()
{
    auto up = [this](int i) { return core::RouteDyno{"web." + std::to_string(i), "127.0.0.1", m_dynos[i - 1].port, "up"}; };
    core::RouteApp one = app("one", {up(1)});
    one.domains = {"www.example.test"};
    core::RouteApp wild = app("wild", {up(2)});
    wild.domains = {"*.example.test"};
    publish({one, app("three", {up(1), up(2), up(3)}), wild,
             app("crashed", {{"web.1", "127.0.0.1", 0, "crashed"}}), app("none", {}),
             app("starting", {{"web.1", "127.0.0.1", 0, "starting"}}),
             app("refused", {{"web.1", "127.0.0.1", m_closedPort, "up"}}),
             app("broken", {{"web.1", "not an address", 5000, "up"}}),
             app("faulty", {{"web.1", "127.0.0.1", m_dynos[0].port, "up"}})});
}

RawReply TestRouter::get(const std::string &h, const std::string &target, const std::string &extra)
{
    RawHttp c(m_port);
    c.send(RawHttp::get(h, target, extra + "Connection: close\r\n"));
    return c.read();
}

void TestRouter::proxiesAndLogs()
{
    const RawReply r = get(host("one"), "/");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, std::string("hello from web.1\n"));
    const std::string line = m_lines.find("path=\"/\" host=" + host("one"));
    static const QRegularExpression format(QStringLiteral(
            R"(^id-one heroku\[router\]: at=info method=GET path="/" host=one\.localhost:\d+ request_id=[-0-9a-f]{36} )"
            R"(fwd="127\.0\.0\.1" dyno=web\.1 connect=\d+ms service=\d+ms status=200 bytes=17 protocol=http$)"));
    QVERIFY2(format.match(QString::fromStdString(line)).hasMatch(), line.c_str());
}

void TestRouter::addsPlatformHeaders()
{
    const auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch()).count();
    const RawReply r = get(host("one"), "/echo-headers", "X-Forwarded-For: 10.0.0.1\r\n");
    QCOMPARE(r.status, 200);
    const auto h = nlohmann::json::parse(r.body);
    QCOMPARE(h.value("x-forwarded-for", ""), std::string("10.0.0.1, 127.0.0.1"));
    QCOMPARE(h.value("x-forwarded-proto", ""), std::string("http"));
    QCOMPARE(h.value("x-forwarded-port", ""), std::to_string(m_port));
    QCOMPARE(h.value("via", ""), std::string("1.1 vegur"));
    const long long start = std::stoll(h.value("x-request-start", "0"));
    QVERIFY(start >= before && start < before + 5000);
    // A request without an id of its own gets a new version 4 UUID, a different one each time.
    const std::string id = h.value("x-request-id", "");
    QVERIFY2(core::isUuid(id) && id[14] == '4' && std::string("89ab").find(id[19]) != std::string::npos, id.c_str());
    QCOMPARE(r.header("x-request-id"), id);
    const auto again = nlohmann::json::parse(get(host("one"), "/echo-headers").body);
    QVERIFY(again.value("x-request-id", "") != id);
}

void TestRouter::keepsRequestIdOfRightLength_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<bool>("kept");
    QTest::newRow("19 chars: replaced") << 19 << false;
    QTest::newRow("20 chars: kept") << 20 << true;
    QTest::newRow("200 chars: kept") << 200 << true;
    QTest::newRow("201 chars: replaced") << 201 << false;
}

void TestRouter::keepsRequestIdOfRightLength()
{
    QFETCH(int, length);
    QFETCH(bool, kept);
    const std::string id(static_cast<size_t>(length), 'a');
    const RawReply r = get(host("one"), "/echo-headers", "X-Request-Id: " + id + "\r\n");
    const std::string seen = nlohmann::json::parse(r.body).value("x-request-id", "");
    QCOMPARE(seen == id, kept);
    QCOMPARE(r.header("x-request-id"), seen);
}

void TestRouter::spreadsAtRandomOverUpDynos()
{
    std::map<std::string, int> hits;
    const int n = 300;
    for (int i = 0; i < n; ++i)
        ++hits[get(host("three"), "/").header("x-dyno")];
    QCOMPARE(hits.size(), size_t(3));
    double chi2 = 0;
    for (const auto &[dyno, count] : hits)
        chi2 += (count - n / 3.0) * (count - n / 3.0) / (n / 3.0);
    // Two degrees of freedom: above 13.8 happens once in a thousand runs of a fair choice.
    QVERIFY2(chi2 < 13.8, qPrintable(QStringLiteral("chi-square %1").arg(chi2)));
}

void TestRouter::dynoThatGoesDownLeavesAtOnce()
{
    publish({app("three", {{"web.1", "127.0.0.1", m_dynos[0].port, "up"}, {"web.2", "127.0.0.1", m_dynos[1].port, "up"},
                           {"web.3", "127.0.0.1", m_dynos[2].port, "down"}})});
    for (int i = 0; i < 60; ++i) {
        const RawReply r = get(host("three"), "/");
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("x-dyno") != "web.3");
    }
}

void TestRouter::keepAliveBothWays()
{
    RawHttp c(m_port);
    std::set<std::string> dynoConnections;
    for (int i = 0; i < 5; ++i) {
        QVERIFY(c.send(RawHttp::get(host("one"), "/")));
        const RawReply r = c.read();
        QCOMPARE(r.status, 200); // five answers on one client connection
        dynoConnections.insert(r.header("x-conn"));
    }
    QCOMPARE(dynoConnections.size(), size_t(1)); // and one connection to the dyno
}

void TestRouter::pooledConnectionsLeaveWithTheDyno()
{
    Dyno d = startDyno(QStringLiteral("web.9"));
    QVERIFY(d.port > 0);
    auto connectionsAtDyno = [&d] {
        RawHttp direct(static_cast<uint16_t>(d.port));
        direct.send(RawHttp::get("127.0.0.1", "/connections", "Connection: close\r\n"));
        return std::stoi("0" + direct.read().body) - 1; // not counting this one
    };
    core::RouteApp pooled = app("pooled", {{"web.9", "127.0.0.1", d.port, "up"}});
    publish({pooled});
    {
        RawHttp c(m_port);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(c.send(RawHttp::get(host("pooled"), "/")));
            QCOMPARE(c.read().status, 200);
        }
    }
    QCOMPARE(connectionsAtDyno(), 1); // the router keeps one idle connection to the dyno

    // The dyno goes down: the router closes what it kept for it.
    pooled.webDynos[0].state = "down";
    publish({pooled});
    QTRY_COMPARE_WITH_TIMEOUT(connectionsAtDyno(), 0, 5000);

    // Up again: new requests make a new connection and it is kept again; gone from the table: closed.
    pooled.webDynos[0].state = "up";
    publish({pooled});
    QCOMPARE(get(host("pooled"), "/?again").status, 200);
    RawHttp c(m_port);
    QVERIFY(c.send(RawHttp::get(host("pooled"), "/")));
    QCOMPARE(c.read().status, 200);
    c.close();
    // Kept: one per I/O thread that served one of the two client connections.
    QTRY_VERIFY_WITH_TIMEOUT(connectionsAtDyno() >= 1, 5000);
    QVERIFY(connectionsAtDyno() <= 2);
    publish({app("three", {})});
    QTRY_COMPARE_WITH_TIMEOUT(connectionsAtDyno(), 0, 5000);
    d.process->kill();
    d.process->waitForFinished();
}

void TestRouter::streamsLargeBodies()
{
    const RawReply big = get(host("one"), "/big?kb=4096");
    QCOMPARE(big.status, 200);
    QCOMPARE(big.body.size(), size_t(4096 * 1024));
    QVERIFY(!m_lines.find("path=\"/big?kb=4096\"").empty());
    QVERIFY(m_lines.find("path=\"/big?kb=4096\"").find("bytes=4194304") != std::string::npos);
}

void TestRouter::streamsRequestBodies()
{
    RawHttp c(m_port);
    c.send("POST /echo-body HTTP/1.1\r\nHost: " + host("one") + "\r\nTransfer-Encoding: chunked\r\n\r\n"
           "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    const RawReply r = c.read();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, std::string("hello world"));
}

void TestRouter::expectError(const std::string &appName, const std::string &target, int status, const std::string &code)
{
    const RawReply r = get(host(appName), target);
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("content-type"), std::string("text/html; charset=utf-8"));
    QVERIFY2(r.body.find("<html>") != std::string::npos, r.body.c_str());
    const std::string line = m_lines.find("code=" + code + " ", "path=\"" + target + "\" host=" + host(appName) + " ");
    QVERIFY2(line.find("at=error code=" + code + " desc=\"") != std::string::npos, line.c_str());
    QVERIFY2(line.find("status=" + std::to_string(status)) != std::string::npos, line.c_str());
    QVERIFY2(line.find("path=\"" + target + "\"") != std::string::npos, line.c_str());
}

void TestRouter::answersInItsOwnHttpVersion()
{
    // An interim answer (100 Continue) is not the answer: the final one is.
    const RawReply interim = get(host("one"), "/interim");
    QCOMPARE(interim.status, 200);
    QCOMPARE(interim.body, std::string("final\n"));

    const RawReply r = get(host("one"), "/http10");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.version, std::string("HTTP/1.1"));
    QCOMPARE(r.body, std::string("old\r\n"));
}

void TestRouter::hopByHopHeadersStayOnTheirConnection()
{
    // The client's Connection and the headers it names are for the router, not the dyno.
    const RawReply r = get(host("one"), "/echo-headers", "Connection: X-Hop\r\nX-Hop: 1\r\nKeep-Alive: timeout=5\r\n");
    const auto seen = nlohmann::json::parse(r.body);
    QVERIFY2(!seen.contains("x-hop") && !seen.contains("keep-alive"), r.body.c_str());
    QVERIFY2(seen.value("connection", "") != "close", r.body.c_str());
    QCOMPARE(r.header("connection"), std::string("close")); // the client's own connection closes, as asked

    // However many names it lists.
    const RawReply many = get(host("one"), "/echo-headers",
                              "Connection: keep-alive, a1, a2, a3, a4, a5, a6, a7, a8, X-Hop\r\nA3: x\r\nX-Hop: 1\r\n"
                              "X-Kept: 1\r\n");
    const auto seenMany = nlohmann::json::parse(many.body);
    QVERIFY2(!seenMany.contains("x-hop") && !seenMany.contains("a3"), many.body.c_str());
    QCOMPARE(seenMany.value("x-kept", ""), std::string("1"));

    // A body the dyno ends by closing reaches a keep-alive client in chunks, and the client's
    // connection goes on.
    RawHttp c(m_port);
    QVERIFY(c.send(RawHttp::get(host("one"), "/until-close")));
    const RawReply framed = c.read();
    QCOMPARE(framed.status, 200);
    QCOMPARE(framed.header("transfer-encoding"), std::string("chunked"));
    QCOMPARE(framed.body, std::string("until close"));
    QVERIFY(c.send(RawHttp::get(host("one"), "/")));
    QCOMPARE(c.read().body, std::string("hello from web.1\n"));
}

void TestRouter::strayBytesFromADynoReachNoOtherRequest()
{
    // The dyno writes a forged answer after a whole one; the connection it came on must not be
    // handed to the next request, on this client's connection or another's.
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(get(host("one"), "/stray").body, std::string("ok\n"));
        RawHttp c(m_port);
        for (int j = 0; j < 4; ++j) {
            c.send(RawHttp::get(host("one"), "/", ""));
            const RawReply r = c.read();
            QVERIFY2(r.status == 200, (std::to_string(r.status) + " " + r.body).c_str());
            QCOMPARE(r.body, std::string("hello from web.1\n"));
        }
    }
}

void TestRouter::dynoClosingWithItsAnswerCostsNoRequest()
{
    // The dyno closes its side of the connection as it answers, though the answer did not say so
    // (Node keeps reading from it). The next request must not go to that connection and wait
    // there for an answer that will never come.
    RawHttp c(m_port);
    for (int i = 0; i < 20; ++i) {
        QVERIFY(c.send(RawHttp::get(host("one"), "/answer-then-close")));
        const RawReply closing = c.read();
        QCOMPARE(closing.status, 200);
        QCOMPARE(closing.body, std::string("ok\n"));
        QVERIFY(c.send(RawHttp::get(host("one"), "/")));
        const RawReply next = c.read();
        QVERIFY2(next.status == 200, (std::to_string(next.status) + " " + next.body).c_str());
        QCOMPARE(next.body, std::string("hello from web.1\n"));
    }
}

void TestRouter::halfClosingClientGetsItsAnswerAndTheEnd()
{
    // A client that sends its request and ends its side at once (`nc -N`, a script that
    // half-closes) reads the answer and then waits for the end: the router must close as soon as
    // it has answered, not when the idle timeout (800 ms here) runs out. The end comes with the
    // request's bytes, so it raises no readiness of its own.
    for (int i = 0; i < 50; ++i) {
        RawHttp c(m_port);
        QVERIFY(c.send(RawHttp::get(host("one"), "/")));
        c.endSending();
        const RawReply r = c.read();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, std::string("hello from web.1\n"));
        const auto answered = std::chrono::steady_clock::now();
        QVERIFY(c.closedByPeer());
        const auto waited = std::chrono::steady_clock::now() - answered;
        QVERIFY2(waited < std::chrono::milliseconds(400),
                 (std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(waited).count()) + " ms")
                         .c_str());
    }
}

void TestRouter::errors_data()
{
    QTest::addColumn<QString>("app");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("H10 all crashed") << "crashed" << "/" << 503 << "H10";
    QTest::newRow("H14 no web dynos") << "none" << "/" << 503 << "H14";
    QTest::newRow("H12 no first byte in time") << "one" << "/slow?ms=2000" << 503 << "H12";
    QTest::newRow("H13 closed without a response") << "one" << "/close" << 503 << "H13";
    QTest::newRow("H17 malformed response") << "one" << "/garbage" << 503 << "H17";
    QTest::newRow("H17 malformed chunked body") << "one" << "/bad-chunk" << 503 << "H17";
    QTest::newRow("H17 protocol switch nobody asked for") << "one" << "/unasked-101" << 503 << "H17";
    QTest::newRow("H17 status outside 100-599") << "one" << "/status-12" << 503 << "H17";
    QTest::newRow("H21 connection refused") << "refused" << "/" << 503 << "H21";
    QTest::newRow("H99 route table names no usable address") << "broken" << "/" << 503 << "H99";
    QTest::newRow("H99 fault inside the router") << "faulty" << "/" << 503 << "H99";
}

void TestRouter::errors()
{
    QFETCH(QString, app);
    QFETCH(QString, target);
    QFETCH(int, status);
    QFETCH(QString, code);
    expectError(app.toStdString(), target.toStdString(), status, code.toStdString());
}

void TestRouter::waitsForStartingDyno()
{
    // Still starting after the boot wait: H20.
    expectError("starting", "/", 503, "H20");
    // Up during the wait: answered.
    std::thread later([this] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        publish({app("starting", {{"web.1", "127.0.0.1", m_dynos[0].port, "up"}})});
    });
    const RawReply r = get(host("starting"), "/");
    later.join();
    QCOMPARE(r.status, 200);
}

void TestRouter::bootWaitOutlastsTheClientWindow()
{
    // The boot wait (75 s on the platform) is longer than the rolling window (55 s): a client
    // waiting for a starting dyno is not cut off by its own idle deadline meanwhile.
    router::RouterSettings s;
    s.idleTimeout = std::chrono::milliseconds(300);
    s.bootWait = std::chrono::milliseconds(3000);
    router::Router patient(m_table, &m_lines, s);
    const uint16_t port = patient.listen(0);
    publish({app("later", {{"web.1", "127.0.0.1", 0, "starting"}})});
    std::thread later([this] {
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        publish({app("later", {{"web.1", "127.0.0.1", m_dynos[0].port, "up"}})});
    });
    RawHttp c(port);
    c.send(RawHttp::get("later.localhost:" + std::to_string(port), "/"));
    const RawReply r = c.read();
    later.join();
    QCOMPARE(r.status, 200);
}

void TestRouter::connectTimeoutIsH19()
{
    // A listener whose accept queue is full drops new SYNs: the connect hangs.
    sockaddr_in addr{};
    const int fd = boundLoopbackSocket(addr);
    ::listen(fd, 0);
    std::vector<int> fillers;
    for (int i = 0; i < 4; ++i) {
        fillers.push_back(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
        ::connect(fillers.back(), reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    }
    publish({app("blackhole", {{"web.1", "127.0.0.1", ntohs(addr.sin_port), "up"}})});
    expectError("blackhole", "/", 503, "H19");
    for (int f : fillers)
        ::close(f);
    ::close(fd);
}

void TestRouter::maintenanceAndCustomPages()
{
    core::RouteApp m = app("maint", {{"web.1", "127.0.0.1", m_dynos[0].port, "up"}});
    m.maintenance = true;
    core::RouteApp custom = app("custom", {{"web.1", "127.0.0.1", m_dynos[0].port, "up"}});
    custom.maintenance = true;
    custom.maintenancePageUrl = "https://pages.example.test/maintenance.html";
    core::RouteApp crashed = app("crashedcustom", {{"web.1", "127.0.0.1", 0, "crashed"}});
    crashed.errorPageUrl = "https://pages.example.test/error.html";
    publish({m, custom, crashed});
    expectError("maint", "/", 503, "H80");
    QVERIFY(get(host("maint"), "/").body.find("Offline for Maintenance") != std::string::npos);
    QVERIFY(get(host("custom"), "/").body.find("https://pages.example.test/maintenance.html") != std::string::npos);
    QVERIFY(get(host("crashedcustom"), "/").body.find("https://pages.example.test/error.html") != std::string::npos);
    // Maintenance off: the same dynos answer again.
    m.maintenance = false;
    publish({m});
    QCOMPARE(get(host("maint"), "/").status, 200);
}

void TestRouter::domainsAndWildcards()
{
    QCOMPARE(get("www.example.test", "/").header("x-dyno"), std::string("web.1"));      // `one`, exact
    QCOMPARE(get("WWW.Example.Test:80", "/").header("x-dyno"), std::string("web.1"));   // case and port ignored
    QCOMPARE(get("api.example.test", "/").header("x-dyno"), std::string("web.2"));      // `wild`
    QCOMPARE(get("a.b.example.test", "/").header("x-dyno"), std::string("web.2"));
    QCOMPARE(get("example.test", "/").status, 404);                                     // the bare suffix: no app
}

void TestRouter::webSocketEchoes()
{
    RawHttp c(m_port);
    c.send(RawHttp::get(host("one"), "/ws", "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                                            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"));
    const RawReply r = c.read();
    QCOMPARE(r.status, 101);
    for (const std::string msg : {"ping one", "ping two"}) {
        QVERIFY(c.send(msg));
        std::string back;
        while (back.size() < msg.size()) {
            const std::string more = c.readSome();
            QVERIFY(!more.empty());
            back += more;
        }
        QCOMPARE(back, msg);
    }
    // Quiet for longer than the rolling window: the router ends it.
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    QVERIFY(c.closedByPeer());
}

void TestRouter::webSocketWindowCountsDataEitherWay()
{
    // The dyno sends a tick every 200 ms for 1.6 s and the client sends nothing: longer than the
    // 800 ms window, but data flows one way all along, so the tunnel stays.
    RawHttp c(m_port);
    c.send(RawHttp::get(host("one"), "/ws-ticks?n=8", "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                                      "Sec-WebSocket-Version: 13\r\n"
                                                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"));
    QCOMPARE(c.read().status, 101);
    std::string ticks;
    while (ticks.size() < 8) {
        const std::string more = c.readSome();
        QVERIFY2(!more.empty(), ("closed after " + std::to_string(ticks.size()) + " ticks").c_str());
        ticks += more;
    }
    QCOMPARE(ticks, std::string(8, 't'));
    // Then nothing either way: the window ends it.
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    QVERIFY(c.closedByPeer());
}

void TestRouter::clientGoneIsH27()
{
    {
        RawHttp c(m_port);
        c.send("POST /echo-body HTTP/1.1\r\nHost: " + host("one") + "\r\nContent-Length: 1000\r\n\r\nonly a part");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const std::string line = m_lines.find("code=H27");
    QVERIFY2(line.find("status=499") != std::string::npos, line.c_str());
    // The router still serves others.
    QCOMPARE(get(host("one"), "/").status, 200);
}

void TestRouter::dynoAnsweringBeforeTheBodyIsH18()
{
    // The dyno answers and drops the connection while the router is still sending it the body:
    // the request was interrupted by the server. The client gets the error page, not a reset.
    const std::string body(16 * 1024 * 1024, 'b');
    RawHttp c(m_port);
    c.send("POST /reject-body HTTP/1.1\r\nHost: " + host("one") + "\r\nContent-Length: " + std::to_string(body.size())
           + "\r\n\r\n");
    c.send(body);
    const RawReply r = c.read();
    QCOMPARE(r.status, 503);
    QVERIFY2(r.body.find("Application Error") != std::string::npos, r.body.c_str());
    QCOMPARE(r.header("connection"), std::string("close"));
    const std::string line = m_lines.find("code=H18");
    QVERIFY2(line.find("heroku[router]: sock=backend at=error code=H18 desc=\"Server Request Interrupted\" "
                       "method=POST path=\"/reject-body\" host=" + host("one")) != std::string::npos,
             line.c_str());
    QVERIFY2(line.find("dyno=web.1 ") != std::string::npos && line.find("status=503 ") != std::string::npos, line.c_str());
    // The router still serves others, and the dyno too.
    QCOMPARE(get(host("one"), "/").status, 200);
}

void TestRouter::rejectsBadRequests_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("garbage") << QByteArray("\x01\x02garbage\r\n\r\n");
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost: one.localhost\r\nNoColonHere\r\n\r\n");
    QTest::newRow("bad chunk size") << QByteArray("POST /echo-body HTTP/1.1\r\nHost: one.localhost\r\n"
                                                  "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
    QTest::newRow("request line too long")
            << ("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\nHost: one.localhost\r\n\r\n");
    QTest::newRow("header line too long")
            << ("GET / HTTP/1.1\r\nHost: one.localhost\r\nX-Big: " + QByteArray(9000, 'a') + "\r\n\r\n");
    QTest::newRow("headers too large") << ("GET / HTTP/1.1\r\nHost: one.localhost\r\n"
                                           + QByteArray("X-Many: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n").repeated(3000) + "\r\n");
}

void TestRouter::rejectsBadRequests()
{
    QFETCH(QByteArray, bytes);
    RawHttp c(m_port);
    c.send(bytes.toStdString());
    const RawReply r = c.read();
    QVERIFY2(r.status == 400 || r.status == 503, qPrintable(QString::number(r.status)));
    QVERIFY(r.status != 200);
    // Nothing else is affected.
    QCOMPARE(get(host("one"), "/").status, 200);
}

// `top -H` and `ps -L` show the router's I/O threads by name, one per thread.
void TestRouter::ioThreadsAreNamed()
{
    QStringList names;
    for (const QFileInfo &task : QDir(QStringLiteral("/proc/self/task")).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(task.filePath() + QStringLiteral("/comm"));
        if (comm.open(QIODevice::ReadOnly))
            names << QString::fromUtf8(comm.readAll()).trimmed();
    }
    const int threads = router::RouterSettings{}.threads;
    QVERIFY(threads >= 2);
    for (int i = 0; i < threads; ++i)
        QVERIFY2(names.count(QStringLiteral("router-io-%1").arg(i)) == 1, qPrintable(names.join(u' ')));
}

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
