// The desktop's view of teams (issue #20), on the real main window with the real plugin and an
// in-process emulator: My Apps lists a team app with its team, a padlock while it is locked, and
// a team switcher; the Collaborators tab of a team app lists the team's members and the app's
// collaborators with role and permissions, adds a collaborator with permissions, edits and removes
// them, locks and unlocks the app, each change checked through the API; the platform's refusal is
// shown in its words; a personal app keeps the plain collaborators tab; a team admin may rename
// and destroy a team app; a member (on a separate dynodesk-server) sees the team app and its
// access but cannot change it.
#include "myapps.h"

#include "common/serverprocess.h"
#include "translations.h"
#include "wiring/emulator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QStatusBar>
#include <QStyle>
#include <QTranslator>

#include <set>

using namespace dynodesk;
using nlohmann::json;
using plugintest::Editor;

enum AppsColumn { Name, Team, GitUrl, WebUrl, State, Owner };
enum AccessColumn { Email, Role, View, Deploy, Operate, Manage };

class TestPluginTeams : public QObject {
    Q_OBJECT

    plugintest::Fixture f;
    plugintest::MyApps myApps() const { return {f}; }

    // The permissions the platform lists for `email` on lab-app, or {"none"} when not a collaborator.
    std::set<std::string> permissionsOf(const std::string &email) const
    {
        for (const auto &c : f.api->get("/teams/apps/lab-app/collaborators").json())
            if (c["user"]["email"] == email) {
                std::set<std::string> names;
                for (const auto &p : c["permissions"])
                    names.insert(p["name"].get<std::string>());
                return names;
            }
        return {"none"};
    }
    bool locked() const { return f.api->get("/teams/apps/lab-app").json()["locked"] == true; }

