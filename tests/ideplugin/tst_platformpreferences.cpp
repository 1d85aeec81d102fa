// The platform plugin's preferences pages against a real in-process emulator: a wrong key or an
// unreachable server keeps the Platform page's OK refused with the reason; a good key is written
// to ~/.netrc for the API and git hosts the way the CLI does and comes back when the page is
// opened again; the Credentials page lists and removes netrc logins; SSH keys go through the
// account keys API. Then the same pages in the shell's Edit › Preferences with the real plugin
// loaded: their order, an error shown on the page, and the window connected to the chosen server.
#include "pluginfixture.h"

#include "common/serverprocess.h"

#include "client/netrc.h"
#include "client/platformclient.h"
#include "preferences/credentialspage.h"
#include "plugincontext.h"
#include "preferences/platformpage.h"
#include "preferences/platformpreferences.h"
#include "preferences/platformsettings.h"
#include "preferences/sshkeyspage.h"
#include "preferencesdialog.h"
#include "translations.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTranslator>

#include <optional>

using namespace dynodesk;
using namespace dynodesk::ideplugin;

class TestPlatformPreferences : public QObject {
    Q_OBJECT

    plugintest::Fixture f;
    QNetworkAccessManager m_network;

    QString apiUrl() const { return f.connection->apiUrl(); }
    QString token() const { return f.connection->token(); }

