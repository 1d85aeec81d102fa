// App setups (POST /app-setups) against the real emulator: tarballs of the fixture apps made with
// tar, each with an app.json; the setup followed with GET /app-setups/{id} to its end. Add-ons
// run on the real PostgreSQL server where the machine has one (else those cases are skipped).
#include "buildpacks/buildpackfixture.h"
#include "common/psqlclient.h"

#include "addons/postgres/postgresbinaries.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>

using namespace dynodesk::testing;
using nlohmann::json;

// Where the test's tarballs are, a path the server is told it may read (file:// sources).
static QString tarballDir(const dynodesk::core::Settings &s)
{
    return QDir::cleanPath(QString::fromStdString(s.dataDir) + QStringLiteral("/../tarballs"));
}

class TestAppSetups : public QObject {
    Q_OBJECT

    std::unique_ptr<BuildpackFixture> f;
    std::optional<dynodesk::addons::postgres::Binaries> m_postgres;
    int m_tarballs = 0;

    // A tarball of fixture `fixture` with `manifest` as its app.json (none when null, verbatim
    // when a string); under one top-level directory when `githubStyle`, as GitHub's tarballs.
    QString tarball(const QString &fixture, const json &manifest, bool githubStyle = false)
    {
        const QString name = QStringLiteral("src-%1").arg(++m_tarballs);
        const QString root = f->tmp(QStringLiteral("trees/") + name);
        const QString app = githubStyle ? root + QStringLiteral("/owner-repo-0123abc") : root;
        DeployFixture::copyTree(QStringLiteral(DYNODESK_FIXTURES_DIR "/") + fixture, app);
        if (!manifest.is_null()) {
            QFile file(app + QStringLiteral("/app.json"));
            file.open(QIODevice::WriteOnly);
            file.write(QByteArray::fromStdString(manifest.is_string() ? manifest.get<std::string>() : manifest.dump()));
        }
        const QString out = f->tmp(QStringLiteral("tarballs/") + name + QStringLiteral(".tgz"));
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("-czf"), out, QStringLiteral("-C"), root, QStringLiteral(".")});
        tar.waitForFinished();
        return out;
    }

    static std::string fileUrl(const QString &path) { return QUrl::fromLocalFile(path).toString().toStdString(); }

    static QString sha256(const QString &path)
    {
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        return "SHA256:" + QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
    }

    json postSetup(const json &body, HttpClient *client = nullptr)
    {
        auto r = (client ? *client : f->api()).post(QStringLiteral("/app-setups"), body);
        if (r.status != 201)
            qWarning("POST /app-setups: %d %s", r.status, r.body.constData());
        return r.status == 201 ? r.json() : json{{"http_status", r.status}, {"body", r.body.toStdString()}};
    }

    // GET /app-setups/{id} until it is no longer pending.
    json waitForSetup(const json &setup, HttpClient *client = nullptr)
    {
        const QString path = QStringLiteral("/app-setups/") + QString::fromStdString(setup.value("id", ""));
        json now;
        (void)QTest::qWaitFor([&] { // the caller checks the status it got
            now = (client ? *client : f->api()).get(path).json();
            return now.value("status", "") != "pending";
        }, 240000);
        return now;
    }

    json setUp(const QString &tarballPath, const std::string &appName, const json &extra = json::object())
    {
        json body{{"source_blob", {{"url", fileUrl(tarballPath)}}}, {"app", {{"name", appName}}}};
        body.update(extra);
        return waitForSetup(postSetup(body));
    }

    bool appExists(const std::string &name) { return f->api().get(QStringLiteral("/apps/") + QString::fromStdString(name)).status == 200; }

    json configOf(const std::string &app) { return f->api().get(QString::fromStdString("/apps/" + app + "/config-vars")).json(); }

    static QString describe(const json &setup) { return QString::fromStdString(setup.dump()); }

