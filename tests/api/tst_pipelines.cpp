// Pipelines against the real emulator: couplings at stages and the refusals (unknown stage, an
// app already in another pipeline), the CLI's `filters/apps`, and promotions: a deployed
// staging slug released on production without a build, a target whose release phase fails
// marked failed beside one released, and a source without a release refused.
#include "buildpacks/buildpackfixture.h"
#include "common/golden.h"
#include "slugtarball.h"


using namespace dynodesk::testing;
using nlohmann::json;

class TestPipelines : public QObject {
    Q_OBJECT

    std::unique_ptr<BuildpackFixture> f;

    void createApp(const QString &name) { VERIFY_STATUS(f->api().post("/apps", {{"name", name.toStdString()}}), 201); }

    json createPipeline(const std::string &name)
    {
        const json account = f->api().get("/account").json();
        auto r = f->api().post("/pipelines", {{"name", name}, {"owner", {{"id", account["id"]}, {"type", "user"}}}});
        if (r.status != 201)
            qWarning("pipeline create: %d %s", r.status, r.body.constData());
        return r.json();
    }

    HttpResult couple(const json &pipeline, const std::string &app, const std::string &stage)
    {
        return f->api().post("/pipeline-couplings", {{"pipeline", pipeline["id"]}, {"app", app}, {"stage", stage}});
    }

    // Polls the promotion's targets until none is pending (at most 60 s).
    json settledTargets(const std::string &promotionId)
    {
        const QString url = QString::fromStdString("/pipeline-promotions/" + promotionId + "/promotion-targets");
        QElapsedTimer t;
        t.start();
        json targets;
        for (;;) {
            targets = f->api().get(url).json();
            bool pending = false;
            for (const auto &target : targets)
                pending = pending || target["status"] == "pending";
            if (!pending || t.elapsed() > 60000)
                return targets;
            QTest::qWait(200);
        }
    }

    QString strangerToken() { return f->addAccount("outsider@example.com"); }

private slots:
    void initTestCase()
    {
        f = std::make_unique<BuildpackFixture>();
        QVERIFY(f->started());
    }
    void cleanupTestCase() { f.reset(); }

    void couplingsAndStages()
    {
        createApp("pl-one");
        createApp("pl-two");
        const json pipeline = createPipeline("pl-crud");
        // By type: the values asserted beside each call differ between the calls of this test.
        VERIFY_GOLDEN_TYPES(pipeline, "pipeline");
        JSON_EQ(pipeline["name"], json("pl-crud"));
        JSON_EQ(pipeline["owner"]["type"], json("user"));
        auto r = couple(pipeline, "pl-one", "staging");
        VERIFY_STATUS(r, 201);
        const json coupling = r.json();
        VERIFY_GOLDEN_TYPES(coupling, "pipeline-coupling");
        JSON_EQ(coupling["stage"], json("staging"));
        VERIFY_STATUS(couple(pipeline, "pl-two", "production"), 201);

        // The app's coupling names its pipeline, as apps:info prints it.
        const json byApp = f->api().get("/apps/pl-one/pipeline-couplings").json();
        JSON_EQ(byApp["id"], coupling["id"]);
        JSON_EQ(byApp["pipeline"]["name"], json("pl-crud"));
        const QString list = QString::fromStdString("/pipelines/" + pipeline["id"].get<std::string>() + "/pipeline-couplings");
        QCOMPARE(f->api().get(list).json().size(), size_t(2));

        // Unknown stage: 422, nothing changed.
        const QString one = QString::fromStdString("/pipeline-couplings/" + coupling["id"].get<std::string>());
        r = f->api().patch(one, {{"stage", "qa"}});
        VERIFY_STATUS(r, 422);
        QVERIFY2(r.body.contains("qa"), r.body.constData());
        JSON_EQ(f->api().get(one).json()["stage"], json("staging"));
        r = f->api().patch(one, {{"stage", "development"}});
        VERIFY_STATUS(r, 200);
        JSON_EQ(r.json()["stage"], json("development"));

        // An app in a pipeline is refused by another; it stays where it was.
        const json other = createPipeline("pl-other");
        r = couple(other, "pl-one", "staging");
        VERIFY_STATUS(r, 422);
        QVERIFY2(r.body.contains("already in the pipeline pl-crud"), r.body.constData());
        JSON_EQ(f->api().get("/apps/pl-one/pipeline-couplings").json()["pipeline"]["id"], pipeline["id"]);
        VERIFY_STATUS(couple(other, "pl-nope", "staging"), 404);

        // filters/apps: the apps asked for that the caller sees.
        const json apps = f->api().post("/filters/apps", {{"in", {{"id", {byApp["app"]["id"], "00000000-0000-0000-0000-000000000000"}}}}}).json();
        QCOMPARE(apps.size(), size_t(1));
        JSON_EQ(apps[0]["name"], json("pl-one"));

        // Transferred to a team: its apps go with it.
        VERIFY_STATUS(f->api().post("/teams", {{"name", "pl-team"}}), 201);
        const json team = f->api().get("/teams/pl-team").json();
        r = f->api().post("/pipeline-transfers", {{"pipeline", {{"id", pipeline["id"]}}},
                                                  {"new_owner", {{"id", team["id"]}, {"type", "team"}}}});
        VERIFY_STATUS(r, 201);
        VERIFY_GOLDEN_TYPES(r.json(), "pipeline-transfer");
        JSON_EQ(r.json()["previous_owner"]["type"], json("user"));
        JSON_EQ(r.json()["new_owner"]["id"], team["id"]);
        JSON_EQ(f->api().get("/apps/pl-two").json()["team"]["name"], json("pl-team"));

        // Renamed, found by name, uncoupled, destroyed.
        const QString self = QString::fromStdString("/pipelines/" + pipeline["id"].get<std::string>());
        VERIFY_STATUS(f->api().patch(self, {{"name", "pl-renamed"}}), 200);
        const json found = f->api().get("/pipelines?eq[name]=pl-renamed").json();
        QCOMPARE(found.size(), size_t(1));
        JSON_EQ(found[0]["id"], pipeline["id"]);
        VERIFY_STATUS(f->api().del(one), 200);
        VERIFY_STATUS(f->api().get("/apps/pl-one/pipeline-couplings"), 404);
        VERIFY_STATUS(f->api().del(self), 200);
        VERIFY_STATUS(f->api().get("/apps/pl-two/pipeline-couplings"), 404);
        VERIFY_STATUS(f->api().get("/apps/pl-two"), 200);
    }

