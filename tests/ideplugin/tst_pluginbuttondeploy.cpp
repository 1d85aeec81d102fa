// The Button's deploy form (issue #22 point 3), on the real main window with the in-process
// emulator and the real plugin: the form filled from an app.json, the app-name check against the
// platform, Deploy held back until the required config vars are filled, the entry points (File ›
// Deploy from app.json…, Platform › Open Deploy Link… with a Button link), and a real app setup
// followed to its end (Manage App, View) or to the platform's manifest errors.
#include "pluginfixture.h"

#include "plugincontext.h"
#include "webview.h"
#include "wizards/appnamefield.h"
#include "wizards/buttondeploydialog.h"
#include "wizards/setuprunner.h"

#include <QAction>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QScopeGuard>
#include <QTemporaryDir>

using namespace dynodesk::ideplugin;

static constexpr int kSetupTimeout = 180000; // ms: add-ons, a build, a release and the postdeploy

// A manifest with every kind of config var, an add-on and a formation.
static const char *kManifest =
        "{\n"
        "  \"name\": \"Button Demo\",\n"
        "  \"description\": \"A Node.js app deployed with the Button.\",\n"
        "  \"repository\": \"https://example.com/button-demo\",\n"
        "  \"env\": {\n"
        "    \"GREETING\": \"hello\",\n"
        "    \"SECRET_TOKEN\": {\"description\": \"Signs the session cookies.\", \"generator\": \"secret\"},\n"
        "    \"API_KEY\": {\"description\": \"The key of the service the app calls.\"},\n"
        "    \"WEB_CONCURRENCY\": {\"description\": \"Processes per dyno.\", \"value\": \"5\", \"required\": false}\n"
        "  },\n"
        "  \"addons\": [\"heroku-postgresql\"],\n"
        "  \"formation\": {\"web\": {\"quantity\": 1, \"size\": \"basic\"}},\n"
        "  \"scripts\": {\"postdeploy\": \"echo seeded the database\"}\n"
        "}\n";

class TestPluginButtonDeploy : public QObject {
    Q_OBJECT

    plugintest::Fixture f;
    std::unique_ptr<PluginContext> ctx;
    QTemporaryDir work;

    // A copy of a fixture app with `manifest` as its app.json.
    QString appWith(const QString &name, const QByteArray &manifest, const QString &fixture = QStringLiteral("node-basic"))
    {
        const QString dir = work.filePath(name);
        QDir().mkpath(dir);
        const QDir from(QStringLiteral(DYNODESK_FIXTURES_DIR "/") + fixture);
        for (const QString &file : from.entryList(QDir::Files))
            QFile::copy(from.filePath(file), QDir(dir).filePath(file));
        QFile json(QDir(dir).filePath(QStringLiteral("app.json")));
        if (json.open(QIODevice::WriteOnly))
            json.write(manifest);
        return dir;
    }

    template <typename T>
    static T *child(QWidget *parent, const QString &name)
    {
        T *w = parent->findChild<T *>(name);
        if (!w)
            qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
        return w;
    }

    static QStringList items(QListWidget *list)
    {
        QStringList texts;
        for (int i = 0; list && i < list->count(); ++i)
            texts.append(list->item(i)->text());
        return texts;
    }

    // The deploy dialog the plugin opened (from a menu action). The plugin module has its own copy
    // of the dialog's class: it is found as a QDialog, and driven through its widgets.
    QDialog *openedDialog() const
    {
        QDialog *found = nullptr;
        (void)QTest::qWaitFor([&] { return (found = f.find<QDialog>(QStringLiteral("buttonDeployDialog"))); }, 10000);
        return found;
    }

    QAction *action(const QString &name) const { return f.find<QAction>(name); }

