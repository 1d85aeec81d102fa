// The Deploy, Create from Template and Import wizards of the IDE plugin (issue #8, points 4-6),
// driven through their real widgets against the in-process emulator: real git (libgit2) pushes,
// real builds and dynos, the router, and Postgres for the add-on template.
#include "pluginfixture.h"

#include "client/gitops.h"
#include "plugincontext.h"
#include "webview.h"
#include "wizards/deploydialog.h"
#include "wizards/importdialog.h"
#include "wizards/templatewizard.h"

#include "consoleview.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QWebEngineView>


using namespace dynodesk::ideplugin;
using dynodesk::testing::HttpClient;
using dynodesk::testing::HttpResult;

static constexpr int kDeployTimeout = 150000; // ms: a build, a release and the dyno's start

class TestPluginWizards : public QObject {
    Q_OBJECT

    plugintest::Fixture f;
    std::unique_ptr<PluginContext> ctx;
    QTemporaryDir projects;
    // The Node.js app the first case makes and the later ones deploy and import.
    const QString nodeApp = QStringLiteral("wiz-node");
    QString nodeDir;

    nlohmann::json app(const QString &name) const { return f.api->get(QStringLiteral("/apps/") + name).json(); }

    int currentRelease(const QString &name) const
    {
        int version = 0;
        for (const auto &release : f.api->get(QStringLiteral("/apps/%1/releases").arg(name)).json())
            if (release["current"].get<bool>())
                version = release["version"].get<int>();
        return version;
    }

    // GET / of the app through the router, as a browser resolving <app>.localhost would.
    static HttpResult page(const QString &webUrl)
    {
        const QUrl url(webUrl);
        return HttpClient(QStringLiteral("http://127.0.0.1:%1").arg(url.port()))
                .get(QStringLiteral("/"), {{"Host", url.authority().toUtf8()}});
    }

    QString console(const QString &app) const
    {
        return f.window->console(QStringLiteral("Deploy %1").arg(app))->toPlainText();
    }

    template <typename T>
    static T *child(QWidget *parent, const char *name)
    {
        T *w = parent->findChild<T *>(QLatin1String(name));
        if (!w)
            qWarning("no %s named %s", T::staticMetaObject.className(), name);
        return w;
    }

    static void click(QPushButton *button)
    {
        QVERIFY(button);
        QVERIFY2(button->isEnabled(), qPrintable(button->objectName() + QStringLiteral(" is disabled")));
        QTest::mouseClick(button, Qt::LeftButton);
    }

    static bool selectTemplate(TemplateWizard &wizard, const QString &name)
    {
        auto *list = child<QListWidget>(&wizard, "templateList");
        const auto items = list->findItems(name, Qt::MatchExactly);
        if (items.size() != 1)
            return false;
        list->setCurrentItem(items.first());
        return true;
    }

    // Fills the wizard and clicks Finish; returns the app and its folder once it has finished.
    bool createFromTemplate(const QString &templateName, const QString &name, QString *app, QString *dir,
                            const QString &shot = {})
    {
        TemplateWizard wizard(*ctx, f.window.get());
        wizard.open();
        if (!QTest::qWaitForWindowExposed(&wizard) || !selectTemplate(wizard, templateName))
            return false;
        QTest::keyClicks(child<QLineEdit>(&wizard, "appName"), name);
        auto *folder = child<QLineEdit>(&wizard, "folderEdit");
        folder->clear();
        QTest::keyClicks(folder, projects.path());
        if (!shot.isEmpty())
            plugintest::snap(&wizard, shot);
        QSignalSpy finished(&wizard, &TemplateWizard::finished);
        QSignalSpy failed(&wizard, &TemplateWizard::failed);
        QTest::mouseClick(child<QPushButton>(&wizard, "finishButton"), Qt::LeftButton);
        if (!shot.isEmpty()) {
            QTest::qWait(300);
            plugintest::snap(&wizard, shot + QStringLiteral("-running"));
        }
        (void)QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, kDeployTimeout);
        if (finished.isEmpty()) {
            qWarning("the wizard did not finish: %s", qPrintable(child<QLabel>(&wizard, "statusLabel")->text()));
            return false;
        }
        *app = finished.first().at(0).toString();
        *dir = finished.first().at(1).toString();
        return !wizard.isVisible(); // Finish closes the wizard
    }

public:
    static void initMain() { guitest::prepare(); }