    // The row of `email` in the team collaborators table, or -1.
    static int accessRow(const Editor &e, const QString &email)
    {
        for (int r = 0; r < e.rows("teamCollaboratorsTable"); ++r)
            if (e.cell("teamCollaboratorsTable", r, Email) == email)
                return r;
        return -1;
    }
    // The permissions the table shows checked for `email`, as "view,deploy".
    static QString shownPermissions(const Editor &e, const QString &email)
    {
        const int r = accessRow(e, email);
        if (r < 0)
            return QStringLiteral("(no row)");
        QStringList held;
        const char *names[] = {"view", "deploy", "operate", "manage"};
        for (int c = View; c <= Manage; ++c)
            if (e.model("teamCollaboratorsTable")->index(r, c).data(Qt::CheckStateRole).toInt() == Qt::Checked)
                held << QLatin1String(names[c - View]);
        return held.join(QLatin1Char(','));
    }
    // Answers the next permissions dialog: `email` typed when it asks for one, the boxes set to `permissions`.
    static void answerPermissions(const QString &email, const QStringList &permissions)
    {
        plugintest::onNextDialog<QDialog>([email, permissions](QDialog *d) {
            if (auto *edit = d->findChild<QLineEdit *>(QStringLiteral("collaboratorEmail")))
                edit->setText(email);
            for (const char *name : {"deploy", "operate", "manage"})
                d->findChild<QCheckBox *>(QStringLiteral("permission_") + QLatin1String(name))
                        ->setChecked(permissions.contains(QLatin1String(name)));
            plugintest::snap(d, QStringLiteral("teams-03-permissions-dialog"));
            d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
    }
    Editor openAccessTab(const QString &app)
    {
        const Editor e = myApps().openEditor(app);
        if (e.tabs)
            e.tabs->setCurrentIndex(1);
        return e;
    }

public:
    static void initMain() { guitest::prepare(); }

private slots:
    void initTestCase()
    {
        QVERIFY2(f.start(), qPrintable(f.pluginError));
        for (const char *email : {"student@example.com", "viewer@example.com", "outsider@example.com"})
            QVERIFY(wiring::addAccount(f.data.path().toStdString(), email, std::nullopt).ok());
        // The signed-in developer makes a team, as a teacher would, with a student and a viewer.
        QCOMPARE(f.api->post("/teams", {{"name", "class-a"}}).status, 201);
        QCOMPARE(f.api->post("/teams/class-a/members", {{"email", "student@example.com"}, {"role", "member"}}).status, 201);
        QCOMPARE(f.api->post("/teams/class-a/members", {{"email", "viewer@example.com"}, {"role", "viewer"}}).status, 201);
        QCOMPARE(f.api->post("/teams/apps", {{"name", "lab-app"}, {"team", "class-a"}}).status, 201);
        QCOMPARE(f.api->post("/apps", {{"name", "own-app"}}).status, 201);
    }

    void myAppsListsTeamAppsWithTheirTeam()
    {
        const plugintest::MyApps apps = myApps();
        QTRY_VERIFY_WITH_TIMEOUT(apps.row(QStringLiteral("lab-app")) >= 0 && apps.row(QStringLiteral("own-app")) >= 0, 10000);
        QCOMPARE(apps.table()->model()->headerData(Team, Qt::Horizontal).toString(), QStringLiteral("Team"));
        QCOMPARE(apps.cell(QStringLiteral("lab-app"), Team), QStringLiteral("class-a"));
        QCOMPARE(apps.cell(QStringLiteral("own-app"), Team), QStringLiteral("Personal"));
        QCOMPARE(apps.cell(QStringLiteral("lab-app"), Owner), QStringLiteral("class-a@herokumanager.com"));
        QVERIFY(apps.index(QStringLiteral("lab-app"), Name).data(Qt::DecorationRole).isNull());

        // Locked (here through the API, as `heroku apps:lock` does): a padlock, and the tooltip says
        // so; the name is not cut short by it.
        QCOMPARE(f.api->patch("/teams/apps/lab-app", {{"locked", true}}).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(!apps.index(QStringLiteral("lab-app"), Name).data(Qt::DecorationRole).isNull(), 10000);
        QVERIFY(apps.index(QStringLiteral("lab-app"), Name).data(Qt::ToolTipRole).toString().contains(QStringLiteral("locked")));
        QVERIFY(apps.index(QStringLiteral("own-app"), Name).data(Qt::DecorationRole).isNull());
        const int nameWithIcon = apps.table()->fontMetrics().horizontalAdvance(QStringLiteral("lab-app"))
                                 + apps.table()->style()->pixelMetric(QStyle::PM_SmallIconSize);
        QTRY_VERIFY(apps.table()->columnWidth(Name) > nameWithIcon);

        // The team switcher: all apps, the personal ones, one team's.
        auto *switcher = f.find<QComboBox>(QStringLiteral("teamSwitcher"));
        QVERIFY(switcher);
        QTRY_COMPARE(switcher->count(), 3);
        QCOMPARE(switcher->itemText(0), QStringLiteral("All apps"));
        QCOMPARE(switcher->itemText(1), QStringLiteral("Personal apps"));
        QCOMPARE(switcher->itemText(2), QStringLiteral("Team class-a"));
        switcher->setCurrentIndex(2);
        QCOMPARE(apps.table()->model()->rowCount(), 1);
        QVERIFY(apps.row(QStringLiteral("lab-app")) >= 0);
        QVERIFY(f.find<QLabel>(QStringLiteral("appsStatus"))->text().startsWith(QStringLiteral("1 app"))); // those shown
        plugintest::snap(f.window.get(), QStringLiteral("teams-01-my-apps-one-team"));
        switcher->setCurrentIndex(1);
        QCOMPARE(apps.table()->model()->rowCount(), 1);
        QVERIFY(apps.row(QStringLiteral("own-app")) >= 0);
        switcher->setCurrentIndex(0);
        QCOMPARE(apps.table()->model()->rowCount(), 2);
        plugintest::snap(f.window.get(), QStringLiteral("teams-02-my-apps-all"));
    }

    void collaboratorsTabShowsMembersWithTheirPermissions()
    {
        const Editor e = openAccessTab(QStringLiteral("lab-app"));
        QVERIFY(e.tabs);
        QTRY_VERIFY_WITH_TIMEOUT(e.child<QTableView>("teamCollaboratorsTable") && e.rows("teamCollaboratorsTable") == 3, 10000);
        QCOMPARE(e.tabs->tabText(1), QStringLiteral("Collaborators"));
        QVERIFY(!e.child<QTableView>("collaboratorsTable"));
        // The team's creator first, holding everything; the app is locked, so the student and the
        // viewer see nothing of it until given permissions.
        QCOMPARE(e.cell("teamCollaboratorsTable", 0, Email), QStringLiteral("developer@dynodesk.local"));
        QCOMPARE(shownPermissions(e, QStringLiteral("developer@dynodesk.local")), QStringLiteral("view,deploy,operate,manage"));
        QCOMPARE(e.cell("teamCollaboratorsTable", accessRow(e, QStringLiteral("student@example.com")), Role), QStringLiteral("Member"));
        QCOMPARE(e.cell("teamCollaboratorsTable", accessRow(e, QStringLiteral("viewer@example.com")), Role), QStringLiteral("Viewer"));
        QCOMPARE(shownPermissions(e, QStringLiteral("student@example.com")), QString());
        const QString summary = e.child<QLabel>("teamAccessSummary")->text();
        QVERIFY2(summary.contains(QStringLiteral("class-a")) && summary.contains(QStringLiteral("locked")), qPrintable(summary));
        QCOMPARE(e.button("lockApp")->text(), QStringLiteral("Unlock"));
        QVERIFY(e.button("addTeamCollaborator")->isEnabled());

        // Unlock: the platform's app is unlocked, members view it again, My Apps drops the padlock.
        e.button("lockApp")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!locked(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(shownPermissions(e, QStringLiteral("student@example.com")), QStringLiteral("view"), 10000);
        QCOMPARE(shownPermissions(e, QStringLiteral("viewer@example.com")), QStringLiteral("view"));
        QCOMPARE(e.button("lockApp")->text(), QStringLiteral("Lock"));
        QVERIFY(e.status().startsWith(QStringLiteral("Unlocked lab-app")));
        QTRY_VERIFY_WITH_TIMEOUT(myApps().index(QStringLiteral("lab-app"), Name).data(Qt::DecorationRole).isNull(), 10000);
    }

    void addEditAndRemoveACollaboratorWithPermissions()
    {
        const Editor e = openAccessTab(QStringLiteral("lab-app"));
        QTRY_VERIFY_WITH_TIMEOUT(e.child<QTableView>("teamCollaboratorsTable") && e.rows("teamCollaboratorsTable") == 3, 10000);
        // Add someone from outside the team with deploy: the platform adds view.
        answerPermissions(QStringLiteral("outsider@example.com"), {QStringLiteral("deploy")});
        e.button("addTeamCollaborator")->click();
        QTRY_COMPARE_WITH_TIMEOUT(permissionsOf("outsider@example.com"), (std::set<std::string>{"deploy", "view"}), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(shownPermissions(e, QStringLiteral("outsider@example.com")), QStringLiteral("view,deploy"), 10000);
        QCOMPARE(e.cell("teamCollaboratorsTable", accessRow(e, QStringLiteral("outsider@example.com")), Role),
                 QStringLiteral("Collaborator"));
        QCOMPARE(e.status(), QStringLiteral("Added outsider@example.com to lab-app with view, deploy."));

        // Edit: operate and manage instead of deploy.
        QVERIFY(e.select("teamCollaboratorsTable", Email, QStringLiteral("outsider@example.com")));
        answerPermissions({}, {QStringLiteral("operate"), QStringLiteral("manage")});
        e.button("editPermissions")->click();
        QTRY_COMPARE_WITH_TIMEOUT(permissionsOf("outsider@example.com"), (std::set<std::string>{"manage", "operate", "view"}), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(shownPermissions(e, QStringLiteral("outsider@example.com")),
                                  QStringLiteral("view,operate,manage"), 10000);

        // A member who is not yet a collaborator gets deploy: the platform now lists them.
        QCOMPARE(permissionsOf("student@example.com"), std::set<std::string>{"none"});
        QVERIFY(e.select("teamCollaboratorsTable", Email, QStringLiteral("student@example.com")));
        answerPermissions({}, {QStringLiteral("deploy")});
        e.button("editPermissions")->click();
        QTRY_COMPARE_WITH_TIMEOUT(permissionsOf("student@example.com"), (std::set<std::string>{"deploy", "view"}), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(shownPermissions(e, QStringLiteral("student@example.com")), QStringLiteral("view,deploy"), 10000);
        plugintest::snap(f.window.get(), QStringLiteral("teams-04-collaborators"));

        // The platform's refusal, in its words.
        answerPermissions(QStringLiteral("nobody@example.com"), {});
        e.button("addTeamCollaborator")->click();
        QTRY_VERIFY_WITH_TIMEOUT(f.window->statusBar()->currentMessage().startsWith(
                                         QStringLiteral("Adding nobody@example.com: Couldn't find that user.")),
                                 10000);

        // Remove, after confirming.
        QVERIFY(e.select("teamCollaboratorsTable", Email, QStringLiteral("outsider@example.com")));
        guitest::answerNextMessageBox(QMessageBox::Yes);
        e.button("removeTeamCollaborator")->click();
        QTRY_COMPARE_WITH_TIMEOUT(permissionsOf("outsider@example.com"), std::set<std::string>{"none"}, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(accessRow(e, QStringLiteral("outsider@example.com")), -1, 10000);

        // Lock again from the tab: the padlock is back in My Apps.
        e.button("lockApp")->click();
        QTRY_VERIFY_WITH_TIMEOUT(locked(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!myApps().index(QStringLiteral("lab-app"), Name).data(Qt::DecorationRole).isNull(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(shownPermissions(e, QStringLiteral("viewer@example.com")), QString(), 10000);
        plugintest::snap(f.window.get(), QStringLiteral("teams-05-collaborators-locked"));
    }

    // In German: the padlock's tooltip and the permissions dialog.
    void theTeamViewsSpeakGerman()
    {
        QVERIFY(app::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German, QLocale::Germany)));
        QVERIFY(locked());
        QCOMPARE(myApps().index(QStringLiteral("lab-app"), Name).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("lab-app ist gesperrt: Nur die Administratoren des Teams und die Mitwirkenden der App sehen sie."));
        const Editor e = openAccessTab(QStringLiteral("lab-app"));
        QTRY_VERIFY_WITH_TIMEOUT(e.child<QTableView>("teamCollaboratorsTable"), 10000);
        QStringList boxes;
        plugintest::onNextDialog<QDialog>([&boxes](QDialog *d) {
            for (const char *name : {"view", "deploy", "operate", "manage"})
                boxes << d->findChild<QCheckBox *>(QStringLiteral("permission_") + QLatin1String(name))->text();
            plugintest::snap(d, QStringLiteral("teams-06-permissions-dialog-de"));
            d->reject();
        });
        e.button("addTeamCollaborator")->click();
        QTRY_COMPARE(boxes, (QStringList{"Ansehen", "Bereitstellen", "Betreiben", "Verwalten"}));
        for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>())
            QCoreApplication::removeTranslator(t);
        app::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));
    }

    // A team app's owner is its team (`class-a@herokumanager.com`), not the admin: what the admin
    // may do is the platform's to decide, so nothing is greyed out as "owner only".
    void aTeamAdminMayRenameAndDestroyTheTeamApp()
    {
        const Editor e = myApps().openEditor(QStringLiteral("lab-app"));
        QVERIFY(e.tabs);
        e.tabs->setCurrentIndex(0);
        QTRY_COMPARE_WITH_TIMEOUT(e.child<QLabel>("info5")->text(), QStringLiteral("class-a@herokumanager.com"), 10000);
        QVERIFY(e.button("renameButton")->isEnabled());
        QVERIFY(e.button("destroyButton")->isEnabled());
        bool destroyEnabled = false;
        QTimer::singleShot(0, [&destroyEnabled] {
            if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
                destroyEnabled = menu->findChild<QAction *>(QStringLiteral("destroyAction"))->isEnabled();
                menu->close();
            }
        });
        QTableView *table = myApps().table();
        emit table->customContextMenuRequested(table->visualRect(myApps().index(QStringLiteral("lab-app"), Name)).center());
        QTRY_VERIFY(destroyEnabled);
    }

    void personalAppsKeepTheCollaboratorsTab()
    {
        const Editor e = openAccessTab(QStringLiteral("own-app"));
        QVERIFY(e.tabs);
        QTRY_COMPARE_WITH_TIMEOUT(e.rows("collaboratorsTable"), 1, 10000);
        QCOMPARE(e.cell("collaboratorsTable", 0, 0), QStringLiteral("owner"));
        QTest::qWait(300); // the app's info has come: it stays the plain tab
        QVERIFY(!e.child<QTableView>("teamCollaboratorsTable"));
    }

    // A student signed in to a lab's server: the team app is listed with its team, the tab shows
    // who has access, and the changes are disabled, saying why.
    void aMemberSeesTheTeamAppButCannotChangeItsAccess()
    {
        QTemporaryDir data;
        dynodesk::testing::ServerProcess server(data.path());
        QVERIFY2(server.start(30000), qPrintable(server.output()));
        auto student = wiring::addAccount(data.path().toStdString(), "student@example.com", std::nullopt);
        QVERIFY(student.ok());
        dynodesk::testing::HttpClient teacher(server.apiUrl(), server.token());
        QCOMPARE(teacher.post("/teams", {{"name", "class-b"}}).status, 201);
        QCOMPARE(teacher.post("/teams/class-b/members", {{"email", "student@example.com"}, {"role", "member"}}).status, 201);
        QCOMPARE(teacher.post("/teams/apps", {{"name", "remote-lab"}, {"team", "class-b"}}).status, 201);

        f.connection->connectRemote(server.apiUrl(), QString::fromStdString(student.value().token),
                                    QStringLiteral("Test server"));
        QTRY_VERIFY_WITH_TIMEOUT(myApps().row(QStringLiteral("remote-lab")) >= 0, 15000);
        QCOMPARE(myApps().cell(QStringLiteral("remote-lab"), Team), QStringLiteral("class-b"));
        const Editor e = openAccessTab(QStringLiteral("remote-lab"));
        QVERIFY(e.tabs);
        QTRY_VERIFY_WITH_TIMEOUT(e.child<QTableView>("teamCollaboratorsTable") && e.rows("teamCollaboratorsTable") == 2, 15000);
        QCOMPARE(shownPermissions(e, QStringLiteral("student@example.com")), QStringLiteral("view"));
        QTRY_VERIFY(e.child<QLabel>("teamAccessSummary")->text().endsWith(QStringLiteral("Your role: Member.")));
        for (const char *name : {"addTeamCollaborator", "editPermissions", "removeTeamCollaborator", "lockApp"}) {
            QVERIFY2(!e.button(name)->isEnabled(), name);
            QCOMPARE(e.button(name)->toolTip(), QStringLiteral("You need the manage permission on remote-lab for this."));
        }
        plugintest::snap(f.window.get(), QStringLiteral("teams-07-as-member"));
        QVERIFY(server.terminate());
    }
};

QTEST_MAIN(TestPluginTeams)
#include "tst_pluginteams.moc"
