// Releases from slugs, as the platform's "programmatically release code" flow does, against the
// real emulator: a built slug copied to a second app, a slug made with tar and uploaded with curl
// to its blob URL, and the refusals (checksum, not gzip, another account's slug, unknown slug).
#include "buildpacks/buildpackfixture.h"
#include "slugtarball.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>

using namespace dynodesk::testing;
using nlohmann::json;

class TestSlugRelease : public QObject {
    Q_OBJECT

    std::unique_ptr<BuildpackFixture> f;

    void createApp(const QString &name) { VERIFY_STATUS(f->api().post("/apps", {{"name", name.toStdString()}}), 201); }

    QString makeSlugTarball(const QString &name, const QString &greeting)
    {
        return dynodesk::testing::makeSlugTarball(f->tmp(QStringLiteral("slugs")), name, greeting);
    }

    static QString sha256(const QString &path)
    {
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        return "SHA256:" + QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
    }

    // POST /apps/{app}/slugs for a node slug with `checksum` (if any); returns the slug.
    json newSlug(const QString &app, const QString &checksum = {}, const json &types = {{"web", "node server.js"}})
    {
        json body{{"process_types", types}, {"commit", "0123456789abcdef"},
                  {"commit_description", "made by hand"}, {"buildpack_provided_description", "Node.js"}};
        if (!checksum.isEmpty())
            body["checksum"] = checksum.toStdString();
        auto r = f->api().post("/apps/" + app + "/slugs", body);
        if (r.status != 201)
            qWarning("slug create: %d %s", r.status, r.body.constData());
        return r.json();
    }

    QString strangerToken() { return f->addAccount("stranger@example.com"); }

private slots:
    void initTestCase()
    {
        f = std::make_unique<BuildpackFixture>();
        QVERIFY(f->started());
    }
    void cleanupTestCase() { f.reset(); }

    void slugCopiedToASecondAppServesTheSamePage()
    {
        const Deploy built = f->deploy("slug-staging", "node-basic");
        QVERIFY2(built.succeeded(), qPrintable(built.push.output));
        const std::string slugId = built.slug["id"];
        createApp("slug-production");

        auto r = f->api().post("/apps/slug-production/releases", {{"slug", slugId}});
        VERIFY_STATUS(r, 201);
        const json release = r.json();
        JSON_EQ(release["description"], json("Deploy " + built.slug["commit"].get<std::string>().substr(0, 7)));
        // The production app got a copy of its own, the staging slug stays the staging app's.
        const std::string copyId = release["slug"]["id"];
        QVERIFY(copyId != slugId);
        const json copy = f->api().get("/apps/slug-production/slugs/" + QString::fromStdString(copyId)).json();
        JSON_EQ(copy["process_types"], built.slug["process_types"]);
        JSON_EQ(copy["commit"], built.slug["commit"]);
        VERIFY_STATUS(f->api().get("/apps/slug-production/slugs/" + QString::fromStdString(slugId)), 404);

        const json formation = f->api().get("/apps/slug-production/formation").json();
        QCOMPARE(formation.size(), size_t(1));
        JSON_EQ(formation[0]["type"], json("web"));
        JSON_EQ(formation[0]["quantity"], json(1));
        const auto page = f->fetchWhenUp("slug-production");
        QCOMPARE(page.status, 200);
        QCOMPARE(page.body, QByteArray("Hello from node-basic\n"));
        QCOMPARE(page.body, f->fetchWhenUp("slug-staging").body);

        // A description given is kept; the rollback form keeps working beside it.
        r = f->api().post("/apps/slug-production/releases", {{"slug", copyId}, {"description", "promote to prod"}});
        VERIFY_STATUS(r, 201);
        JSON_EQ(r.json()["description"], json("promote to prod"));
        r = f->api().post("/apps/slug-production/releases", {{"release", release["id"]}});
        VERIFY_STATUS(r, 201);
        JSON_EQ(r.json()["slug"]["id"], json(copyId));
    }

    void slugMadeWithTarIsUploadedAndReleased()
    {
        createApp("slug-scratch");
        const QString tarball = makeSlugTarball("scratch", "made from scratch");
        const json slug = newSlug("slug-scratch", sha256(tarball));
        JSON_EQ(slug["blob"]["method"], json("put"));
        JSON_EQ(slug["checksum"], json(sha256(tarball).toStdString()));
        JSON_EQ(slug["commit_description"], json("made by hand"));
        const QString id = QString::fromStdString(slug["id"].get<std::string>());
        const QString url = QString::fromStdString(slug["blob"]["url"].get<std::string>());

        // Not uploaded yet: the release is refused and names why.
        auto r = f->api().post("/apps/slug-scratch/releases", {{"slug", id.toStdString()}});
        VERIFY_STATUS(r, 422);
        QVERIFY(r.body.contains("PUT it to the slug's blob URL"));

        const auto [status, body] = curlPut(url, tarball);
        QVERIFY2(status == 200, qPrintable(QString::number(status) + " " + body));
        const json shown = f->api().get("/apps/slug-scratch/slugs/" + id).json();
        JSON_EQ(shown["blob"]["method"], json("get"));
        QVERIFY(shown["size"].get<int64_t>() > 0);
        // The blob URL takes one upload only.
        QCOMPARE(curlPut(url, tarball).first, 403);

        r = f->api().post("/apps/slug-scratch/releases", {{"slug", id.toStdString()}, {"description", "by hand"}});
        VERIFY_STATUS(r, 201);
        JSON_EQ(r.json()["description"], json("by hand"));
        const auto page = f->fetchWhenUp("slug-scratch");
        QCOMPARE(page.status, 200);
        QCOMPARE(page.body, QByteArray("made from scratch\n"));
    }