private slots:
    void initTestCase()
    {
        f = std::make_unique<BuildpackFixture>(120, [](dynodesk::core::Settings &s) {
            QDir().mkpath(tarballDir(s));
            s.allowedSourcePaths.push_back(tarballDir(s).toStdString());
        });
        QVERIFY(f->started());
        if (auto bins = dynodesk::addons::postgres::Binaries::find())
            m_postgres = *bins;
    }
    void cleanupTestCase() { f.reset(); }

    void setupWithPostgresSecretFormationAndPostdeploy()
    {
        if (!m_postgres)
            QSKIP("PostgreSQL is not installed (tools/setup installs it)");
        const json manifest{
                {"name", "Seeded"}, {"success_url", "/welcome"},
                {"env", {{"GREETING", {{"description", "what to say"}, {"value", "hi"}}},
                         {"SECRET_KEY", {{"generator", "secret"}}},
                         {"OVERRIDDEN", {{"value", "from manifest"}}}}},
                {"formation", {{"web", {{"quantity", 2}, {"size", "basic"}}}}},
                {"addons", {"heroku-postgresql"}},
                {"scripts", {{"postdeploy", "psql \"$DATABASE_URL\" -c 'CREATE TABLE seeded (n int); INSERT INTO seeded "
                                            "VALUES (42)' && echo seeded with $GREETING"}}},
                {"environments", {{"review", {{"addons", {"heroku-postgresql"}}}}}}};
        const json setup = setUp(tarball("node-basic", manifest), "setup-pg",
                                 {{"overrides", {{"env", {{"OVERRIDDEN", "from overrides"}}}}}});
        QVERIFY2(setup["status"] == "succeeded", qPrintable(describe(setup)));
        JSON_EQ(setup["app"]["name"], json("setup-pg"));
        JSON_EQ(setup["build"]["status"], json("succeeded"));
        QVERIFY(setup["build"]["output_stream_url"].get<std::string>().ends_with(setup["build"]["id"].get<std::string>() + ".log"));
        JSON_EQ(setup["failure_message"], json(nullptr));
        JSON_EQ(setup["manifest_errors"], json::array());
        JSON_EQ(setup["postdeploy"]["exit_code"], json(0));
        QVERIFY2(setup["postdeploy"]["output"].get<std::string>().find("seeded with hi") != std::string::npos,
                 qPrintable(describe(setup)));
        const json app = f->api().get("/apps/setup-pg").json();
        JSON_EQ(setup["app"]["id"], app["id"]);
        JSON_EQ(setup["resolved_success_url"], json(app["web_url"].get<std::string>() + "welcome"));

        const json config = configOf("setup-pg");
        JSON_EQ(config["GREETING"], json("hi"));
        JSON_EQ(config["OVERRIDDEN"], json("from overrides"));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$")).match(QString::fromStdString(config["SECRET_KEY"])).hasMatch());
        QVERIFY(config.contains("DATABASE_URL"));
        const auto seeded = runPsql(m_postgres->tool(QStringLiteral("psql")), QString::fromStdString(config["DATABASE_URL"]),
                                    QStringLiteral("SELECT n FROM seeded"));
        QVERIFY2(seeded.ok() && seeded.out.trimmed() == QStringLiteral("42"), qPrintable(seeded.err + seeded.out));

        const json formation = f->api().get("/apps/setup-pg/formation/web").json();
        JSON_EQ(formation["quantity"], json(2));
        JSON_EQ(formation["size"], json("Basic"));
        QVERIFY(QTest::qWaitFor([&] { return f->api().get("/apps/setup-pg/dynos").json().size() == 2; }, 30000));
        QCOMPARE(f->fetchWhenUp("setup-pg").body, QByteArray("Hello from node-basic\n"));
    }

    void generatedSecretsDifferBetweenSetups()
    {
        const json manifest{{"env", {{"SECRET_KEY", {{"description", "signs cookies"}, {"generator", "secret"}}}}}};
        const QString source = tarball("node-basic", manifest);
        std::vector<std::string> secrets;
        for (const std::string app : {"secret-one", "secret-two"}) {
            const json setup = setUp(source, app);
            QVERIFY2(setup["status"] == "succeeded", qPrintable(describe(setup)));
            JSON_EQ(setup["postdeploy"], json(nullptr));
            JSON_EQ(setup["resolved_success_url"], json(nullptr));
            secrets.push_back(configOf(app)["SECRET_KEY"]);
            QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$")).match(QString::fromStdString(secrets.back())).hasMatch());
        }
        QVERIFY(secrets[0] != secrets[1]);
    }

    void failingPostdeployFailsTheSetupAndKeepsTheApp()
    {
        const json manifest{{"scripts", {{"postdeploy", "echo about to fail; exit 3"}}}};
        const json setup = setUp(tarball("node-basic", manifest), "postdeploy-fails");
        QVERIFY2(setup["status"] == "failed", qPrintable(describe(setup)));
        JSON_EQ(setup["failure_message"], json("The postdeploy script failed with exit status 3."));
        JSON_EQ(setup["postdeploy"]["exit_code"], json(3));
        QCOMPARE(setup["postdeploy"]["output"].get<std::string>(), std::string("about to fail\n"));
        JSON_EQ(setup["build"]["status"], json("succeeded"));
        QVERIFY(appExists("postdeploy-fails"));
    }

    void failingBuildFailsTheSetupAndKeepsTheApp()
    {
        const json setup = setUp(tarball("failing-build", json::object()), "build-fails");
        QVERIFY2(setup["status"] == "failed", qPrintable(describe(setup)));
        JSON_EQ(setup["failure_message"], json("The build failed; its output tells why."));
        JSON_EQ(setup["build"]["status"], json("failed"));
        JSON_EQ(setup["postdeploy"], json(nullptr));
        QVERIFY(appExists("build-fails"));
    }

    void badManifestsFailAndLeaveNoApp_data()
    {
        QTest::addColumn<QString>("manifest");
        QTest::addColumn<QString>("error");
        QTest::newRow("not json") << "{\"env\": " << "app.json is not valid JSON";
        QTest::newRow("unknown plan") << "{\"addons\": [\"heroku-postgresql\", \"no-such-addon:plan\"]}"
                                      << "addons[1]: ";
        QTest::newRow("required env") << "{\"env\": {\"API_KEY\": {\"description\": \"the key\"}}}"
                                      << "config var API_KEY is required";
        QTest::newRow("wrong type") << "{\"env\": {\"SECRET\": {\"required\": \"yes\", \"value\": \"x\"}}}"
                                    << "env.SECRET.required must be a boolean";
    }
    void badManifestsFailAndLeaveNoApp()
    {
        QFETCH(QString, manifest);
        QFETCH(QString, error);
        const std::string app = "bad-manifest-" + std::to_string(m_tarballs);
        const json setup = setUp(tarball("node-basic", json(manifest.toStdString())), app);
        QVERIFY2(setup["status"] == "failed", qPrintable(describe(setup)));
        JSON_EQ(setup["failure_message"], json("invalid app.json"));
        QVERIFY2(setup["manifest_errors"].size() == 1
                         && setup["manifest_errors"][0].get<std::string>().starts_with(error.toStdString()),
                 qPrintable(describe(setup)));
        JSON_EQ(setup["build"], json(nullptr));
        QVERIFY(!appExists(app));
    }

    void requiredEnvGivenInOverridesIsEnough()
    {
        const json manifest{{"env", {{"API_KEY", {{"description", "the key"}}}}}};
        const json setup = setUp(tarball("node-basic", manifest), "overrides-give",
                                 {{"overrides", {{"env", {{"API_KEY", "k-123"}}}}}});
        QVERIFY2(setup["status"] == "succeeded", qPrintable(describe(setup)));
        JSON_EQ(configOf("overrides-give")["API_KEY"], json("k-123"));
    }

    void badTarballsFailAndLeaveNoApp()
    {
        // Not gzip: a plain tar.
        const QString plain = f->tmp(QStringLiteral("tarballs/plain.tar"));
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("-cf"), plain, QStringLiteral("-C"),
                                          QStringLiteral(DYNODESK_FIXTURES_DIR "/node-basic"), QStringLiteral(".")});
        tar.waitForFinished();
        json setup = setUp(plain, "not-gzip");
        QVERIFY2(setup["status"] == "failed", qPrintable(describe(setup)));
        JSON_EQ(setup["failure_message"], json("The source tarball is not a gzipped tarball (tar -czf)."));
        QVERIFY(!appExists("not-gzip"));

        // A checksum that does not match.
        const QString good = tarball("node-basic", json::object());
        const std::string wrong = "SHA256:" + std::string(64, '0');
        setup = waitForSetup(postSetup({{"source_blob", {{"url", fileUrl(good)}, {"checksum", wrong}}},
                                        {"app", {{"name", "bad-checksum"}}}}));
        QVERIFY2(setup["status"] == "failed", qPrintable(describe(setup)));
        QVERIFY2(setup["failure_message"].get<std::string>().starts_with("The checksum of the source tarball does not match"),
                 qPrintable(describe(setup)));
        QVERIFY(!appExists("bad-checksum"));

        // The right one is taken.
        setup = waitForSetup(postSetup({{"source_blob", {{"url", fileUrl(good)}, {"checksum", sha256(good).toStdString()}}},
                                        {"app", {{"name", "good-checksum"}}}}));
        QVERIFY2(setup["status"] == "succeeded", qPrintable(describe(setup)));
    }

    void refusedAtOnce()
    {
        // A file the server may not read for the account; a name that is taken; no source.
        auto r = f->api().post("/app-setups", {{"source_blob", {{"url", "file:///etc/hostname"}}}});
        VERIFY_STATUS(r, 403);
        VERIFY_STATUS(f->api().post("/apps", {{"name", "taken-name"}}), 201);
        r = f->api().post("/app-setups", {{"source_blob", {{"url", fileUrl(tarball("node-basic", json::object()))}}},
                                          {"app", {{"name", "taken-name"}}}});
        VERIFY_STATUS(r, 422);
        VERIFY_STATUS(f->api().post("/app-setups", {{"app", {{"name", "x"}}}}), 422);
        VERIFY_STATUS(f->api().post("/app-setups", {{"source_blob", {{"url", 5}}}}), 422);
    }

    void setupFromAnUploadedSourceUnderOneTopDirectory()
    {
        auto r = f->api().post("/sources", json::object());
        VERIFY_STATUS(r, 201);
        const json blob = r.json()["source_blob"];
        const QString path = tarball("node-basic", {{"success_url", "https://example.com/done"}}, true);
        QProcess curl;
        curl.start(QStringLiteral("curl"), {QStringLiteral("-sSf"), QStringLiteral("-X"), QStringLiteral("PUT"),
                                            QStringLiteral("--data-binary"), QStringLiteral("@") + path,
                                            QString::fromStdString(blob["put_url"])});
        curl.waitForFinished(60000);
        QCOMPARE(curl.exitCode(), 0);
        const json setup = waitForSetup(postSetup({{"source_blob", {{"url", blob["get_url"]}, {"version", "v1.0"}}},
                                                   {"app", {{"name", "from-upload"}}}}));
        QVERIFY2(setup["status"] == "succeeded", qPrintable(describe(setup)));
        JSON_EQ(setup["resolved_success_url"], json("https://example.com/done"));
        const json build = f->api().get(QString::fromStdString("/apps/from-upload/builds/" + setup["build"]["id"].get<std::string>())).json();
        JSON_EQ(build["source_blob"]["version"], json("v1.0"));
        QCOMPARE(f->fetchWhenUp("from-upload").body, QByteArray("Hello from node-basic\n"));

        // A build takes the account's source too.
        VERIFY_STATUS(f->api().post("/apps", {{"name", "build-from-upload"}}), 201);
        r = f->api().post("/apps/build-from-upload/builds", {{"source_blob", {{"url", blob["get_url"]}}}});
        VERIFY_STATUS(r, 201);
        const QString buildPath = QString::fromStdString("/apps/build-from-upload/builds/" + r.json()["id"].get<std::string>());
        QVERIFY(QTest::qWaitFor([&] { return f->api().get(buildPath).json()["status"] != "pending"; }, 120000));
        JSON_EQ(f->api().get(buildPath).json()["status"], json("succeeded"));
    }

    // The Dev Center's "Setting Up Apps using the Platform API", with curl: credentials from
    // ~/.netrc (`curl -n`), the source uploaded through POST /sources, the setup created and
    // followed with GET until it ends.
    void setupDrivenWithCurlAsTheDocsShowIt()
    {
        const QString host = QString::fromStdString(f->emulator().apiUrl());
        const QString home = f->tmp(QStringLiteral("curl-home"));
        QDir().mkpath(home);
        QFile netrc(home + QStringLiteral("/.netrc"));
        QVERIFY(netrc.open(QIODevice::WriteOnly));
        netrc.write(QStringLiteral("machine %1 login developer@dynodesk.local password %2\n")
                            .arg(QUrl(host).host(), f->token()).toUtf8());
        netrc.close();
        auto curl = [&](const QStringList &args) {
            QProcess p;
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("HOME"), home);
            p.setProcessEnvironment(env);
            p.start(QStringLiteral("curl"), QStringList{QStringLiteral("-sS"), QStringLiteral("-n"), QStringLiteral("-H"),
                                                        QStringLiteral("Accept: application/vnd.heroku+json; version=3")} + args);
            p.waitForFinished(60000);
            const QByteArray out = p.readAllStandardOutput();
            if (p.exitCode() != 0)
                qWarning("curl %s: %s", qPrintable(args.join(QLatin1Char(' '))), p.readAllStandardError().constData());
            return json::parse(out.isEmpty() ? QByteArray("null") : out, nullptr, false);
        };
        const json source = curl({QStringLiteral("-X"), QStringLiteral("POST"), host + QStringLiteral("/sources")});
        QVERIFY2(source.contains("source_blob"), qPrintable(QString::fromStdString(source.dump())));
        const QString path = tarball("node-basic", {{"env", {{"GREETING", {{"value", "hi"}}}}}});
        curl({QStringLiteral("-X"), QStringLiteral("PUT"), QStringLiteral("--data-binary"), QStringLiteral("@") + path,
              QString::fromStdString(source["source_blob"]["put_url"])});
        const json body{{"source_blob", {{"url", source["source_blob"]["get_url"]}}}, {"app", {{"name", "curl-setup"}}}};
        json setup = curl({QStringLiteral("-X"), QStringLiteral("POST"), host + QStringLiteral("/app-setups"), QStringLiteral("-H"),
                           QStringLiteral("Content-Type: application/json"), QStringLiteral("-d"), QString::fromStdString(body.dump())});
        QVERIFY2(setup.value("status", "") == "pending", qPrintable(describe(setup)));
        const QString info = host + QStringLiteral("/app-setups/") + QString::fromStdString(setup["id"]);
        QVERIFY(QTest::qWaitFor([&] { return (setup = curl({info})).value("status", "") != "pending"; }, 240000));
        QVERIFY2(setup["status"] == "succeeded", qPrintable(describe(setup)));
        JSON_EQ(setup["app"]["name"], json("curl-setup"));
        JSON_EQ(configOf("curl-setup")["GREETING"], json("hi"));
        QCOMPARE(f->fetchWhenUp("curl-setup").body, QByteArray("Hello from node-basic\n"));
    }

    void setupFromAnHttpUrlTheServerFetches()
    {
        const QString path = tarball("node-basic", json::object());
        QProcess server;
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(QStringLiteral("python3"), {QStringLiteral("-u"), QStringLiteral("-m"), QStringLiteral("http.server"),
                                                 QStringLiteral("0"), QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                                                 QStringLiteral("--directory"), QFileInfo(path).absolutePath()});
        QString banner;
        QVERIFY(QTest::qWaitFor([&] {
            banner += QString::fromUtf8(server.readAll());
            return banner.contains(QStringLiteral("port "));
        }, 10000));
        const QString port = QRegularExpression(QStringLiteral("port (\\d+)")).match(banner).captured(1);
        const std::string url = "http://127.0.0.1:" + port.toStdString() + "/" + QFileInfo(path).fileName().toStdString();
        json setup = waitForSetup(postSetup({{"source_blob", {{"url", url}}}, {"app", {{"name", "from-http"}}}}));
        QVERIFY2(setup["status"] == "succeeded", qPrintable(describe(setup)));
        setup = waitForSetup(postSetup({{"source_blob", {{"url", url + ".missing"}}}, {"app", {{"name", "http-404"}}}}));
        QVERIFY2(setup["status"] == "failed", qPrintable(describe(setup)));
        QVERIFY2(setup["failure_message"].get<std::string>().starts_with("The source tarball could not be fetched from"),
                 qPrintable(describe(setup)));
        QVERIFY(!appExists("http-404"));
        server.kill();
        server.waitForFinished();
    }

    void quotasHoldAsForAnAppCreate()
    {
        // A member of a team whose quota allows no apps: the setup fails with the app limit and
        // makes nothing.
        QString token;
        f->emulator().runOnCore([&](dynodesk::platform::Platform &p) {
            token = QString::fromStdString(p.accounts().createAccount("member@example.com", std::string("pw"))->token);
        });
        VERIFY_STATUS(f->api().post("/teams", {{"name", "setup-class"}}), 201);
        VERIFY_STATUS(f->api().request("PUT", "/teams/setup-class/members",
                                       QByteArray::fromStdString(json{{"email", "member@example.com"}, {"role", "member"}}.dump())),
                      200);
        bool limited = false;
        f->emulator().runOnCore([&](dynodesk::platform::Platform &p) {
            limited = p.quotas().setTeamQuota("setup-class", {0, std::nullopt, std::nullopt}).ok();
        });
        QVERIFY(limited);
        HttpClient member(QString::fromStdString(f->emulator().apiUrl()), token);
        const json setup = waitForSetup(postSetup({{"source_blob", {{"url", fileUrl(tarball("node-basic", json::object()))}}},
                                                   {"app", {{"name", "over-quota"}}}}, &member), &member);
        QVERIFY2(setup["status"] == "failed", qPrintable(describe(setup)));
        QVERIFY2(setup["failure_message"].get<std::string>().starts_with("You've reached your app limit of 0 apps"),
                 qPrintable(describe(setup)));
        QVERIFY(!appExists("over-quota"));
    }

    void anotherAccountCannotSeeASetup()
    {
        const json setup = postSetup({{"source_blob", {{"url", fileUrl(tarball("node-basic", json::object()))}}}});
        QVERIFY(setup.contains("id"));
        QString token;
        f->emulator().runOnCore([&](dynodesk::platform::Platform &p) {
            token = QString::fromStdString(p.accounts().createAccount("stranger@example.com", std::string("pw"))->token);
        });
        HttpClient stranger(QString::fromStdString(f->emulator().apiUrl()), token);
        const QString path = QStringLiteral("/app-setups/") + QString::fromStdString(setup["id"]);
        VERIFY_STATUS(stranger.get(path), 404);
        VERIFY_STATUS(f->api().get(path), 200);
        VERIFY_STATUS(f->api().get(QStringLiteral("/app-setups/01234567-89ab-cdef-0123-456789abcdef")), 404);
        waitForSetup(setup);
    }
};

QTEST_GUILESS_MAIN(TestAppSetups)
#include "tst_appsetups.moc"