private slots:
    void initTestCase()
    {
        QVERIFY2(f.start(), qPrintable(f.pluginError));
        ctx = std::make_unique<PluginContext>(*f.window);
        ctx->client.setEndpoint(QUrl(f.connection->apiUrl()), f.connection->token());
        QVERIFY(projects.isValid());
    }

    void templatesAreListedWithADescription()
    {
        TemplateWizard wizard(*ctx, f.window.get());
        wizard.open();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QCOMPARE(wizard.objectName(), QStringLiteral("templateWizard"));
        auto *list = child<QListWidget>(&wizard, "templateList");
        QVERIFY(list);
        QStringList names;
        for (int i = 0; i < list->count(); ++i) {
            names.append(list->item(i)->text());
            QVERIFY2(!list->item(i)->toolTip().isEmpty(), qPrintable(list->item(i)->text()));
        }
        QCOMPARE(names, (QStringList{QStringLiteral("Node.js"), QStringLiteral("Python"), QStringLiteral("Static site"),
                                     QStringLiteral("Node.js + Postgres")}));
        auto *description = child<QLabel>(&wizard, "templateDescription");
        QVERIFY(selectTemplate(wizard, QStringLiteral("Node.js + Postgres")));
        QVERIFY2(description->text().contains(QStringLiteral("heroku-postgresql")), qPrintable(description->text()));
        plugintest::snap(&wizard, QStringLiteral("wizards-template-postgres"));
        QVERIFY(selectTemplate(wizard, QStringLiteral("Python")));
        QVERIFY2(description->text().contains(QStringLiteral("http.server")), qPrintable(description->text()));
        QVERIFY(!description->text().contains(QStringLiteral("Add-ons")));

        // A name the platform refuses is reported in the wizard, which stays open.
        QTest::keyClicks(child<QLineEdit>(&wizard, "appName"), QStringLiteral("ab"));
        child<QLineEdit>(&wizard, "folderEdit")->setText(projects.path());
        QSignalSpy failed(&wizard, &TemplateWizard::failed);
        click(child<QPushButton>(&wizard, "finishButton"));
        QVERIFY(failed.wait(10000));
        QVERIFY2(child<QLabel>(&wizard, "statusLabel")->text().contains(QStringLiteral("too short")),
                 qPrintable(child<QLabel>(&wizard, "statusLabel")->text()));
        QVERIFY(wizard.isVisible());
        QVERIFY(child<QPushButton>(&wizard, "finishButton")->isEnabled());
    }

    void createFromTheNodeTemplate()
    {
        QString made;
        QVERIFY(createFromTemplate(QStringLiteral("Node.js"), nodeApp, &made, &nodeDir, QStringLiteral("wizards-template")));
        QCOMPARE(made, nodeApp);
        QCOMPARE(nodeDir, QDir(projects.path()).filePath(nodeApp));

        // The app exists with its URLs, and its setup built and released the template (a release
        // after v1, with a slug; a setup, like the platform's Button, leaves the app's git
        // repository empty until the project's first push).
        const auto info = app(nodeApp);
        const QString gitUrl = QString::fromStdString(info["git_url"].get<std::string>());
        const QString webUrl = QString::fromStdString(info["web_url"].get<std::string>());
        QVERIFY2(gitUrl.endsWith(QStringLiteral("/wiz-node.git")), qPrintable(gitUrl));
        QVERIFY2(webUrl.startsWith(QStringLiteral("http://wiz-node.localhost:")), qPrintable(webUrl));
        QVERIFY(currentRelease(nodeApp) >= 2);
        bool slugReleased = false;
        for (const auto &release : f.api->get(QStringLiteral("/apps/%1/releases").arg(nodeApp)).json())
            slugReleased = slugReleased || (release["current"].get<bool>() && release["slug"].is_object());
        QVERIFY(slugReleased);

        // The clone holds the template (its dotfiles too, not its description) with the app as
        // the heroku remote, and is the open project.
        QVERIFY(QFile::exists(nodeDir + QStringLiteral("/server.js")));
        QVERIFY(QFile::exists(nodeDir + QStringLiteral("/package.json")));
        QVERIFY(QFile::exists(nodeDir + QStringLiteral("/.gitignore")));
        QVERIFY(!QFile::exists(nodeDir + QStringLiteral("/template.json")));
        QCOMPARE(git::remoteUrl(nodeDir, QStringLiteral("heroku")), gitUrl);
        QString error;
        QVERIFY(git::status(nodeDir, &error).isEmpty()); // everything was committed
        QCOMPARE(f.window->currentProject(), nodeDir);

        // The push's build output went to the console.
        QVERIFY2(console(nodeApp).contains(QStringLiteral("Node.js app detected")), qPrintable(console(nodeApp)));
        QVERIFY(console(nodeApp).contains(QStringLiteral("Released v2")));

        // The app runs: the router serves its page, and the web view shows it.
        QTRY_COMPARE_WITH_TIMEOUT(page(webUrl).status, 200, 30000);
        QVERIFY(page(webUrl).body.contains("Hello from Node.js"));
        dynodesk::app::WebView *web = f.window->webView();
        QTRY_COMPARE_WITH_TIMEOUT(web->url(), QUrl(webUrl), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(web->view()->title(), QStringLiteral("Hello from Node.js"), 30000);
        plugintest::snap(f.window.get(), QStringLiteral("wizards-template-done"));
    }

    void deployAfterEditingAFile()
    {
        QVERIFY(!nodeDir.isEmpty());
        const int before = currentRelease(nodeApp);
        QFile server(nodeDir + QStringLiteral("/server.js"));
        QVERIFY(server.open(QIODevice::ReadOnly));
        QByteArray code = server.readAll().replace("Hello from Node.js", "Hello again from Node.js");
        server.close();
        QVERIFY(server.open(QIODevice::WriteOnly | QIODevice::Truncate));
        server.write(code);
        server.close();

        DeployDialog dialog(*ctx, nodeApp, QString::fromStdString(app(nodeApp)["git_url"].get<std::string>()), nodeDir,
                            f.window.get());
        dialog.open();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.objectName(), QStringLiteral("deployDialog"));
        auto *changes = child<QListWidget>(&dialog, "changesList");
        QTRY_VERIFY(changes->count() == 1 && changes->item(0)->text().contains(QStringLiteral("server.js")));
        QVERIFY(changes->item(0)->text().contains(QStringLiteral("modified")));
        auto *commitAndDeploy = child<QPushButton>(&dialog, "commitAndDeployButton");
        QVERIFY(!commitAndDeploy->isEnabled()); // no message yet
        QTest::keyClicks(child<QLineEdit>(&dialog, "commitMessage"), QStringLiteral("Say hello again"));
        plugintest::snap(&dialog, QStringLiteral("wizards-deploy"));

        QSignalSpy deployed(&dialog, &DeployDialog::deployed);
        QSignalSpy appsChanged(ctx.get(), &PluginContext::appsChanged);
        click(commitAndDeploy);
        QVERIFY(dialog.isRunning());
        QVERIFY(!child<QPushButton>(&dialog, "deployButton")->isEnabled());
        QCOMPARE(child<QPushButton>(&dialog, "cancelButton")->text(), QStringLiteral("Cancel"));
        QVERIFY2(deployed.wait(kDeployTimeout), qPrintable(child<QLabel>(&dialog, "resultLabel")->text()));
        const int version = deployed.first().first().toInt();
        QCOMPARE(version, before + 1);
        QCOMPARE(currentRelease(nodeApp), version);
        QVERIFY(!appsChanged.isEmpty());

        const QString webUrl = QString::fromStdString(app(nodeApp)["web_url"].get<std::string>());
        QCOMPARE(child<QLabel>(&dialog, "resultLabel")->text(),
                 QStringLiteral("Deployed v%1 to %2: %3").arg(version).arg(nodeApp, webUrl));
        // The build output streamed into the dialog and the console.
        const QString log = child<QPlainTextEdit>(&dialog, "deployLog")->toPlainText();
        QVERIFY2(log.contains(QStringLiteral("Node.js app detected")), qPrintable(log));
        QVERIFY(log.contains(QStringLiteral("Released v%1").arg(version)));
        QVERIFY(console(nodeApp).contains(QStringLiteral("Released v%1").arg(version)));
        QVERIFY(console(nodeApp).contains(QStringLiteral("Deployed v%1 to %2").arg(version).arg(nodeApp)));
        // The commit is the account's, and the working tree is clean again.
        QTRY_VERIFY(changes->count() == 1 && !(changes->item(0)->flags() & Qt::ItemIsEnabled));
        QCOMPARE(child<QPushButton>(&dialog, "cancelButton")->text(), QStringLiteral("Close"));
        QTRY_VERIFY_WITH_TIMEOUT(page(webUrl).body.contains("Hello again from Node.js"), 30000);
        plugintest::snap(&dialog, QStringLiteral("wizards-deploy-done"));

        click(child<QPushButton>(&dialog, "cancelButton")); // Close, now that nothing runs
        QVERIFY(!dialog.isVisible());
    }

    void failedDeployShowsTheBuildError()
    {
        QVERIFY(!nodeDir.isEmpty());
        const int before = currentRelease(nodeApp);
        QFile procfile(nodeDir + QStringLiteral("/Procfile"));
        QVERIFY(procfile.open(QIODevice::WriteOnly));
        procfile.write("web: node server.js\nthis line is not a process type\n");
        procfile.close();

        DeployDialog dialog(*ctx, nodeApp, QString::fromStdString(app(nodeApp)["git_url"].get<std::string>()), nodeDir,
                            f.window.get());
        dialog.open();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *changes = child<QListWidget>(&dialog, "changesList");
        QTRY_VERIFY(changes->count() == 1 && changes->item(0)->text().contains(QStringLiteral("Procfile")));
        QVERIFY(changes->item(0)->text().contains(QStringLiteral("new")));
        QTest::keyClicks(child<QLineEdit>(&dialog, "commitMessage"), QStringLiteral("A broken Procfile"));
        QSignalSpy failed(&dialog, &DeployDialog::deployFailed);
        click(child<QPushButton>(&dialog, "commitAndDeployButton"));
        QVERIFY(failed.wait(kDeployTimeout));
        const QString result = child<QLabel>(&dialog, "resultLabel")->text();
        QVERIFY2(result.startsWith(QStringLiteral("Deploy failed: ")) && result.contains(QStringLiteral("Procfile line 2 is not valid")),
                 qPrintable(result));
        QCOMPARE(currentRelease(nodeApp), before);
        plugintest::snap(&dialog, QStringLiteral("wizards-deploy-failed"));

        // Fixed and deployed with Deploy (the commit is made by hand): a new release.
        QVERIFY(procfile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        procfile.write("web: node server.js\n");
        procfile.close();
        QVERIFY(git::commitAll(nodeDir, QStringLiteral("Fix the Procfile"), QStringLiteral("t"), QStringLiteral("t@example.com")).ok);
        QSignalSpy deployed(&dialog, &DeployDialog::deployed);
        click(child<QPushButton>(&dialog, "deployButton"));
        QVERIFY2(deployed.wait(kDeployTimeout), qPrintable(child<QLabel>(&dialog, "resultLabel")->text()));
        QCOMPARE(deployed.first().first().toInt(), before + 1);
    }

    void cancelStopsARunningDeploy()
    {
        QVERIFY(!nodeDir.isEmpty());
        const int before = currentRelease(nodeApp);
        QFile extra(nodeDir + QStringLiteral("/notes.txt"));
        QVERIFY(extra.open(QIODevice::WriteOnly));
        extra.write("not deployed\n");
        extra.close();
        DeployDialog dialog(*ctx, nodeApp, QString::fromStdString(app(nodeApp)["git_url"].get<std::string>()), nodeDir,
                            f.window.get());
        dialog.open();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY(child<QListWidget>(&dialog, "changesList")->count() == 1);
        QTest::keyClicks(child<QLineEdit>(&dialog, "commitMessage"), QStringLiteral("Notes"));
        QSignalSpy failed(&dialog, &DeployDialog::deployFailed);
        click(child<QPushButton>(&dialog, "commitAndDeployButton"));
        click(child<QPushButton>(&dialog, "cancelButton"));
        QVERIFY(dialog.isVisible()); // Cancel stops the push; it does not close the dialog
        QVERIFY(failed.wait(kDeployTimeout));
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("cancelled")),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(!dialog.isRunning());
        QCOMPARE(currentRelease(nodeApp), before);
    }

    void importClonesAPushedAppAndGreysOutAnUnpushedOne()
    {
        QVERIFY(!nodeDir.isEmpty());
        QCOMPARE(f.api->post(QStringLiteral("/apps"), {{"name", "wiz-empty"}}).status, 201);
        const QTemporaryDir target;
        ImportDialog dialog(*ctx, nodeApp, f.window.get());
        QSignalSpy loaded(&dialog, &ImportDialog::appsLoaded);
        dialog.open();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.objectName(), QStringLiteral("importDialog"));
        QVERIFY(loaded.wait(10000));
        auto *list = child<QTreeWidget>(&dialog, "appList");
        const auto empty = list->findItems(QStringLiteral("wiz-empty"), Qt::MatchExactly);
        QCOMPARE(empty.size(), 1);
        QVERIFY(empty.first()->isDisabled());
        QVERIFY2(empty.first()->toolTip(0).contains(QStringLiteral("Nothing pushed yet")), qPrintable(empty.first()->toolTip(0)));
        QCOMPARE(empty.first()->text(1), QStringLiteral("nothing pushed yet"));
        const auto pushed = list->findItems(nodeApp, Qt::MatchExactly);
        QCOMPARE(pushed.size(), 1);
        QVERIFY(!pushed.first()->isDisabled());
        QCOMPARE(list->currentItem(), pushed.first()); // the preselected app
        auto *folder = child<QLineEdit>(&dialog, "folderEdit");
        folder->clear();
        QTest::keyClicks(folder, target.path());
        plugintest::snap(&dialog, QStringLiteral("wizards-import"));

        QSignalSpy imported(&dialog, &ImportDialog::imported);
        click(child<QPushButton>(&dialog, "importButton"));
        QVERIFY(imported.wait(30000));
        const QString dir = QDir(target.path()).filePath(nodeApp);
        QCOMPARE(imported.first().first().toString(), dir);
        QFile server(dir + QStringLiteral("/server.js"));
        QVERIFY(server.open(QIODevice::ReadOnly));
        QVERIFY(server.readAll().contains("Hello again from Node.js")); // what was deployed last
        QCOMPARE(git::remoteUrl(dir, QStringLiteral("heroku")),
                 QString::fromStdString(app(nodeApp)["git_url"].get<std::string>()));
        QCOMPARE(f.window->currentProject(), dir);
        QVERIFY(!dialog.isVisible());

        // Importing again into the same folder is refused, and nothing is touched.
        ImportDialog again(*ctx, nodeApp, f.window.get());
        QSignalSpy loadedAgain(&again, &ImportDialog::appsLoaded);
        again.open();
        QVERIFY(loadedAgain.wait(10000));
        child<QLineEdit>(&again, "folderEdit")->setText(target.path());
        click(child<QPushButton>(&again, "importButton"));
        QVERIFY2(child<QLabel>(&again, "statusLabel")->text().contains(QStringLiteral("already exists")),
                 qPrintable(child<QLabel>(&again, "statusLabel")->text()));
        QVERIFY(again.isVisible());
    }

    void templatesWithoutNodeBuildAndServe_data()
    {
        QTest::addColumn<QString>("templateName");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("python") << QStringLiteral("Python") << QStringLiteral("Python") << QByteArray("Hello from Python");
        QTest::newRow("static") << QStringLiteral("Static site") << QStringLiteral("Static HTML")
                                << QByteArray("Hello from a static site");
    }
    void templatesWithoutNodeBuildAndServe()
    {
        QFETCH(QString, templateName);
        QFETCH(QString, language);
        QFETCH(QByteArray, text);
        QString made, dir;
        QVERIFY(createFromTemplate(templateName, QString(), &made, &dir)); // a generated name
        QVERIFY(!made.isEmpty());
        QVERIFY2(console(made).contains(QStringLiteral("%1 app detected").arg(language)), qPrintable(console(made)));
        const QString webUrl = QString::fromStdString(app(made)["web_url"].get<std::string>());
        QTRY_COMPARE_WITH_TIMEOUT(page(webUrl).status, 200, 30000);
        QVERIFY2(page(webUrl).body.contains(text), page(webUrl).body.constData());
    }

    void aFailedFirstDeployLeavesTheProjectOpen()
    {
        // A template whose Procfile the build refuses.
        const QTemporaryDir root;
        QDir().mkpath(root.filePath(QStringLiteral("broken")));
        auto write = [&root](const QString &name, const QByteArray &content) {
            QFile file(root.filePath(QStringLiteral("broken/") + name));
            return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
        };
        QVERIFY(write(QStringLiteral("template.json"), R"({"name": "Broken", "description": "A bad Procfile"})"));
        QVERIFY(write(QStringLiteral("package.json"), R"({"name": "broken", "scripts": {"start": "node server.js"}})"));
        QVERIFY(write(QStringLiteral("Procfile"), "web: node server.js\nnot a process type\n"));

        TemplateWizard wizard(*ctx, f.window.get());
        wizard.setTemplateRoot(root.path());
        wizard.open();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QVERIFY(selectTemplate(wizard, QStringLiteral("Broken")));
        QTest::keyClicks(child<QLineEdit>(&wizard, "appName"), QStringLiteral("wiz-broken"));
        child<QLineEdit>(&wizard, "folderEdit")->setText(projects.path());
        QSignalSpy failed(&wizard, &TemplateWizard::failed);
        click(child<QPushButton>(&wizard, "finishButton"));
        QVERIFY(failed.wait(kDeployTimeout));
        const QString status = child<QLabel>(&wizard, "statusLabel")->text();
        QVERIFY2(status.contains(QStringLiteral("The first deploy failed: Procfile line 2 is not valid")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("The app wiz-broken exists on the platform")), qPrintable(status));
        // The build output is in the wizard, and the project is open to be fixed and deployed.
        auto *log = child<QPlainTextEdit>(&wizard, "deployLog");
        QVERIFY(log->isVisible());
        QVERIFY2(log->toPlainText().contains(QStringLiteral("Procfile line 2 is not valid")), qPrintable(log->toPlainText()));
        const QString dir = QDir(projects.path()).filePath(QStringLiteral("wiz-broken"));
        QCOMPARE(f.window->currentProject(), dir);
        QVERIFY(QFile::exists(dir + QStringLiteral("/Procfile")));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/template.json")));
        QVERIFY(wizard.isVisible());
        plugintest::snap(&wizard, QStringLiteral("wizards-template-failed"));
    }

    void postgresTemplateProvisionsTheDatabase()
    {
        QString made, dir;
        QVERIFY(createFromTemplate(QStringLiteral("Node.js + Postgres"), QStringLiteral("wiz-pg"), &made, &dir));
        const auto addons = f.api->get(QStringLiteral("/apps/wiz-pg/addons")).json();
        QCOMPARE(addons.size(), size_t(1));
        QCOMPARE(addons[0]["addon_service"]["name"].get<std::string>(), std::string("heroku-postgresql"));
        QCOMPARE(addons[0]["state"].get<std::string>(), std::string("provisioned"));
        const auto config = f.api->get(QStringLiteral("/apps/wiz-pg/config-vars")).json();
        QVERIFY2(config.contains("DATABASE_URL") && config["DATABASE_URL"].get<std::string>().rfind("postgres", 0) == 0,
                 config.dump().c_str());
        QVERIFY(QFile::exists(dir + QStringLiteral("/app.json")));
        // The release phase made the table before the web dyno started.
        QVERIFY2(console(made).contains(QStringLiteral("migrated: table visits is ready")), qPrintable(console(made)));
        // The app counts visits in its database.
        const QString webUrl = QString::fromStdString(app(made)["web_url"].get<std::string>());
        QTRY_COMPARE_WITH_TIMEOUT(page(webUrl).status, 200, 30000);
        const QByteArray body = page(webUrl).body;
        QVERIFY2(body.contains("This page has been visited <strong id=\"visits\">"), body.constData());
        QVERIFY2(!body.contains("visited <strong id=\"visits\">0<"), body.constData());
        QTRY_COMPARE_WITH_TIMEOUT(f.window->webView()->view()->title(), QStringLiteral("Hello from Node.js and Postgres"), 30000);
        plugintest::snap(f.window.get(), QStringLiteral("wizards-postgres-done"));
    }

    // In German: the wizard's own name check, and a template set up through the platform.
    void theTemplateWizardSpeaksGerman()
    {
        QVERIFY(plugintest::speak(QLocale::German));
        const auto english = qScopeGuard([] { plugintest::speak(QLocale::English); });
        {
            TemplateWizard wizard(*ctx, f.window.get());
            wizard.open();
            QVERIFY(QTest::qWaitForWindowExposed(&wizard));
            QVERIFY(selectTemplate(wizard, QStringLiteral("Static site")));
            QTest::keyClicks(child<QLineEdit>(&wizard, "appName"), QStringLiteral("ab"));
            child<QLineEdit>(&wizard, "folderEdit")->setText(projects.path());
            click(child<QPushButton>(&wizard, "finishButton"));
            QTRY_COMPARE(child<QLabel>(&wizard, "statusLabel")->text(),
                         QStringLiteral("Die App konnte nicht erstellt werden: Der Name ist zu kurz (mindestens 3 Zeichen)"));
            plugintest::snap(&wizard, QStringLiteral("wizards-template-name-de"));
        }
        QString made, dir;
        QVERIFY(createFromTemplate(QStringLiteral("Static site"), QStringLiteral("wiz-de"), &made, &dir,
                                   QStringLiteral("wizards-template-de")));
        QCOMPARE(made, QStringLiteral("wiz-de"));
    }

    void cleanupTestCase()
    {
        ctx.reset();
        f.window.reset();
    }
};

QTEST_MAIN(TestPluginWizards)
#include "tst_pluginwizards.moc"
