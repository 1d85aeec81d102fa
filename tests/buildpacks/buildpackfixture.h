#pragma once

// The buildpack suites' fixture: a fixture app of tests/buildpacks/apps pushed with stock git
// to the real emulator, and what a user sees of it afterwards (the push output, whether a
// release was made, the slug's files, the app's answer through the router).

#include "deploy/deploytestbase.h"

#include <QElapsedTimer>
#include <QTest>

namespace dynodesk::testing {

struct Deploy {
    GitResult push;           // the push's exit code and everything git printed (`remote: ` lines)
    int releases = 0;         // the app's releases after the push (1 = none but the first)
    QStringList slugFiles;    // the current release's slug, without `./` (empty when none)
    nlohmann::json slug;      // GET /apps/{app}/slugs/{id} of the current release (null when none)

    bool succeeded() const { return push.exitCode == 0; }
    bool released() const { return releases > 1; }
};

class BuildpackFixture final : public DeployFixture {
public:
    using DeployFixture::DeployFixture;

    // Creates `app` (if new), copies fixture `fixture` into a fresh repo (or uses `repo` if
    // given) and pushes main.
    Deploy deploy(const QString &app, const QString &fixture)
    {
        if (api().get(QStringLiteral("/apps/") + app).status == 404)
            api().post(QStringLiteral("/apps"), {{"name", app.toStdString()}});
        const QString repo = repoOf(fixture, app + QStringLiteral("-") + QString::number(++m_repos));
        return pushRepo(app, repo);
    }

    // Pushes an existing work tree (see repoOf and commitAll) to `app`.
    Deploy pushRepo(const QString &app, const QString &repo)
    {
        Deploy d;
        d.push = push(repo, app);
        const auto releases = api().get(QStringLiteral("/apps/") + app + QStringLiteral("/releases")).json();
        d.releases = releases.is_array() ? int(releases.size()) : 0;
        for (auto it = releases.rbegin(); releases.is_array() && it != releases.rend(); ++it) {
            if (!(*it)["slug"].is_object())
                continue;
            const QString id = QString::fromStdString((*it)["slug"]["id"].get<std::string>());
            d.slugFiles = slugFiles(dataDir() + QStringLiteral("/slugs/") + id + QStringLiteral(".tgz"));
            d.slug = api().get(QStringLiteral("/apps/") + app + QStringLiteral("/slugs/") + id).json();
            break;
        }
        return d;
    }

    // GET `path` of `app` through the router (its web dynos), as a browser would.
    HttpResult fetch(const QString &app, const QString &path = QStringLiteral("/"))
    {
        HttpClient router(QStringLiteral("http://127.0.0.1:%1").arg(emulator().routerPort()));
        const QByteArray host = (app + QStringLiteral(".localhost:%1").arg(emulator().routerPort())).toUtf8();
        return router.get(path, {{"Host", host}});
    }

    // Waits (up to `ms`) until `path` of `app` answers 200 through the router; returns the answer.
    HttpResult fetchWhenUp(const QString &app, const QString &path = QStringLiteral("/"), int ms = 30000)
    {
        HttpResult r;
        QElapsedTimer t;
        t.start();
        do {
            r = fetch(app, path);
            if (r.status == 200)
                break;
            QTest::qWait(250);
        } while (t.elapsed() < ms);
        return r;
    }

private:
    int m_repos = 0;
};

} // namespace dynodesk::testing

// A push's output must contain `text` (shown in full when it does not).
#define VERIFY_PUSH_SAYS(deploy, text)                                                                                 \
    QVERIFY2((deploy).push.output.contains(QStringLiteral(text)), qPrintable((deploy).push.output))
// A first push to a new app that must have been rejected without a release.
#define VERIFY_REJECTED(deploy)                                                                                        \
    do {                                                                                                               \
        QVERIFY2((deploy).push.exitCode != 0, qPrintable((deploy).push.output));                                       \
        QVERIFY2((deploy).push.output.contains(QStringLiteral("Push rejected")), qPrintable((deploy).push.output));    \
        QCOMPARE((deploy).releases, 1);                                                                                \
    } while (false)