    // Sets up `app` from an app.json with an unknown add-on plan, which the platform (its
    // /app-setups) fails at once; the result line and the manifest errors the dialog shows.
    QString failedSetupShows(const QString &app, const QString &shot)
    {
        const QString dir = appWith(app, "{\"name\": \"Bad\", \"addons\": [\"no-such-addon-service\"]}");
        ButtonDeployDialog dialog(*ctx, dir, f.window.get());
        dialog.open();
        if (!QTest::qWaitForWindowExposed(&dialog))
            return {};
        QTest::keyClicks(dialog.nameField()->edit(), app);
        auto *deploy = child<QPushButton>(&dialog, QStringLiteral("deployButton"));
        QSignalSpy failed(&dialog, &ButtonDeployDialog::deployFailed);
        if (!QTest::qWaitFor([deploy] { return deploy->isEnabled(); }, 10000))
            return {};
        deploy->click();
        if (!failed.wait(60000))
            return {};
        plugintest::snap(&dialog, shot);
        return child<QLabel>(&dialog, QStringLiteral("resultLabel"))->text() + QLatin1Char('\n')
               + items(child<QListWidget>(&dialog, QStringLiteral("manifestErrors"))).join(QLatin1Char('\n'));
    }

public:
    static void initMain() { guitest::prepare(); }

private slots:
    void initTestCase()
    {
        QVERIFY2(f.start(), qPrintable(f.pluginError));
        ctx = std::make_unique<PluginContext>(*f.window);
        ctx->client.setEndpoint(QUrl(f.connection->apiUrl()), f.connection->token());
        QVERIFY(work.isValid());
    }

    void theFormShowsTheManifest()
    {
        QImage image(64, 64, QImage::Format_RGB32);
        image.fill(QColor(0x79, 0x58, 0x9f));
        const QString logo = work.filePath(QStringLiteral("logo.png"));
        QVERIFY(image.save(logo));
        const QString dir = appWith(QStringLiteral("demo"), QByteArray(kManifest).replace(
                "\"repository\"", "\"logo\": \"" + QUrl::fromLocalFile(logo).toEncoded() + "\", \"repository\""));
        ButtonDeployDialog dialog(*ctx, QStringLiteral("https://heroku.com/deploy?template=") + dir, f.window.get());
        dialog.open();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.source(), dir);
        QCOMPARE(child<QLabel>(&dialog, QStringLiteral("appTitle"))->text(), QStringLiteral("Button Demo"));
        QCOMPARE(child<QLabel>(&dialog, QStringLiteral("appDescription"))->text(),
                 QStringLiteral("A Node.js app deployed with the Button."));
        QVERIFY(child<QLabel>(&dialog, QStringLiteral("sourceLabel"))->text().contains(QStringLiteral("https://example.com/button-demo")));
        QVERIFY(!child<QLabel>(&dialog, QStringLiteral("manifestError"))->isVisible());
        auto *shownLogo = child<QLabel>(&dialog, QStringLiteral("appLogo"));
        QTRY_VERIFY(shownLogo->isVisible());
        QCOMPARE(shownLogo->pixmap().toImage().pixelColor(28, 28), QColor(0x79, 0x58, 0x9f));

        // Required vars carry the marker; a value or a generator fills them.
        QVERIFY(child<QLabel>(&dialog, QStringLiteral("envKey_API_KEY"))->text().contains(QLatin1Char('*')));
        QVERIFY(child<QLabel>(&dialog, QStringLiteral("envKey_GREETING"))->text().contains(QLatin1Char('*')));
        QVERIFY(!child<QLabel>(&dialog, QStringLiteral("envKey_WEB_CONCURRENCY"))->text().contains(QLatin1Char('*')));
        QVERIFY(!child<QLabel>(&dialog, QStringLiteral("envKey_SECRET_TOKEN"))->text().contains(QLatin1Char('*')));
        QCOMPARE(child<QLabel>(&dialog, QStringLiteral("envDescription_API_KEY"))->text(),
                 QStringLiteral("The key of the service the app calls."));
        QCOMPARE(child<QLineEdit>(&dialog, QStringLiteral("env_GREETING"))->text(), QStringLiteral("hello"));
        QCOMPARE(child<QLineEdit>(&dialog, QStringLiteral("env_WEB_CONCURRENCY"))->text(), QStringLiteral("5"));
        QVERIFY(child<QLineEdit>(&dialog, QStringLiteral("env_SECRET_TOKEN"))->text().isEmpty());
        QVERIFY(child<QLabel>(&dialog, QStringLiteral("envGenerated_SECRET_TOKEN"))->isVisible());
        QVERIFY(child<QLabel>(&dialog, QStringLiteral("envGenerated_SECRET_TOKEN"))->text().contains(QStringLiteral("secret")));
        QVERIFY(!f.find<QLabel>(QStringLiteral("envGenerated_API_KEY")));

