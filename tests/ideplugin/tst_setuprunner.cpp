// SetupRunner, the app setup behind the Button's deploy form and the template wizard, against a
// tiny fake of the Platform API's /sources and /app-setups on loopback (a unit test: the real
// flow is tst_pluginbuttondeploy's, on the emulator): the directory packed without .git and
// uploaded with its checksum, a tarball URL passed through, the setup's steps followed to success,
// a failing postdeploy and manifest errors reported in the platform's words.
#include "client/platformclient.h"
#include "wizards/setuprunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace dynodesk::ideplugin;
using Step = SetupRunner::Step;
using State = SetupRunner::State;

// Answers one request at a time per connection; `route` gives status and body for method + path.
class FakePlatform final : public QObject {
public:
    struct Request {
        QByteArray method, path, body;
    };
    std::function<QPair<int, QByteArray>(const Request &)> route;
    QList<Request> seen;

    FakePlatform()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
        });
    }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            qsizetype length = 0;
            for (const QByteArray &line : lines)
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            if (buffer.size() < end + 4 + length)
                return;
            const QList<QByteArray> first = lines.first().trimmed().split(' ');
            Request request{first.value(0), first.value(1), buffer.mid(end + 4, length)};
            buffer.remove(0, end + 4 + length);
            seen.append(request);
            const auto [status, body] = route(request);
            socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: application/json\r\n"
                          "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