    // Applies `page` as the dialog's OK does; the answer, once it came.
    static std::optional<bool> apply(PlatformPage &page)
    {
        auto answer = std::make_shared<std::optional<bool>>();
        page.apply([answer](bool ok) { *answer = ok; });
        (void)QTest::qWaitFor([&] { return answer->has_value(); }, 15000);
        return *answer;
    }

public:
    static void initMain() { guitest::prepare(); }

private slots:
    void initTestCase()
    {
        QVERIFY2(f.start(), qPrintable(f.pluginError));
        // As the app starts for an English-speaking user (the English translation gives the plurals).
        app::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));
    }

    void wrongKeyIsRefusedWithTheReason()
    {
        PlatformPage page(PlatformSettings{}, m_network, Netrc::defaultPath());
        QSignalSpy accepted(&page, &PlatformPage::accepted);
        page.choosePlatform(PlatformKind::Remote);
        page.remoteUrlField()->setText(apiUrl());
        page.keyField()->setText(QStringLiteral("HRKU-not-a-key"));
        QCOMPARE(apply(page), std::optional<bool>(false));
        QVERIFY2(page.error().contains(QStringLiteral("API key was not accepted")), qPrintable(page.error()));
        QCOMPARE(accepted.count(), 0);
        QVERIFY(!QFile::exists(Netrc::defaultPath()));
    }

    void unreachableServerSaysSo()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close(); // nothing listens there now
        PlatformPage page(PlatformSettings{}, m_network, Netrc::defaultPath());
        page.choosePlatform(PlatformKind::Remote);
        page.remoteUrlField()->setText(QStringLiteral("http://127.0.0.1:%1").arg(port));
        page.keyField()->setText(token());
        QCOMPARE(apply(page), std::optional<bool>(false));
        QVERIFY2(page.error().contains(QStringLiteral("Cannot reach")), qPrintable(page.error()));
    }

    void missingUrlOrKeyIsRefusedAtOnce()
    {
        PlatformPage page(PlatformSettings{}, m_network, Netrc::defaultPath());
        page.choosePlatform(PlatformKind::Remote);
        page.remoteUrlField()->setText(QStringLiteral("not a url"));
        QCOMPARE(apply(page), std::optional<bool>(false));
        QVERIFY2(page.error().contains(QStringLiteral("Enter the server's URL")), qPrintable(page.error()));
        page.remoteUrlField()->setText(apiUrl());
        page.keyField()->clear();
        QCOMPARE(apply(page), std::optional<bool>(false));
        QCOMPARE(page.error(), QStringLiteral("Enter an API key."));
    }

    void goodKeyIsWrittenToNetrcAndComesBack()
    {
        PlatformPage page(PlatformSettings{}, m_network, Netrc::defaultPath());
        QSignalSpy accepted(&page, &PlatformPage::accepted);
        page.choosePlatform(PlatformKind::Remote);
        page.remoteUrlField()->setText(apiUrl());
        page.keyField()->setText(token());
        QCOMPARE(apply(page), std::optional<bool>(true));
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(page.settings().kind, PlatformKind::Remote);
        QCOMPARE(page.token(), token());

        Netrc netrc(Netrc::defaultPath());
        QVERIFY(netrc.load());
        const QString host = QUrl(apiUrl()).authority(); // what the CLI uses with HEROKU_HOST
        const auto entry = netrc.find(host);
        QVERIFY(entry);
        QCOMPARE(entry->password, token());
        QCOMPARE(entry->login, QStringLiteral("developer@dynodesk.local"));

        {
            QSettings store;
            page.settings().save(store);
        }
        QSettings store;
        const PlatformSettings after = PlatformSettings::load(store);
        QCOMPARE(after.kind, PlatformKind::Remote);
        QCOMPARE(after.remoteUrl, apiUrl());
        PlatformPage reopened(after, m_network, Netrc::defaultPath()); // the key comes back from ~/.netrc
        QCOMPARE(reopened.keyField()->text(), token());
        store.remove(QStringLiteral("platform"));
    }

    void credentialsListAndLogOut()
    {
        CredentialsPage page(Netrc::defaultPath());
        const QString host = QUrl(apiUrl()).authority();
        QCOMPARE(page.table()->rowCount(), 1); // the API host written above (git host is the same here)
        QCOMPARE(page.table()->item(0, 0)->text(), host);
        QCOMPARE(page.table()->item(0, 1)->text(), QStringLiteral("developer@dynodesk.local"));
        page.table()->setCurrentCell(0, 0);
        page.findChild<QPushButton *>(QStringLiteral("logOutButton"))->click();
        QCOMPARE(page.table()->rowCount(), 0);
        Netrc netrc(Netrc::defaultPath());
        QVERIFY(netrc.load());
        QVERIFY(!netrc.find(host));
    }

    void sshKeysAddListAndRemove()
    {
        const QString sshDir = guitest::home().filePath(QStringLiteral(".ssh"));
        QDir().mkpath(sshDir);
        const QString keyFile = sshDir + QStringLiteral("/id_test");
        QCOMPARE(QProcess::execute(QStringLiteral("ssh-keygen"),
                                   {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                    QStringLiteral("-N"), QString(), QStringLiteral("-C"),
                                    QStringLiteral("tester@desk"), QStringLiteral("-f"), keyFile}),
                 0);
        PlatformClient client(m_network);
        client.setEndpoint(QUrl(apiUrl()), token());
        SshKeysPage page(&client, sshDir);
        page.refresh();
        QTRY_COMPARE(page.status(), QStringLiteral("0 keys")); // a new account has none
        QCOMPARE(page.list()->count(), 0);
        page.addKeyFile(keyFile + QStringLiteral(".pub"));
        QTRY_COMPARE(page.list()->count(), 1);
        QTRY_COMPARE(page.status(), QStringLiteral("1 key"));
        const auto added = page.list()->findItems(QStringLiteral("tester@desk"), Qt::MatchContains);
        QCOMPARE(added.size(), 1);
        // Remove is only offered for a selected key; clicking it removes that key.
        auto *remove = page.findChild<QPushButton *>(QStringLiteral("removeKeyButton"));
        QVERIFY(remove);
        QVERIFY(!remove->isEnabled());
        page.list()->setCurrentItem(added.first());
        QVERIFY(remove->isEnabled());
        remove->click();
        QTRY_COMPARE(page.list()->count(), 0);
        QTRY_COMPARE(page.status(), QStringLiteral("0 keys"));
    }

    void withoutAPlatformSshKeysSaySo()
    {
        SshKeysPage page(nullptr, guitest::home().filePath(QStringLiteral(".ssh")));
        QVERIFY(!page.isEnabled());
        QCOMPARE(page.status(), QStringLiteral("Connect to a platform to manage SSH keys."));
    }

    // The shell's dialog with the real plugin: the plugin's pages, then the shell's.
    void theDialogShowsThePluginsPagesAndTheirErrors()
    {
        std::unique_ptr<app::PreferencesDialog> dialog(f.window->makePreferences());
        QStringList titles;
        for (int i = 0; i < dialog->pages()->count(); ++i)
            titles << dialog->pages()->tabText(i);
        QCOMPARE(titles, (QStringList{"Platform", "Credentials", "SSH Keys", "Editor"}));
        dialog->show();
        dialog->pages()->setCurrentIndex(3);
        dialog->findChildren<QRadioButton *>().at(1)->click(); // A Dynodesk server elsewhere
        dialog->findChild<QLineEdit *>(QStringLiteral("platformUrl"))->setText(apiUrl());
        dialog->findChild<QLineEdit *>(QStringLiteral("platformKey"))->setText(QStringLiteral("HRKU-not-a-key"));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        auto *error = dialog->findChild<QLabel *>(QStringLiteral("platformError"));
        QTRY_VERIFY2(error->text().contains(QStringLiteral("API key was not accepted")), qPrintable(error->text()));
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->pages()->currentIndex(), 0); // the Platform page, with the reason
        plugintest::snap(dialog.get(), QStringLiteral("13-preferences-platform-error"));
        // The SSH Keys page reads the connected platform's keys.
        QTRY_COMPARE(dialog->findChild<QLabel *>(QStringLiteral("sshKeysStatus"))->text(), QStringLiteral("0 keys"));
    }

    void thePagesSpeakGerman()
    {
        QVERIFY(app::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German, QLocale::Germany)));
        std::unique_ptr<app::PreferencesDialog> dialog(f.window->makePreferences());
        QStringList titles;
        for (int i = 0; i < dialog->pages()->count(); ++i)
            titles << dialog->pages()->tabText(i);
        QCOMPARE(titles, (QStringList{"Plattform", "Zugangsdaten", "SSH-Schlüssel", "Editor"}));
        QVERIFY(!dialog->findChildren<QRadioButton *>().isEmpty());
        QCOMPARE(dialog->findChildren<QRadioButton *>().at(2)->text(), QStringLiteral("Die echte Plattform"));
        for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>())
            QCoreApplication::removeTranslator(t);
        app::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));
    }

    // As it loads, the plugin connects the shell to the chosen platform and asks it who we are: a
    // server that does not answer leaves the window not connected, saying why.
    void startingWithAnUnreachableServerSaysSo()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
        closed.close();
        {
            QSettings store;
            PlatformSettings chosen;
            chosen.kind = PlatformKind::Remote;
            chosen.remoteUrl = url;
            chosen.save(store);
        }
        app::PlatformConnection connection;
        app::MainWindow window(connection, f.data.path());
        PluginContext ctx(window);
        PlatformPreferences preferences(ctx, Netrc::defaultPath(), guitest::home().filePath(QStringLiteral(".ssh")));
        preferences.connectChosenPlatform(); // what the plugin does as it loads into a window
        QCOMPARE(connection.isLocal(), false);
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionText().startsWith(QStringLiteral("Not connected: Cannot reach")), 15000);
        QVERIFY(window.apiUrl().isEmpty());
        QSettings store;
        store.remove(QStringLiteral("platform"));
    }

    void acceptingAServerConnectsTheWindowToIt()
    {
        dynodesk::testing::ServerProcess server(f.data.path() + QStringLiteral("/server"));
        QVERIFY2(server.start(30000), qPrintable(server.output()));
        std::unique_ptr<app::PreferencesDialog> dialog(f.window->makePreferences());
        dialog->show();
        dialog->findChildren<QRadioButton *>().at(1)->click();
        dialog->findChild<QLineEdit *>(QStringLiteral("platformUrl"))->setText(server.apiUrl());
        dialog->findChild<QLineEdit *>(QStringLiteral("platformKey"))->setText(server.token());
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->result(), int(QDialog::Accepted), 15000);
        QCOMPARE(f.window->apiUrl(), server.apiUrl());
        QCOMPARE(f.window->apiToken(), server.token());
        QVERIFY2(f.window->connectionText().startsWith(QStringLiteral("Remote server · ")),
                 qPrintable(f.window->connectionText()));
        QSettings store;
        QCOMPARE(PlatformSettings::load(store).kind, PlatformKind::Remote);
        store.remove(QStringLiteral("platform"));
        QVERIFY(server.terminate());
    }
};

QTEST_MAIN(TestPlatformPreferences)
#include "tst_platformpreferences.moc"