    void promotionReleasesTheStagingSlug()
    {
        const Deploy built = f->deploy("pr-staging", "node-basic");
        QVERIFY2(built.succeeded(), qPrintable(built.push.output));
        createApp("pr-production");
        const json pipeline = createPipeline("pr");
        VERIFY_STATUS(couple(pipeline, "pr-staging", "staging"), 201);
        VERIFY_STATUS(couple(pipeline, "pr-production", "production"), 201);
        const json source = f->api().get("/apps/pr-staging").json();
        const json target = f->api().get("/apps/pr-production").json();
        const int buildsBefore = int(f->api().get("/apps/pr-production/builds").json().size());

        auto r = f->api().post("/pipeline-promotions", {{"pipeline", {{"id", pipeline["id"]}}},
                                                        {"source", {{"app", {{"id", source["id"]}}}}},
                                                        {"targets", {{{"app", {{"id", target["id"]}}}}}}});
        VERIFY_STATUS(r, 201);
        const json promotion = r.json();
        VERIFY_GOLDEN_TYPES(promotion, "pipeline-promotion");
        JSON_EQ(promotion["source"]["app"]["id"], source["id"]);
        const json targets = settledTargets(promotion["id"]);
        VERIFY_GOLDEN_TYPES(targets, "pipeline-promotion-target");
        QCOMPARE(targets.size(), size_t(1));
        JSON_EQ(targets[0]["status"], json("succeeded"));
        JSON_EQ(f->api().get(QString::fromStdString("/pipeline-promotions/" + promotion["id"].get<std::string>()))
                        .json()["status"], json("completed"));

        const json release = f->api().get("/apps/pr-production/releases/" + QString::fromStdString(
                                                  targets[0]["release"]["id"].get<std::string>())).json();
        const std::string commit = built.slug["commit"];
        JSON_EQ(release["description"], json("Promote pr-staging v2 " + commit.substr(0, 7)));
        const json slug = f->api().get("/apps/pr-production/slugs/" + QString::fromStdString(
                                               release["slug"]["id"].get<std::string>())).json();
        JSON_EQ(slug["commit"], built.slug["commit"]);
        JSON_EQ(slug["process_types"], built.slug["process_types"]);
        QCOMPARE(int(f->api().get("/apps/pr-production/builds").json().size()), buildsBefore); // no build
        QCOMPARE(f->fetchWhenUp("pr-production").body, QByteArray("Hello from node-basic\n"));

        const QString latest = QString::fromStdString("/pipelines/" + pipeline["id"].get<std::string>() + "/latest-releases");
        QCOMPARE(f->api().get(latest).json().size(), size_t(2));
    }