static QByteArray json(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

class TestSetupRunner : public QObject {
    Q_OBJECT

    QNetworkAccessManager network;

    // A setup that goes pending → building → built → postdeploy ran (exit `exitCode`).
    static void routeSetup(FakePlatform &fake, int exitCode, QByteArray *uploaded)
    {
        auto polls = std::make_shared<int>(0);
        fake.route = [&fake, exitCode, uploaded, polls](const FakePlatform::Request &r) -> QPair<int, QByteArray> {
            const QString base = fake.base();
            const QJsonObject app{{QStringLiteral("id"), QStringLiteral("a1")}, {QStringLiteral("name"), QStringLiteral("fake-app")}};
            const QJsonObject build{{QStringLiteral("id"), QStringLiteral("b1")},
                                    {QStringLiteral("status"), *polls >= 2 ? QStringLiteral("succeeded") : QStringLiteral("pending")},
                                    {QStringLiteral("output_stream_url"), base + QStringLiteral("/stream")}};
            if (r.method == "POST" && r.path == "/sources")
                return {201, json({{QStringLiteral("source_blob"),
                                    QJsonObject{{QStringLiteral("get_url"), base + QStringLiteral("/blob")},
                                                {QStringLiteral("put_url"), base + QStringLiteral("/blob?signed")}}}})};
            if (r.method == "PUT" && r.path == "/blob?signed") {
                *uploaded = r.body;
                return {200, {}};
            }
            if (r.path == "/stream")
                return {200, "-----> Node.js app detected\n       Released v2\n"};
            QJsonObject setup{{QStringLiteral("id"), QStringLiteral("s1")}, {QStringLiteral("status"), QStringLiteral("pending")},
                              {QStringLiteral("app"), app}, {QStringLiteral("build"), QJsonValue()},
                              {QStringLiteral("postdeploy"), QJsonValue()}, {QStringLiteral("manifest_errors"), QJsonArray()},
                              {QStringLiteral("failure_message"), QJsonValue()}};
            if (r.method == "POST" && r.path == "/app-setups")
                return {201, json(setup)};
            if (r.method == "GET" && r.path == "/app-setups/s1") {
                ++*polls;
                if (*polls >= 1)
                    setup.insert(QStringLiteral("build"), build);
                if (*polls >= 3) {
                    setup.insert(QStringLiteral("postdeploy"), QJsonObject{{QStringLiteral("output"), QStringLiteral("seeded\n")},
                                                                           {QStringLiteral("exit_code"), exitCode}});
                    setup.insert(QStringLiteral("status"), exitCode == 0 ? QStringLiteral("succeeded") : QStringLiteral("failed"));
                    if (exitCode != 0)
                        setup.insert(QStringLiteral("failure_message"), QStringLiteral("postdeploy exited with code 1"));
                }
                return {200, json(setup)};
            }
            return {404, json({{QStringLiteral("id"), QStringLiteral("not_found")}, {QStringLiteral("message"), QStringLiteral("no route")}})};
        };
    }

    static void aim(PlatformClient &client, const FakePlatform &fake)
    {
        client.setEndpoint(QUrl(fake.base()), QStringLiteral("token"));
    }

    static QJsonObject setupBody(const FakePlatform &fake)
    {
        for (const auto &r : fake.seen)
            if (r.method == "POST" && r.path == "/app-setups")
                return QJsonDocument::fromJson(r.body).object();
        return {};
    }

private slots:
    void aDirectoryIsPackedUploadedAndFollowedToSuccess()
    {
        FakePlatform fake;
        QByteArray uploaded;
        routeSetup(fake, 0, &uploaded);
        PlatformClient client(network);
        aim(client, fake);
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral(".git"))));
        for (const QString &name : {QStringLiteral("app.json"), QStringLiteral("server.js"), QStringLiteral(".git/HEAD")}) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{}");
        }

        SetupRunner runner(client);
        QList<QPair<Step, State>> steps;
        connect(&runner, &SetupRunner::stepChanged, this, [&steps](Step step, State state) { steps.append({step, state}); });
        QSignalSpy succeeded(&runner, &SetupRunner::succeeded);
        QSignalSpy created(&runner, &SetupRunner::appCreated);
        QSignalSpy output(&runner, &SetupRunner::buildOutput);
        QSignalSpy postdeploy(&runner, &SetupRunner::postdeployOutput);
        runner.start({dir.path(), QStringLiteral("fake-app"), QStringLiteral("eu"),
                      QJsonObject{{QStringLiteral("API_KEY"), QStringLiteral("k")}}, true});
        QVERIFY(runner.isRunning());
        QVERIFY(succeeded.wait(20000));
        QVERIFY(!runner.isRunning());
        QCOMPARE(created.size(), 1);
        QCOMPARE(runner.app(), QStringLiteral("fake-app"));

        // The upload is a gzip tarball of the directory, without .git.
        QVERIFY(uploaded.startsWith("\x1f\x8b"));
        QTemporaryDir out;
        QFile tgz(out.filePath(QStringLiteral("u.tgz")));
        QVERIFY(tgz.open(QIODevice::WriteOnly));
        tgz.write(uploaded);
        tgz.close();
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("-tzf"), tgz.fileName()});
        QVERIFY(tar.waitForFinished());
        const QString listing = QString::fromUtf8(tar.readAllStandardOutput());
        QVERIFY2(listing.contains(QStringLiteral("app.json")) && listing.contains(QStringLiteral("server.js")), qPrintable(listing));
        QVERIFY2(!listing.contains(QStringLiteral(".git")), qPrintable(listing));

        // The setup names the uploaded source with its checksum, the app, the region and the env.
        const QJsonObject body = setupBody(fake);
        QCOMPARE(body[QStringLiteral("source_blob")][QStringLiteral("url")].toString(), fake.base() + QStringLiteral("/blob"));
        QCOMPARE(body[QStringLiteral("source_blob")][QStringLiteral("checksum")].toString(),
                 QStringLiteral("SHA256:") + QString::fromLatin1(QCryptographicHash::hash(uploaded, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(body[QStringLiteral("app")][QStringLiteral("name")].toString(), QStringLiteral("fake-app"));
        QCOMPARE(body[QStringLiteral("app")][QStringLiteral("region")].toString(), QStringLiteral("eu"));
        QCOMPARE(body[QStringLiteral("overrides")][QStringLiteral("env")][QStringLiteral("API_KEY")].toString(), QStringLiteral("k"));

        // The steps ran in the platform's order and all finished; the outputs came through, the
        // build's all of it before the success.
        QCOMPARE(output.size(), 2);
        QCOMPARE(output.at(0).first().toString(), QStringLiteral("-----> Node.js app detected"));
        QCOMPARE(postdeploy.last().first().toString(), QStringLiteral("seeded\n"));
        QList<Step> done;
        for (const auto &[step, state] : steps)
            if (state == State::Done)
                done.append(step);
        QCOMPARE(done, SetupRunner::steps());
    }

    void aTarballUrlIsPassedThroughAndAFailedPostdeployKeepsTheApp()
    {
        FakePlatform fake;
        QByteArray uploaded;
        routeSetup(fake, 1, &uploaded);
        PlatformClient client(network);
        aim(client, fake);
        SetupRunner runner(client);
        QMap<Step, State> last;
        connect(&runner, &SetupRunner::stepChanged, this, [&last](Step step, State state) { last.insert(step, state); });
        QSignalSpy failed(&runner, &SetupRunner::failed);
        runner.start({QStringLiteral("https://example.com/app.tgz"), {}, {}, {}, true});
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.first().at(0).toString(), QStringLiteral("postdeploy exited with code 1"));
        QCOMPARE(failed.first().at(2).toString(), QStringLiteral("fake-app"));
        QCOMPARE(last.value(Step::Build), State::Done);
        QCOMPARE(last.value(Step::Postdeploy), State::Failed);
        QVERIFY(uploaded.isEmpty()); // nothing uploaded: the platform fetches the URL
        for (const auto &r : fake.seen)
            QVERIFY(r.path != "/sources");
        QCOMPARE(setupBody(fake)[QStringLiteral("source_blob")][QStringLiteral("url")].toString(),
                 QStringLiteral("https://example.com/app.tgz"));
        QVERIFY(!setupBody(fake).contains(QStringLiteral("app"))); // no name: the platform generates one
    }

    void manifestErrorsAreReportedInThePlatformsWords()
    {
        FakePlatform fake;
        fake.route = [](const FakePlatform::Request &) -> QPair<int, QByteArray> {
            return {201, json({{QStringLiteral("id"), QStringLiteral("s2")}, {QStringLiteral("status"), QStringLiteral("failed")},
                               {QStringLiteral("app"), QJsonValue()}, {QStringLiteral("build"), QJsonValue()},
                               {QStringLiteral("failure_message"), QStringLiteral("invalid app.json")},
                               {QStringLiteral("manifest_errors"), QJsonArray{QStringLiteral("addons: no-such-plan is not a plan")}}})};
        };
        PlatformClient client(network);
        aim(client, fake);
        SetupRunner runner(client);
        QSignalSpy failed(&runner, &SetupRunner::failed);
        runner.start({QStringLiteral("http://example.com/bad.tgz"), QStringLiteral("bad-app"), {}, {}, false});
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.first().at(0).toString(), QStringLiteral("invalid app.json"));
        QCOMPARE(failed.first().at(1).toStringList(), QStringList{QStringLiteral("addons: no-such-plan is not a plan")});
        QVERIFY(failed.first().at(2).toString().isEmpty());
        QVERIFY(!runner.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestSetupRunner)
#include "tst_setuprunner.moc"
