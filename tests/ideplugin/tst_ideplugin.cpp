// The IDE plugin's views on the real main window, with the real plugin loaded by the shell and a
// real in-process emulator: My Apps (columns, filter, the platform plugin's context menu, Open in
// the web view, destroy with a typed name), the app editor's tabs (scale, config vars with
// releases, collaborators and make owner, roll back, add Postgres, permissions) and the live log
// view (router lines after a request; at=error stands out). Then the same client against a
// separately started dynodesk-server.
#include "myapps.h"

#include "common/serverprocess.h"
#include "wiring/emulator.h"
#include "editortabs.h"
#include "webview.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTabWidget>
#include <QTextBlock>
#include <QTreeWidget>
#include <QWebEnginePage>
#include <QWebEngineView>

using namespace dynodesk;
using nlohmann::json;

// The widgets are found by object name and driven through Qt's own classes only: the plugin is
// the module the shell loaded, as a user runs it.
enum AppsColumn { Name, Team, GitUrl, WebUrl, State, Owner };

using plugintest::Editor;

class TestIdePlugin : public QObject {
    Q_OBJECT

    plugintest::Fixture f;
    QTemporaryDir m_work;
    QString m_friendToken;

    plugintest::MyApps myApps() const { return {f}; }
    QTableView *appsTable() const { return myApps().table(); }
    int appRow(const QString &app) const { return myApps().row(app); }
    QString cell(const QString &app, int column) const { return myApps().cell(app, column); }
    Editor openEditor(const QString &app) { return myApps().openEditor(app); }
    void contextAction(const QString &app, const QString &action) { myApps().contextAction(app, action); }

    json latestRelease(const QString &app) { return f.api->get(QStringLiteral("/apps/%1/releases").arg(app)).json().back(); }

public:
    static void initMain() { guitest::prepare(); }

private slots:
    void initTestCase()
    {
        QVERIFY2(f.start(), qPrintable(f.pluginError));
        // A second account, for collaborators and a transfer (added beside the running emulator,
        // as `dynodesk-server accounts:add` does).
        auto made = wiring::addAccount(f.data.path().toStdString(), "friend@example.com", std::nullopt);
        QVERIFY(made.ok());
        m_friendToken = QString::fromStdString(made.value().token);
        QVERIFY(appsTable());
    }

    void myAppsListsAppsWithTheirUrlsAndState()
    {
        QCOMPARE(f.api->post("/apps", {{"name", "alpha-app"}}).status, 201);
        QCOMPARE(f.api->post("/apps", {{"name", "beta-app"}}).status, 201);
        // Polling (ETag) picks up apps made outside the IDE.
        QTRY_VERIFY_WITH_TIMEOUT(appRow(QStringLiteral("alpha-app")) >= 0 && appRow(QStringLiteral("beta-app")) >= 0, 10000);
        const json alpha = f.api->get("/apps/alpha-app").json();
        QCOMPARE(cell(QStringLiteral("alpha-app"), GitUrl), QString::fromStdString(alpha["git_url"]));
        QCOMPARE(cell(QStringLiteral("alpha-app"), WebUrl), QString::fromStdString(alpha["web_url"]));
        QCOMPARE(cell(QStringLiteral("alpha-app"), Owner), QStringLiteral("developer@dynodesk.local"));
        QCOMPARE(cell(QStringLiteral("alpha-app"), Team), QStringLiteral("Personal"));
        QTRY_COMPARE(cell(QStringLiteral("alpha-app"), State), QStringLiteral("no dynos"));
        const QStringList headers = [&] {
            QStringList h;
            for (int c = 0; c < appsTable()->model()->columnCount(); ++c)
                h << appsTable()->model()->headerData(c, Qt::Horizontal).toString();
            return h;
        }();
        QCOMPARE(headers, (QStringList{"Name", "Team", "Git URL", "App URL", "State", "Owner"}));

        // The filter box narrows the list; sorting by name descending puts beta first.
        auto *filter = f.find<QLineEdit>(QStringLiteral("appsFilter"));
        QTest::keyClicks(filter, QStringLiteral("beta"));
        QCOMPARE(appsTable()->model()->rowCount(), 1);
        filter->clear();
        appsTable()->sortByColumn(Name, Qt::DescendingOrder);
        QCOMPARE(appsTable()->model()->index(0, 0).data().toString(), QStringLiteral("beta-app"));
        appsTable()->sortByColumn(Name, Qt::AscendingOrder);
        plugintest::snap(f.window.get(), QStringLiteral("01-my-apps"));
    }