    // A slug with a release command: the release is pending until its release phase succeeds.
    void slugReleasePhaseRuns()
    {
        createApp("slug-phase");
        const QString tarball = makeSlugTarball("phase", "after the phase");
        const json slug = newSlug("slug-phase", {}, {{"web", "node server.js"}, {"release", "test -f server.js"}});
        QCOMPARE(curlPut(QString::fromStdString(slug["blob"]["url"]), tarball).first, 200);
        auto r = f->api().post("/apps/slug-phase/releases", {{"slug", slug["id"]}});
        VERIFY_STATUS(r, 201);
        JSON_EQ(r.json()["status"], json("pending"));
        JSON_EQ(r.json()["description"], json("Deploy 0123456"));
        const QString version = QString::number(r.json()["version"].get<int>());
        QElapsedTimer t;
        t.start();
        json shown;
        do {
            QTest::qWait(200);
            shown = f->api().get("/apps/slug-phase/releases/" + version).json();
        } while (shown["status"] == "pending" && t.elapsed() < 30000);
        JSON_EQ(shown["status"], json("succeeded"));
        QCOMPARE(f->fetchWhenUp("slug-phase").body, QByteArray("after the phase\n"));
    }

    void badUploadsAreRefused()
    {
        createApp("slug-bad");
        const QString tarball = makeSlugTarball("bad", "never served");
        const QString wrong = "SHA256:" + QString(64, QLatin1Char('0'));
        json slug = newSlug("slug-bad", wrong);
        const QString url = QString::fromStdString(slug["blob"]["url"].get<std::string>());
        auto [status, body] = curlPut(url, tarball);
        QCOMPARE(status, 422);
        QVERIFY2(body.contains("checksum does not match"), qPrintable(body));
        JSON_EQ(f->api().get("/apps/slug-bad/slugs/" + QString::fromStdString(slug["id"])).json()["blob"]["method"],
                json("put")); // nothing stored: the slug still waits

        slug = newSlug("slug-bad");
        QFile plain(f->tmp("plain.txt"));
        plain.open(QIODevice::WriteOnly);
        plain.write("not a tarball at all\n");
        plain.close();
        std::tie(status, body) = curlPut(QString::fromStdString(slug["blob"]["url"]), plain.fileName());
        QCOMPARE(status, 422);
        QVERIFY2(body.contains("not a gzipped tarball"), qPrintable(body));

        auto r = f->api().post("/apps/slug-bad/slugs", {{"process_types", {{"web", "x"}}}, {"checksum", "md5:abc"}});
        VERIFY_STATUS(r, 422);
        r = f->api().post("/apps/slug-bad/slugs", {{"commit", "abc"}});
        VERIFY_STATUS(r, 422);
        QVERIFY(r.body.contains("process_types"));
        r = f->api().post("/apps/slug-bad/slugs", {{"process_types", {{"web", "x"}}}, {"stack", "heroku-22"}});
        VERIFY_STATUS(r, 422);
    }

    void foreignAndUnknownSlugsAre404()
    {
        createApp("slug-mine");
        const json mine = newSlug("slug-mine");
        const QString token = strangerToken();
        HttpClient stranger(QString::fromStdString(f->emulator().apiUrl()), token);
        VERIFY_STATUS(stranger.post("/apps", {{"name", "slug-theirs"}}), 201);
        // Their slug released on my app: 404, as if it did not exist.
        const json theirs = stranger.post("/apps/slug-theirs/slugs", {{"process_types", {{"web", "x"}}}}).json();
        auto r = f->api().post("/apps/slug-mine/releases", {{"slug", theirs["id"]}});
        VERIFY_STATUS(r, 404);
        QVERIFY(r.body.contains("Couldn't find that slug."));
        // Mine released on their app: 404 too.
        VERIFY_STATUS(stranger.post("/apps/slug-theirs/releases", {{"slug", mine["id"]}}), 404);
        VERIFY_STATUS(f->api().post("/apps/slug-mine/releases", {{"slug", "01234567-89ab-cdef-0123-456789abcdef"}}), 404);
    }

    void stackSetRefusesStacksTheEmulatorLacks()
    {
        createApp("slug-stack");
        auto r = f->api().patch("/apps/slug-stack", {{"build_stack", "heroku-22"}});
        VERIFY_STATUS(r, 422);
        QVERIFY2(r.body.contains("heroku-24 only"), r.body.constData());
        r = f->api().patch("/apps/slug-stack", {{"build_stack", "heroku-24"}});
        VERIFY_STATUS(r, 200);
        JSON_EQ(r.json()["build_stack"]["name"], json("heroku-24"));
    }
};

QTEST_GUILESS_MAIN(TestSlugRelease)
#include "tst_slugrelease.moc"