    void failedTargetLeavesTheOthersReleased()
    {
        createApp("pf-staging");
        createApp("pf-good");
        createApp("pf-bad");
        // The slug's release phase fails where BREAK is set: on pf-bad only.
        const QString tarball = makeSlugTarball(f->tmp(QStringLiteral("slugs")), "pf", "promoted");
        auto r = f->api().post("/apps/pf-staging/slugs",
                               {{"process_types", {{"web", "node server.js"}, {"release", "test -z \"$BREAK\""}}},
                                {"commit", "89abcdef01234567"}});
        VERIFY_STATUS(r, 201);
        const json slug = r.json();
        QCOMPARE(curlPut(QString::fromStdString(slug["blob"]["url"]), tarball).first, 200);
        VERIFY_STATUS(f->api().post("/apps/pf-staging/releases", {{"slug", slug["id"]}}), 201);
        VERIFY_STATUS(f->api().patch("/apps/pf-bad/config-vars", {{"BREAK", "1"}}), 200);
        const json pipeline = createPipeline("pf");
        VERIFY_STATUS(couple(pipeline, "pf-staging", "staging"), 201);
        VERIFY_STATUS(couple(pipeline, "pf-good", "production"), 201);
        VERIFY_STATUS(couple(pipeline, "pf-bad", "production"), 201);
        // The source's release phase has to finish before it has a current release.
        QElapsedTimer t;
        t.start();
        while (f->api().get("/apps/pf-staging/releases/2").json()["status"] == "pending" && t.elapsed() < 30000)
            QTest::qWait(200);

        r = f->api().post("/pipeline-promotions", {{"pipeline", {{"id", pipeline["id"]}}},
                                                   {"source", {{"app", {{"id", "pf-staging"}}}}},
                                                   {"targets", {{{"app", {{"id", "pf-good"}}}}, {{"app", {{"id", "pf-bad"}}}}}}});
        VERIFY_STATUS(r, 201);
        const json targets = settledTargets(r.json()["id"]);
        QCOMPARE(targets.size(), size_t(2));
        const json good = f->api().get("/apps/pf-good").json(), bad = f->api().get("/apps/pf-bad").json();
        for (const auto &target : targets) {
            const bool isGood = target["app"]["id"] == good["id"];
            JSON_EQ(target["status"], json(isGood ? "succeeded" : "failed"));
            JSON_EQ(target["error_message"], isGood ? json(nullptr) : json("Release v3 failed: its release command did not succeed."));
        }
        QCOMPARE(f->fetchWhenUp("pf-good").body, QByteArray("promoted\n"));
        JSON_EQ(f->api().get("/apps/pf-bad/releases/3").json()["status"], json("failed")); // v2 set BREAK
        Q_UNUSED(bad);
    }

    // Someone who sees none of a pipeline's apps does not see the pipeline; promoting into an app
    // they cannot deploy to fails that target only.
    void strangersNeitherSeeNorPromote()
    {
        const Deploy built = f->deploy("ps-staging", "node-basic");
        QVERIFY2(built.succeeded(), qPrintable(built.push.output));
        const json pipeline = createPipeline("ps");
        VERIFY_STATUS(couple(pipeline, "ps-staging", "staging"), 201);
        HttpClient stranger(QString::fromStdString(f->emulator().apiUrl()), strangerToken());
        const QString self = QString::fromStdString("/pipelines/" + pipeline["id"].get<std::string>());
        VERIFY_STATUS(stranger.get(self), 404);
        QCOMPARE(stranger.get("/pipelines").json().size(), size_t(0));
        VERIFY_STATUS(stranger.patch(self, {{"name", "taken"}}), 404);
        VERIFY_STATUS(stranger.del(self), 404);
        VERIFY_STATUS(stranger.get("/apps/ps-staging/pipeline-couplings"), 403);
        QCOMPARE(stranger.post("/filters/apps", {{"in", {{"id", {f->api().get("/apps/ps-staging").json()["id"]}}}}}).json().size(),
                 size_t(0));
        // Their own app, coupled into my pipeline: not theirs to add, not mine to couple.
        VERIFY_STATUS(stranger.post("/apps", {{"name", "ps-theirs"}}), 201);
        VERIFY_STATUS(couple(pipeline, "ps-theirs", "production"), 403);
        VERIFY_STATUS(f->api().get(self), 200);
    }

    void promotionWithoutReleaseIsRefused()
    {
        createApp("pn-staging");
        createApp("pn-production");
        const json pipeline = createPipeline("pn");
        VERIFY_STATUS(couple(pipeline, "pn-staging", "staging"), 201);
        VERIFY_STATUS(couple(pipeline, "pn-production", "production"), 201);
        auto r = f->api().post("/pipeline-promotions", {{"pipeline", {{"id", pipeline["id"]}}},
                                                        {"source", {{"app", {{"id", "pn-staging"}}}}},
                                                        {"targets", {{{"app", {{"id", "pn-production"}}}}}}});
        VERIFY_STATUS(r, 422);
        QVERIFY2(r.body.contains("Couldn't find a release"), r.body.constData());
        QCOMPARE(f->api().get("/apps/pn-production/releases").json().size(), size_t(1));
        // A target outside the pipeline is refused too.
        createApp("pn-outside");
        r = f->api().post("/pipeline-promotions", {{"pipeline", {{"id", pipeline["id"]}}},
                                                   {"source", {{"app", {{"id", "pn-staging"}}}}},
                                                   {"targets", {{{"app", {{"id", "pn-outside"}}}}}}});
        VERIFY_STATUS(r, 422);
    }
};

QTEST_GUILESS_MAIN(TestPipelines)
#include "tst_pipelines.moc"