        // The add-ons and the dynos the setup will make; the platform's regions.
        QCOMPARE(items(child<QListWidget>(&dialog, QStringLiteral("addonsList"))), QStringList{QStringLiteral("heroku-postgresql")});
        QCOMPARE(items(child<QListWidget>(&dialog, QStringLiteral("formationList"))), QStringList{QStringLiteral("web: 1 × basic")});
        auto *regions = child<QComboBox>(&dialog, QStringLiteral("regionBox"));
        QTRY_VERIFY(regions->findText(QStringLiteral("us")) >= 0 && regions->findText(QStringLiteral("eu")) >= 0);
        QCOMPARE(regions->currentText(), QStringLiteral("us"));

        // API_KEY is required and empty: Deploy waits for it, and says so.
        auto *deploy = child<QPushButton>(&dialog, QStringLiteral("deployButton"));
        QVERIFY(!deploy->isEnabled());
        QVERIFY2(child<QLabel>(&dialog, QStringLiteral("deployHint"))->text().contains(QStringLiteral("API_KEY")),
                 qPrintable(child<QLabel>(&dialog, QStringLiteral("deployHint"))->text()));
        QTest::keyClicks(child<QLineEdit>(&dialog, QStringLiteral("env_API_KEY")), QStringLiteral("k-123"));
        QVERIFY(deploy->isEnabled()); // a blank name is fine: the platform generates one
        // Emptying a prefilled required var holds it back again; an optional one does not.
        child<QLineEdit>(&dialog, QStringLiteral("env_WEB_CONCURRENCY"))->clear();
        QVERIFY(deploy->isEnabled());
        child<QLineEdit>(&dialog, QStringLiteral("env_GREETING"))->clear();
        QVERIFY(!deploy->isEnabled());
        QTest::keyClicks(child<QLineEdit>(&dialog, QStringLiteral("env_GREETING")), QStringLiteral("hi"));
        QVERIFY(deploy->isEnabled());
        QTest::keyClicks(dialog.nameField()->edit(), QStringLiteral("button-demo-form"));
        QTRY_COMPARE(dialog.nameField()->state(), AppNameField::State::Available);
        plugintest::snap(&dialog, QStringLiteral("button-deploy-form"));
    }

    void theNameCheckFlagsTakenAndInvalidNames()
    {
        QCOMPARE(f.api->post(QStringLiteral("/apps"), {{"name", "btn-taken"}}).status, 201);
        const QString dir = appWith(QStringLiteral("names"), "{\"name\": \"Names\"}");
        ButtonDeployDialog dialog(*ctx, dir, f.window.get());
        dialog.open();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *deploy = child<QPushButton>(&dialog, QStringLiteral("deployButton"));
        auto *check = child<QLabel>(&dialog, QStringLiteral("nameCheck"));
        QVERIFY(deploy->isEnabled());

        QTest::keyClicks(dialog.nameField()->edit(), QStringLiteral("btn-taken"));
        QVERIFY(!deploy->isEnabled()); // while it is being checked
        QTRY_COMPARE(dialog.nameField()->state(), AppNameField::State::Taken);
        QCOMPARE(check->text(), QStringLiteral("✗ btn-taken is not available"));
        QVERIFY(!deploy->isEnabled());
        plugintest::snap(&dialog, QStringLiteral("button-deploy-name-taken"));

        // A name the platform refuses is flagged at once, without asking it.
        dialog.nameField()->edit()->setText(QStringLiteral("Btn_Bad"));
        QCOMPARE(dialog.nameField()->state(), AppNameField::State::Invalid);
        QVERIFY2(check->text().contains(QStringLiteral("must start with a letter")), qPrintable(check->text()));
        QVERIFY(!deploy->isEnabled());
        dialog.nameField()->edit()->setText(QStringLiteral("ab"));
        QVERIFY2(check->text().contains(QStringLiteral("too short")), qPrintable(check->text()));

        dialog.nameField()->edit()->setText(QStringLiteral("btn-free-name"));
        QTRY_COMPARE(dialog.nameField()->state(), AppNameField::State::Available);
        QCOMPARE(check->text(), QStringLiteral("✓ btn-free-name is available"));
        QVERIFY(deploy->isEnabled());
    }

    void aManifestThatIsNotJsonIsSaidSo()
    {
        const QString dir = appWith(QStringLiteral("notjson"), "{\"name\": \"oops\", ");
        ButtonDeployDialog dialog(*ctx, dir, f.window.get());
        QSignalSpy failed(&dialog, &ButtonDeployDialog::manifestFailed);
        dialog.open();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *error = child<QLabel>(&dialog, QStringLiteral("manifestError"));
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().startsWith(QStringLiteral("app.json is not valid JSON")), qPrintable(error->text()));
        QVERIFY(!child<QPushButton>(&dialog, QStringLiteral("deployButton"))->isEnabled());

        const QString none = work.filePath(QStringLiteral("empty"));
        QDir().mkpath(none);
        ButtonDeployDialog missing(*ctx, none, f.window.get());
        QVERIFY2(child<QLabel>(&missing, QStringLiteral("manifestError"))->text().startsWith(QStringLiteral("There is no app.json")),
                 qPrintable(child<QLabel>(&missing, QStringLiteral("manifestError"))->text()));
    }

    void aButtonLinkToATarballOpensTheForm()
    {
        const QString dir = appWith(QStringLiteral("linked"), kManifest);
        const QString tgz = work.filePath(QStringLiteral("linked.tgz"));
        QCOMPARE(QProcess::execute(QStringLiteral("tar"), {QStringLiteral("-czf"), tgz, QStringLiteral("-C"), work.path(),
                                                           QStringLiteral("linked")}),
                 0);
        QVERIFY(action(QStringLiteral("openDeployLinkAction")));
        plugintest::answerNextInput(QStringLiteral("https://heroku.com/deploy?template=") + QUrl::fromLocalFile(tgz).toString());
        action(QStringLiteral("openDeployLinkAction"))->trigger();
        QDialog *dialog = openedDialog();
        QVERIFY(dialog);
        QCOMPARE(child<QLabel>(dialog, QStringLiteral("appTitle"))->text(), QStringLiteral("Button Demo"));
        QVERIFY(child<QLabel>(dialog, QStringLiteral("sourceLabel"))->text().contains(tgz));
        QVERIFY(child<QLineEdit>(dialog, QStringLiteral("env_API_KEY")));
        plugintest::snap(dialog, QStringLiteral("button-deploy-link"));
        dialog->close();
        QTRY_VERIFY(!f.find<QDialog>(QStringLiteral("buttonDeployDialog")));
    }

    // Needs the emulator's /sources and /app-setups (the backend of issue #22).
    void aRealDeployReachesSuccess()
    {
        const QString dir = appWith(QStringLiteral("real"), kManifest);
        plugintest::answerNextInput(dir);
        action(QStringLiteral("deployFromAppJsonAction"))->trigger();
        QDialog *dialog = openedDialog();
        QVERIFY(dialog);
        QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("appName")), QStringLiteral("btn-real"));
        QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("env_API_KEY")), QStringLiteral("k-real"));
        QTRY_VERIFY(child<QPushButton>(dialog, QStringLiteral("deployButton"))->isEnabled());
        plugintest::snap(dialog, QStringLiteral("button-deploy-filled"));
        child<QPushButton>(dialog, QStringLiteral("deployButton"))->click();
        auto *steps = child<QListWidget>(dialog, QStringLiteral("stepList"));
        QVERIFY(steps->isVisible());
        QCOMPARE(steps->count(), 6);
        QCOMPARE(steps->item(0)->text().section(QStringLiteral(" — "), 0, 0), QStringLiteral("Creating app"));
        auto *result = child<QLabel>(dialog, QStringLiteral("resultLabel"));
        auto *cancel = child<QPushButton>(dialog, QStringLiteral("cancelButton"));
        auto *build = child<QPlainTextEdit>(dialog, QStringLiteral("buildLog"));
        QTRY_VERIFY_WITH_TIMEOUT(!build->toPlainText().isEmpty() || cancel->text() == QStringLiteral("Close"), 60000);
        QVERIFY2(!result->text().startsWith(QStringLiteral("There was an issue")), qPrintable(result->text()));
        plugintest::snap(dialog, QStringLiteral("button-deploy-progress"));
        QTRY_VERIFY_WITH_TIMEOUT(cancel->text() == QStringLiteral("Close"), kSetupTimeout); // the setup ended
        QVERIFY2(result->text() == QStringLiteral("Your app btn-real was successfully deployed."), qPrintable(result->text()));

        // Every step done, the build's output streamed in, the postdeploy's output shown.
        for (int i = 0; i < steps->count(); ++i)
            QCOMPARE(steps->item(i)->data(Qt::UserRole + 1).toInt(), int(SetupRunner::State::Done));
        QVERIFY(child<QPlainTextEdit>(dialog, QStringLiteral("buildLog"))->toPlainText().contains(QStringLiteral("Node.js app detected")));
        QVERIFY(child<QPlainTextEdit>(dialog, QStringLiteral("postdeployLog"))->toPlainText().contains(QStringLiteral("seeded the database")));

        // The app has the config the form gave it, a generated secret and the add-on.
        const auto config = f.api->get(QStringLiteral("/apps/btn-real/config-vars")).json();
        QCOMPARE(config["API_KEY"].get<std::string>(), "k-real");
        QCOMPARE(config["GREETING"].get<std::string>(), "hello");
        QVERIFY(!config["SECRET_TOKEN"].get<std::string>().empty());
        QVERIFY(config.contains("DATABASE_URL"));

        // View shows the app in the web view; Manage App opens its editor.
        auto *view = child<QPushButton>(dialog, QStringLiteral("viewButton"));
        auto *manage = child<QPushButton>(dialog, QStringLiteral("manageAppButton"));
        QVERIFY(manage->isVisible() && view->isVisible());
        QTRY_VERIFY(view->isEnabled());
        plugintest::snap(dialog, QStringLiteral("button-deploy-done"));
        view->click();
        const QString webUrl = QString::fromStdString(f.api->get(QStringLiteral("/apps/btn-real")).json()["web_url"].get<std::string>());
        QTRY_COMPARE_WITH_TIMEOUT(f.window->webView()->url(), QUrl(webUrl), 20000);
        manage->click();
        QTRY_VERIFY(f.find<QWidget>(QStringLiteral("appEditor:btn-real")));
    }

    // A Button link to a tarball URL (here one the emulator serves) is downloaded to fill the
    // form, and the URL itself goes to the setup (that part needs the emulator's /app-setups).
    void aTarballUrlIsReadAndPassedThrough()
    {
        appWith(QStringLiteral("byurl"), "{\"name\": \"By URL\", \"description\": \"Served from a URL.\"}");
        const QString tgz = work.filePath(QStringLiteral("byurl.tgz"));
        QCOMPARE(QProcess::execute(QStringLiteral("tar"), {QStringLiteral("-czf"), tgz, QStringLiteral("-C"),
                                                           work.filePath(QStringLiteral("byurl")), QStringLiteral(".")}),
                 0);
        QFile file(tgz);
        QVERIFY(file.open(QIODevice::ReadOnly));
        // A source blob of an app of the account (the older, app-level sources link).
        QCOMPARE(f.api->post(QStringLiteral("/apps"), {{"name", "btn-host"}}).status, 201);
        const auto source = f.api->post(QStringLiteral("/apps/btn-host/sources"), nlohmann::json::object());
        QCOMPARE(source.status, 201);
        const QUrl put(QString::fromStdString(source.json()["source_blob"]["put_url"].get<std::string>()));
        const QString get = QString::fromStdString(source.json()["source_blob"]["get_url"].get<std::string>());
        const auto uploaded = dynodesk::testing::HttpClient(put.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString())
                                      .request("PUT", put.path() + (put.hasQuery() ? QLatin1Char('?') + put.query() : QString()),
                                               file.readAll());
        QVERIFY2(uploaded.status < 300, uploaded.body.constData());

        ButtonDeployDialog dialog(*ctx, QStringLiteral("https://heroku.com/deploy?template=")
                                                + QString::fromLatin1(QUrl::toPercentEncoding(get)),
                                  f.window.get());
        dialog.open();
        QCOMPARE(dialog.source(), get);
        QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(&dialog, QStringLiteral("appTitle"))->text(), QStringLiteral("By URL"), 20000);
        QTest::keyClicks(dialog.nameField()->edit(), QStringLiteral("btn-url"));
        QTRY_VERIFY(child<QPushButton>(&dialog, QStringLiteral("deployButton"))->isEnabled());
        QSignalSpy deployed(&dialog, &ButtonDeployDialog::deployed);
        QSignalSpy failed(&dialog, &ButtonDeployDialog::deployFailed);
        child<QPushButton>(&dialog, QStringLiteral("deployButton"))->click();
        QVERIFY(QTest::qWaitFor([&] { return !deployed.isEmpty() || !failed.isEmpty(); }, kSetupTimeout));
        QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.first().first().toString()));
        QCOMPARE(f.api->get(QStringLiteral("/apps/btn-url")).status, 200);
    }

    // Needs the emulator's /app-setups: an unknown add-on plan fails the setup at once.
    void aBadManifestShowsThePlatformsErrors()
    {
        const QString shown = failedSetupShows(QStringLiteral("btn-bad"), QStringLiteral("button-deploy-manifest-errors"));
        QVERIFY2(shown.contains(QStringLiteral("no-such-addon-service")), qPrintable(shown));
        QVERIFY2(shown.startsWith(QStringLiteral("There was an issue")), qPrintable(shown));
        QCOMPARE(f.api->get(QStringLiteral("/apps/btn-bad")).status, 404); // no half-made app
    }

    // In German: the form, a real setup's progress and success, and the platform's manifest errors.
    void theFormAndTheSetupSpeakGerman()
    {
        QVERIFY(plugintest::speak(QLocale::German));
        const auto english = qScopeGuard([] { plugintest::speak(QLocale::English); });
        ButtonDeployDialog dialog(*ctx, appWith(QStringLiteral("german"), kManifest), f.window.get());
        dialog.open();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(&dialog, QStringLiteral("appTitle"))->text(), QStringLiteral("Button Demo"), 20000);
        auto *deploy = child<QPushButton>(&dialog, QStringLiteral("deployButton"));
        QCOMPARE(deploy->text(), QStringLiteral("App bereitstellen"));
        QTest::keyClicks(dialog.nameField()->edit(), QStringLiteral("btn-de"));
        QTest::keyClicks(child<QLineEdit>(&dialog, QStringLiteral("env_API_KEY")), QStringLiteral("k-de"));
        QTRY_VERIFY(deploy->isEnabled());
        plugintest::snap(&dialog, QStringLiteral("button-deploy-form-de"));
        deploy->click();
        auto *steps = child<QListWidget>(&dialog, QStringLiteral("stepList"));
        QCOMPARE(steps->item(0)->text().section(QStringLiteral(" — "), 0, 0), QStringLiteral("Erstellen der App"));
        auto *cancel = child<QPushButton>(&dialog, QStringLiteral("cancelButton"));
        auto *build = child<QPlainTextEdit>(&dialog, QStringLiteral("buildLog"));
        QTRY_VERIFY_WITH_TIMEOUT(!build->toPlainText().isEmpty() || cancel->text() == QStringLiteral("Schließen"), 60000);
        plugintest::snap(&dialog, QStringLiteral("button-deploy-progress-de"));
        QTRY_VERIFY_WITH_TIMEOUT(cancel->text() == QStringLiteral("Schließen"), kSetupTimeout);
        QCOMPARE(child<QLabel>(&dialog, QStringLiteral("resultLabel"))->text(),
                 QStringLiteral("Ihre App btn-de wurde erfolgreich bereitgestellt."));
        QCOMPARE(child<QPushButton>(&dialog, QStringLiteral("manageAppButton"))->text(), QStringLiteral("App verwalten"));
        plugintest::snap(&dialog, QStringLiteral("button-deploy-done-de"));

        const QString shown = failedSetupShows(QStringLiteral("btn-bad-de"), QStringLiteral("button-deploy-manifest-errors-de"));
        QVERIFY2(shown.startsWith(QStringLiteral("Beim Bereitstellen von btn-bad-de ist ein Problem aufgetreten")), qPrintable(shown));
    }
};

QTEST_MAIN(TestPluginButtonDeploy)
#include "tst_pluginbuttondeploy.moc"
