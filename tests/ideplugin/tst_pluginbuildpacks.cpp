// The app editor's Buildpacks tab, on the real main window with the real plugin and an
// in-process emulator: add a buildpack from the registry's list (with descriptions) and one by
// URL, move them, remove one, clear the build cache after a confirmation; every change checked
// through the API. Screenshots for tools/tour.
#include "myapps.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QTreeWidget>

using namespace dynodesk;
using nlohmann::json;
using plugintest::Editor;

class TestPluginBuildpacks : public QObject {
    Q_OBJECT

    plugintest::Fixture f;
    Editor m_editor;
    // A buildpack by URL: only stored until a build clones it.
    const QString m_aptUrl = QStringLiteral("https://github.com/heroku/heroku-buildpack-apt");

    // The app's buildpacks as the platform holds them, by name, in order.
    QStringList installed() const
    {
        QStringList names;
        for (const auto &i : f.api->get("/apps/bp-app/buildpack-installations").json())
            names << QString::fromStdString(i["buildpack"]["name"].get<std::string>());
        return names;
    }
    QStringList shown() const
    {
        QStringList names;
        for (int r = 0; r < m_editor.rows("buildpacksTable"); ++r)
            names << m_editor.cell("buildpacksTable", r, 1);
        return names;
    }
    QDialog *addDialog() const { return f.find<QDialog>(QStringLiteral("addBuildpackDialog")); }

public:
    static void initMain() { guitest::prepare(); }

private slots:
    void initTestCase()
    {
        QVERIFY2(f.start(), qPrintable(f.pluginError));
        QCOMPARE(f.api->post("/apps", {{"name", "bp-app"}}).status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(plugintest::MyApps{f}.row(QStringLiteral("bp-app")) >= 0, 10000);
        m_editor = plugintest::MyApps{f}.openEditor(QStringLiteral("bp-app"));
        QVERIFY(m_editor.tabs);
        for (int i = 0; i < m_editor.tabs->count(); ++i)
            if (m_editor.tabs->tabText(i) == QLatin1String("Buildpacks"))
                m_editor.tabs->setCurrentIndex(i);
        QCOMPARE(m_editor.tabs->tabText(m_editor.tabs->currentIndex()), QStringLiteral("Buildpacks"));
        QVERIFY(m_editor.child<QLabel>("buildpacksNote")->text().contains(QStringLiteral("next build")));
        QCOMPARE(m_editor.rows("buildpacksTable"), 0);
    }

    void addFromTheRegistry()
    {
        m_editor.button("addBuildpack")->click();
        QTRY_VERIFY(addDialog());
        auto *list = addDialog()->findChild<QTreeWidget *>(QStringLiteral("registryBuildpacks"));
        QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItemCount(), 6, 10000);
        auto *ok = addDialog()->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled()); // nothing picked yet
        const auto nodejs = list->findItems(QStringLiteral("heroku/nodejs"), Qt::MatchExactly, 0);
        QCOMPARE(nodejs.size(), 1);
        QVERIFY(nodejs.first()->text(1).contains(QStringLiteral("Node.js apps")));
        list->setCurrentItem(nodejs.first());
        QVERIFY(ok->isEnabled());
        plugintest::snap(addDialog(), QStringLiteral("10b-add-buildpack"));
        ok->click();
        QTRY_COMPARE_WITH_TIMEOUT(installed(), QStringList{QStringLiteral("heroku/nodejs")}, 10000);
        QTRY_COMPARE(shown(), QStringList{QStringLiteral("heroku/nodejs")});
        QCOMPARE(m_editor.status(), QStringLiteral("Added heroku/nodejs: it applies to the next build."));
    }

    void addByUrl()
    {
        m_editor.button("addBuildpack")->click();
        QTRY_VERIFY(addDialog());
        addDialog()->findChild<QLineEdit *>(QStringLiteral("buildpackUrl"))->setText(m_aptUrl);
        addDialog()->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        const QStringList both{QStringLiteral("heroku/nodejs"), m_aptUrl}; // a URL is its own name
        QTRY_COMPARE_WITH_TIMEOUT(installed(), both, 10000);
        QTRY_COMPARE(shown(), both);
        QCOMPARE(m_editor.cell("buildpacksTable", 1, 0), QStringLiteral("2"));
        QCOMPARE(m_editor.cell("buildpacksTable", 1, 2), m_aptUrl);
        plugintest::snap(f.window.get(), QStringLiteral("10c-buildpacks"));
    }

    void moveUpAndDown()
    {
        QVERIFY(m_editor.select("buildpacksTable", 1, m_aptUrl));
        m_editor.button("moveBuildpackUp")->click();
        QTRY_COMPARE_WITH_TIMEOUT(installed(), QStringList({m_aptUrl, QStringLiteral("heroku/nodejs")}), 10000);
        QTRY_COMPARE(shown(), QStringList({m_aptUrl, QStringLiteral("heroku/nodejs")}));
        QCOMPARE(m_editor.status(), QStringLiteral("Moved %1 to position 1: it applies to the next build.").arg(m_aptUrl));
        // Still selected: up again is the top already and changes nothing; down moves it back.
        m_editor.button("moveBuildpackUp")->click();
        m_editor.button("moveBuildpackDown")->click();
        QTRY_COMPARE_WITH_TIMEOUT(installed(), QStringList({QStringLiteral("heroku/nodejs"), m_aptUrl}), 10000);
        QTRY_COMPARE(shown(), QStringList({QStringLiteral("heroku/nodejs"), m_aptUrl}));
    }

    void removeAfterConfirming()
    {
        QVERIFY(m_editor.select("buildpacksTable", 1, m_aptUrl));
        guitest::answerNextMessageBox(QMessageBox::No);
        m_editor.button("removeBuildpack")->click();
        QTest::qWait(200);
        QCOMPARE(installed().size(), 2);
        QVERIFY(m_editor.select("buildpacksTable", 1, m_aptUrl));
        QString asked;
        guitest::answerNextMessageBox(QMessageBox::Yes, &asked);
        m_editor.button("removeBuildpack")->click();
        QTRY_COMPARE_WITH_TIMEOUT(installed(), QStringList{QStringLiteral("heroku/nodejs")}, 10000);
        QTRY_COMPARE(shown(), QStringList{QStringLiteral("heroku/nodejs")});
        QCOMPARE(asked, QStringLiteral("Remove %1 from bp-app?").arg(m_aptUrl));
    }

    void clearBuildCacheAfterConfirming()
    {
        const std::string id = f.api->get("/apps/bp-app").json()["id"];
        const QString cache = f.data.path() + QStringLiteral("/cache/") + QString::fromStdString(id);
        QVERIFY(QDir().mkpath(cache + QStringLiteral("/node_modules")));
        guitest::answerNextMessageBox(QMessageBox::No);
        m_editor.button("clearBuildCache")->click();
        QTest::qWait(200);
        QVERIFY(QFileInfo::exists(cache + QStringLiteral("/node_modules")));
        QString asked;
        guitest::answerNextMessageBox(QMessageBox::Yes, &asked);
        m_editor.button("clearBuildCache")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(cache), 10000);
        QTRY_COMPARE(m_editor.status(), QStringLiteral("Cleared the build cache of bp-app."));
        QVERIFY(asked.startsWith(QStringLiteral("Clear the build cache of bp-app?")));
    }
};

QTEST_MAIN(TestPluginBuildpacks)
#include "tst_pluginbuildpacks.moc"