    void contextMenuHasThePlatformPluginsOrder()
    {
        const int row = appRow(QStringLiteral("alpha-app"));
        QTableView *table = appsTable();
        QStringList texts;
        QTimer::singleShot(0, [&texts] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            plugintest::snap(menu, QStringLiteral("02-context-menu"));
            for (QAction *a : menu->actions())
                if (!a->isSeparator())
                    texts << a->text();
            menu->close();
        });
        emit table->customContextMenuRequested(table->visualRect(table->model()->index(row, 0)).center());
        QTRY_VERIFY(!texts.isEmpty());
        QCOMPARE(texts.mid(0, 9), (QStringList{"Refresh", "App Info", "Import", "Deploy...", "Open", "Restart",
                                                 "View logs", "Scale", "Destroy"}));
    }

    void openShowsTheDeployedAppInTheWebView()
    {
        QCOMPARE(plugintest::pushFixture(QStringLiteral("node-basic"), QStringLiteral("alpha-app"), f.connection->apiUrl(),
                                         f.connection->token(), m_work.path()),
                 0);
        QTRY_COMPARE_WITH_TIMEOUT(cell(QStringLiteral("alpha-app"), State), QStringLiteral("1 web · up"), 60000);
        contextAction(QStringLiteral("alpha-app"), QStringLiteral("openAction"));
        auto *web = f.window->webView();
        if (QGuiApplication::platformName() == QLatin1String("offscreen"))
            QSKIP("QtWebEngine needs a display; ctest runs this test under xvfb-run");
        QTRY_COMPARE_WITH_TIMEOUT(web->view()->url().host(), QUrl(cell(QStringLiteral("alpha-app"), WebUrl)).host(), 20000);
        auto text = std::make_shared<QString>();
        QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    web->view()->page()->runJavaScript(QStringLiteral("document.body ? document.body.innerText : ''"),
                                                       [text](const QVariant &v) { *text = v.toString(); });
                    return text->contains(QStringLiteral("Hello from node-basic"));
                }(),
                20000);
        plugintest::snap(f.window.get(), QStringLiteral("03-open-in-web-view"));
    }

    void scaleInProcessesRunsTwoWebDynos()
    {
        const Editor editor = openEditor(QStringLiteral("alpha-app"));
        QVERIFY(editor.tabs);
        editor.tabs->setCurrentIndex(3);
        QTRY_VERIFY(editor.child<QTreeWidget>("processTree")->topLevelItemCount() == 1);
        plugintest::onNextDialog<QDialog>([](QDialog *d) {
            QTRY_VERIFY(d->findChild<QSpinBox *>(QStringLiteral("scale_web")));
            d->findChild<QSpinBox *>(QStringLiteral("scale_web"))->setValue(2);
            d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        editor.button("scaleButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    const json dynos = f.api->get("/apps/alpha-app/dynos").json();
                    return dynos.size() == 2 && dynos[0]["state"] == "up" && dynos[1]["state"] == "up";
                }(),
                60000);
        // The tree shows both dynos under web, each up.
        QTRY_COMPARE_WITH_TIMEOUT(editor.child<QTreeWidget>("processTree")->topLevelItem(0)->childCount(), 2, 10000);
        QTRY_COMPARE(editor.child<QTreeWidget>("processTree")->topLevelItem(0)->text(4), QStringLiteral("up, up"));
        plugintest::snap(f.window.get(), QStringLiteral("04-processes-scaled"));
        QTRY_COMPARE(cell(QStringLiteral("alpha-app"), State), QStringLiteral("2 web · up"));
    }

    void viewLogsShowsRouterLinesAfterARequest()
    {
        contextAction(QStringLiteral("alpha-app"), QStringLiteral("logsAction"));
        auto *view = f.window->findChild<QWidget *>(QStringLiteral("logView:alpha-app"));
        QVERIFY(view);
        auto *text = view->findChild<QPlainTextEdit *>(QStringLiteral("logText"));
        auto *status = view->findChild<QLabel *>(QStringLiteral("logStatus"));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Streaming the logs")), 10000);
        QNetworkAccessManager nam;
        const QString base = cell(QStringLiteral("alpha-app"), WebUrl);
        // Straight to the router on loopback with the app's Host (Qt's resolver does not map
        // *.localhost to loopback as browsers do).
        auto fetch = [&](const QString &path) {
            const QUrl app(base + path);
            QUrl direct = app;
            direct.setHost(QStringLiteral("127.0.0.1"));
            QNetworkRequest request(direct);
            request.setRawHeader("Host", app.authority().toUtf8());
            std::unique_ptr<QNetworkReply> reply(nam.get(request));
            (void)QTest::qWaitFor([&] { return reply->isFinished(); }, 10000);
            return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        };
        QCOMPARE(fetch(QStringLiteral("from-the-test")), 404); // node-basic answers only "/"
        QTRY_VERIFY_WITH_TIMEOUT(text->toPlainText().contains(QStringLiteral("heroku[router]: at=info method=GET path=\"/from-the-test\"")), 15000);

        // Pause holds new lines back (the status counts them); resume shows them.
        auto *pause = view->findChild<QPushButton *>(QStringLiteral("logPause"));
        pause->click();
        QCOMPARE(pause->text(), QStringLiteral("Resume"));
        fetch(QStringLiteral("while-paused"));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("waiting")) && !status->text().contains(QStringLiteral(" 0 ")), 15000);
        QVERIFY(!text->toPlainText().contains(QStringLiteral("/while-paused")));
        pause->click();
        QVERIFY(text->toPlainText().contains(QStringLiteral("/while-paused")));

        // Maintenance mode makes the router answer H80: an at=error line, which stands out.
        const Editor editor = openEditor(QStringLiteral("alpha-app"));
        QVERIFY(editor.tabs);
        editor.tabs->setCurrentIndex(0);
        auto *maintenance = editor.child<QCheckBox>("maintenanceToggle");
        maintenance->click();
        QTRY_VERIFY_WITH_TIMEOUT(f.api->get("/apps/alpha-app").json()["maintenance"] == true, 10000);
        QCOMPARE(fetch(QStringLiteral("in-maintenance")), 503);
        f.window->editors()->setCurrentWidget(view); // back to the logs
        QTRY_VERIFY_WITH_TIMEOUT(text->toPlainText().contains(QStringLiteral("code=H80")), 15000);
        plugintest::snap(f.window.get(), QStringLiteral("05-logs"));
        QTextBlock error, info;
        for (QTextBlock b = text->document()->begin(); b.isValid(); b = b.next()) {
            if (b.text().contains(QStringLiteral("code=H80")))
                error = b;
            if (b.text().contains(QStringLiteral("at=info")))
                info = b;
        }
        const QTextCharFormat errorFormat = error.begin().fragment().charFormat();
        const QTextCharFormat infoFormat = info.begin().fragment().charFormat();
        QCOMPARE(errorFormat.fontWeight(), int(QFont::Bold));
        QVERIFY(errorFormat.foreground().color() != infoFormat.foreground().color());
        QVERIFY(infoFormat.fontWeight() != int(QFont::Bold));
        maintenance->click();
        QTRY_VERIFY_WITH_TIMEOUT(f.api->get("/apps/alpha-app").json()["maintenance"] == false, 10000);

        // The search box shows only matching lines.
        view->findChild<QLineEdit *>(QStringLiteral("logSearch"))->setText(QStringLiteral("while-paused"));
        const QStringList shown = text->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(!shown.isEmpty());
        for (const QString &line : shown)
            QVERIFY2(line.contains(QStringLiteral("while-paused")), qPrintable(line));
    }

    void configVarsAddEditRemoveMakeReleases()
    {
        const Editor editor = openEditor(QStringLiteral("alpha-app"));
        QVERIFY(editor.tabs);
        editor.tabs->setCurrentIndex(2);
        const int before = latestRelease(QStringLiteral("alpha-app"))["version"];
        // + takes several KEY=value lines at once.
        plugintest::answerNextInput(QStringLiteral("FOO=bar\nGREETING=\"hello world\"\n# a comment\n"));
        editor.button("addConfigVar")->click();
        QTRY_COMPARE_WITH_TIMEOUT(editor.status(),
                                  QStringLiteral("Set FOO, GREETING config vars · v%1").arg(before + 1), 10000);
        JSON_EQ(f.api->get("/apps/alpha-app/config-vars").json()["GREETING"], "hello world");
        // Values are hidden until revealed.
        QTRY_VERIFY(editor.model("configTable")->rowCount() >= 2);
        auto valueOf = [&](const QString &key) {
            for (int r = 0; r < editor.model("configTable")->rowCount(); ++r)
                if (editor.model("configTable")->index(r, 0).data().toString() == key)
                    return editor.model("configTable")->index(r, 1).data().toString();
            return QString();
        };
        QVERIFY(!valueOf(QStringLiteral("FOO")).contains(QStringLiteral("bar")));
        editor.child<QCheckBox>("revealValues")->setChecked(true);
        QCOMPARE(valueOf(QStringLiteral("FOO")), QStringLiteral("bar"));
        plugintest::snap(f.window.get(), QStringLiteral("06-config-vars"));
        // Edit the selected one.
        auto *table = editor.child<QTableView>("configTable");
        for (int r = 0; r < editor.model("configTable")->rowCount(); ++r)
            if (editor.model("configTable")->index(r, 0).data().toString() == QLatin1String("FOO"))
                table->selectRow(r);
        plugintest::answerNextInput(QStringLiteral("baz"));
        editor.button("editConfigVar")->click();
        QTRY_COMPARE_WITH_TIMEOUT(editor.status(), QStringLiteral("Set FOO config vars · v%1").arg(before + 2), 10000);
        QTRY_COMPARE(valueOf(QStringLiteral("FOO")), QStringLiteral("baz"));
        // - removes it after confirming.
        for (int r = 0; r < editor.model("configTable")->rowCount(); ++r)
            if (editor.model("configTable")->index(r, 0).data().toString() == QLatin1String("FOO"))
                table->selectRow(r);
        guitest::answerNextMessageBox(QMessageBox::Yes);
        editor.button("removeConfigVar")->click();
        QTRY_COMPARE_WITH_TIMEOUT(editor.status(), QStringLiteral("Remove FOO config vars · v%1").arg(before + 3), 10000);
        QVERIFY(!f.api->get("/apps/alpha-app/config-vars").json().contains("FOO"));
        JSON_EQ(latestRelease(QStringLiteral("alpha-app"))["description"], "Remove FOO config vars");
    }

    void rollBackToAnEarlierRelease()
    {
        const Editor editor = openEditor(QStringLiteral("alpha-app"));
        QVERIFY(editor.tabs);
        editor.tabs->setCurrentIndex(4);
        QTRY_VERIFY(editor.model("releasesTable")->rowCount() >= 3);
        const int latest = latestRelease(QStringLiteral("alpha-app"))["version"];
        auto *table = editor.child<QTableView>("releasesTable");
        int target = -1;
        for (int r = 0; r < editor.model("releasesTable")->rowCount(); ++r)
            if (editor.cell("releasesTable", r, 0) == QStringLiteral("v%1").arg(latest - 1))
                target = r;
        QVERIFY(target >= 0);
        table->selectRow(target);
        guitest::answerNextMessageBox(QMessageBox::Yes);
        editor.button("rollbackButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(editor.status(),
                                  QStringLiteral("Rolled back to v%1 · v%2").arg(latest - 1).arg(latest + 1), 10000);
        JSON_EQ(latestRelease(QStringLiteral("alpha-app"))["description"], "Rollback to v" + std::to_string(latest - 1));
        // The release before the last had FOO=baz, removed since: the rollback brought it back.
        JSON_EQ(f.api->get("/apps/alpha-app/config-vars").json()["FOO"], "baz");
        plugintest::snap(f.window.get(), QStringLiteral("07-releases"));
    }

    void collaboratorsAddRemoveAndMakeOwner()
    {
        const Editor editor = openEditor(QStringLiteral("beta-app"));
        QVERIFY(editor.tabs);
        editor.tabs->setCurrentIndex(1);
        QTRY_COMPARE(editor.model("collaboratorsTable")->rowCount(), 1); // the owner
        QCOMPARE(editor.model("collaboratorsTable")->index(0, 0).data().toString(), QStringLiteral("owner"));
        QVERIFY(!editor.model("collaboratorsTable")->index(0, 0).data(Qt::DecorationRole).isNull());
        plugintest::answerNextInput(QStringLiteral("friend@example.com"));
        editor.button("addCollaborator")->click();
        QTRY_COMPARE_WITH_TIMEOUT(editor.model("collaboratorsTable")->rowCount(), 2, 10000);
        plugintest::snap(f.window.get(), QStringLiteral("08-collaborators"));
        auto *table = editor.child<QTableView>("collaboratorsTable");
        auto selectFriend = [&] {
            for (int r = 0; r < editor.model("collaboratorsTable")->rowCount(); ++r)
                if (editor.model("collaboratorsTable")->index(r, 1).data().toString() == QLatin1String("friend@example.com"))
                    table->selectRow(r);
        };
        selectFriend();
        guitest::answerNextMessageBox(QMessageBox::Yes);
        editor.button("removeCollaborator")->click();
        QTRY_COMPARE_WITH_TIMEOUT(editor.model("collaboratorsTable")->rowCount(), 1, 10000);

        // Make owner: the transfer the friend accepts.
        plugintest::answerNextInput(QStringLiteral("friend@example.com"));
        editor.button("addCollaborator")->click();
        QTRY_COMPARE_WITH_TIMEOUT(editor.model("collaboratorsTable")->rowCount(), 2, 10000);
        selectFriend();
        guitest::answerNextMessageBox(QMessageBox::Yes);
        editor.button("makeOwner")->click();
        QTRY_VERIFY_WITH_TIMEOUT(editor.status().contains(QStringLiteral("must accept")), 10000);
        dynodesk::testing::HttpClient friendApi(f.connection->apiUrl(), m_friendToken);
        QCOMPARE(friendApi.patch("/account/app-transfers/beta-app", {{"state", "accepted"}}).status, 200);
        JSON_EQ(f.api->get("/apps/beta-app").json()["owner"]["email"], "friend@example.com");
        // Now a collaborator: renaming, transferring and destroying are disabled, with the reason.
        editor.tabs->setCurrentIndex(0); // a tab shown re-reads the app
        auto *rename = editor.button("renameButton");
        QTRY_VERIFY_WITH_TIMEOUT(!rename->isEnabled(), 10000);
        QCOMPARE(rename->toolTip(), QStringLiteral("Only the app's owner, friend@example.com, can do this."));
        QVERIFY(!editor.button("destroyButton")->isEnabled());
        plugintest::snap(f.window.get(), QStringLiteral("09-info-as-collaborator"));
    }

    void addPostgresSetsDatabaseUrl()
    {
        const Editor editor = openEditor(QStringLiteral("alpha-app"));
        QVERIFY(editor.tabs);
        editor.tabs->setCurrentIndex(5);
        plugintest::onNextDialog<QInputDialog>([](QInputDialog *d) {
            const QStringList items = d->comboBoxItems();
            for (const QString &item : items)
                if (item.startsWith(QLatin1String("heroku-postgresql:essential-0")))
                    d->setTextValue(item);
            d->accept();
        });
        editor.button("addPostgres")->click();
        QTRY_VERIFY2_WITH_TIMEOUT(f.api->get("/apps/alpha-app/config-vars").json().contains("DATABASE_URL"),
                                  qPrintable(editor.status()), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(editor.model("addonsTable")->rowCount() == 1, 10000);
        QCOMPARE(editor.model("addonsTable")->index(0, 1).data().toString(), QStringLiteral("heroku-postgresql:essential-0"));
        QTRY_COMPARE_WITH_TIMEOUT(editor.model("addonsTable")->index(0, 3).data().toString(), QStringLiteral("DATABASE_URL"), 10000);
        plugintest::snap(f.window.get(), QStringLiteral("10-addons"));
    }

    void domainsAndActivity()
    {
        const Editor editor = openEditor(QStringLiteral("alpha-app"));
        QVERIFY(editor.tabs);
        editor.tabs->setCurrentIndex(6);
        plugintest::answerNextInput(QStringLiteral("www.example.test"));
        editor.button("addDomain")->click();
        QTRY_VERIFY_WITH_TIMEOUT(editor.select("domainsTable", 0, QStringLiteral("www.example.test")), 10000);
        QTRY_VERIFY(editor.status().startsWith(QStringLiteral("Added www.example.test: point its CNAME at ")));
        plugintest::snap(f.window.get(), QStringLiteral("10a-domains"));
        // The CNAME target is shown beside the hostname.
        for (int r = 0; r < editor.rows("domainsTable"); ++r)
            if (editor.cell("domainsTable", r, 0) == QLatin1String("www.example.test"))
                QVERIFY(!editor.cell("domainsTable", r, 2).isEmpty());
        guitest::answerNextMessageBox(QMessageBox::Yes);
        editor.button("removeDomain")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!editor.select("domainsTable", 0, QStringLiteral("www.example.test")), 10000);
        QCOMPARE(f.api->get("/apps/alpha-app/domains").json().size(), size_t(1)); // the default one

        // Activity: the push's build, succeeded; selecting it shows its output.
        editor.tabs->setCurrentIndex(8); // Activity, after Buildpacks
        QTRY_VERIFY_WITH_TIMEOUT(editor.rows("buildsTable") >= 1, 10000);
        QCOMPARE(editor.cell("buildsTable", 0, 0), QStringLiteral("succeeded"));
        editor.child<QTableView>("buildsTable")->setCurrentIndex(editor.model("buildsTable")->index(0, 0));
        QTRY_VERIFY_WITH_TIMEOUT(editor.child<QPlainTextEdit>("buildOutput")->toPlainText().contains(
                                         QStringLiteral("Discovering process types")),
                                 10000);
        plugintest::snap(f.window.get(), QStringLiteral("10b-activity"));
    }

    void destroyAsksForTheTypedName()
    {
        QCOMPARE(f.api->post("/apps", {{"name", "doomed-app"}}).status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(appRow(QStringLiteral("doomed-app")) >= 0, 10000);
        // A wrong name keeps OK disabled; the right one destroys the app.
        plugintest::onNextDialog<QDialog>([](QDialog *d) {
            auto *edit = d->findChild<QLineEdit *>(QStringLiteral("confirmationEdit"));
            QPushButton *ok = d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            edit->setText(QStringLiteral("doomed"));
            const bool wrongDisabled = !ok->isEnabled();
            edit->setText(QStringLiteral("doomed-app"));
            plugintest::snap(d, QStringLiteral("11-destroy-confirmation"));
            if (wrongDisabled)
                ok->click();
            else
                d->reject();
        });
        contextAction(QStringLiteral("doomed-app"), QStringLiteral("destroyAction"));
        QTRY_COMPARE_WITH_TIMEOUT(f.api->get("/apps/doomed-app").status, 404, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(appRow(QStringLiteral("doomed-app")), -1, 10000);
    }

    // .env text with lines that are not KEY=value: they are named, and nothing is set unless the
    // user agrees to set the others.
    void configVarsNameTheLinesTheyCannotRead()
    {
        const Editor editor = openEditor(QStringLiteral("alpha-app"));
        QVERIFY(editor.tabs);
        editor.tabs->setCurrentIndex(2);
        QString asked;
        plugintest::answerNextInput(QStringLiteral("GOOD=1\nnot a var\n"));
        guitest::answerNextMessageBox(QMessageBox::No, &asked);
        editor.button("addConfigVar")->click();
        QTRY_VERIFY2(asked.contains(QStringLiteral("Line 2: not a var")), qPrintable(asked));
        QTest::qWait(500);
        QVERIFY(!f.api->get("/apps/alpha-app/config-vars").json().contains("GOOD"));

        plugintest::answerNextInput(QStringLiteral("GOOD=\"kept # inside\" # a comment\nnot a var\n"));
        guitest::answerNextMessageBox(QMessageBox::Yes);
        editor.button("addConfigVar")->click();
        QTRY_VERIFY_WITH_TIMEOUT(editor.status().startsWith(QStringLiteral("Set GOOD config vars · v")), 10000);
        JSON_EQ(f.api->get("/apps/alpha-app/config-vars").json()["GOOD"], "kept # inside");
    }

    void remoteServerWorksTheSame()
    {
        QTemporaryDir data;
        dynodesk::testing::ServerProcess server(data.path());
        QVERIFY2(server.start(30000), qPrintable(server.output()));
        dynodesk::testing::HttpClient api(server.apiUrl(), server.token());
        QCOMPARE(api.post("/apps", {{"name", "remote-app"}}).status, 201);
        // The shell switches platform: the plugin follows with the new endpoint.
        f.connection->connectRemote(server.apiUrl(), server.token(), QStringLiteral("Test server"));
        QTRY_VERIFY_WITH_TIMEOUT(appRow(QStringLiteral("remote-app")) >= 0, 15000);
        QCOMPARE(appRow(QStringLiteral("alpha-app")), -1);
        const Editor editor = openEditor(QStringLiteral("remote-app"));
        QVERIFY(editor.tabs);
        editor.tabs->setCurrentIndex(2);
        plugintest::answerNextInput(QStringLiteral("REMOTE=yes"));
        editor.button("addConfigVar")->click();
        QTRY_VERIFY_WITH_TIMEOUT(editor.status().startsWith(QStringLiteral("Set REMOTE config vars · v")), 10000);
        JSON_EQ(api.get("/apps/remote-app/config-vars").json()["REMOTE"], "yes");
        plugintest::snap(f.window.get(), QStringLiteral("12-remote-server"));
        QVERIFY(server.terminate());
    }
};

QTEST_MAIN(TestIdePlugin)
#include "tst_ideplugin.moc"
