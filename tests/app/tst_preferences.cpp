// Preferences against a real in-process emulator: a wrong key or an unreachable server keeps the
// dialog open with the reason; a good key is written to ~/.netrc for the API and git hosts the
// way the CLI does; the settings persist; SSH keys go through the account keys API.
#include "guitest.h"

#include "appsettings.h"
#include "netrc.h"
#include "wiring/emulator.h"
#include "preferencesdialog.h"
#include "sshkeyspage.h"
#include "translations.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace dynodesk;
using namespace dynodesk::app;

class TestPreferences : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;
    std::unique_ptr<wiring::Emulator> m_emulator;
    QNetworkAccessManager m_network;

    QString apiUrl() const { return QString::fromStdString(m_emulator->apiUrl()); }
    QString token() const { return QString::fromStdString(m_emulator->credentials().token); }
    PreferencesContext context()
    {
        return {&m_network, apiUrl(), token(), Netrc::defaultPath(), guitest::home().filePath(QStringLiteral(".ssh"))};
    }
    static void clickOk(PreferencesDialog &dialog)
    {
        dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    }

public:
    static void initMain() { guitest::prepare(); }

private slots:
    void initTestCase()
    {
        core::Settings settings;
        settings.dataDir = m_data.path().toStdString();
        settings.passwordHashIterations = 1000;
        m_emulator = std::make_unique<wiring::Emulator>(settings);
        auto started = m_emulator->start();
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
        // As the app starts for an English-speaking user (the English translation gives the plurals).
        installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));
    }

    void cleanupTestCase() { m_emulator->stop(); }

    void wrongKeyShowsTheErrorAndKeepsTheDialogOpen()
    {
        PreferencesDialog dialog(AppSettings{}, context());
        dialog.show();
        dialog.choosePlatform(PlatformKind::Remote);
        dialog.remoteUrlField()->setText(apiUrl());
        dialog.keyField()->setText(QStringLiteral("HRKU-not-a-key"));
        clickOk(dialog);
        QTRY_VERIFY2(dialog.error().contains(QStringLiteral("API key was not accepted")), qPrintable(dialog.error()));
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!QFile::exists(Netrc::defaultPath()));
    }

    void unreachableServerSaysSo()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close(); // nothing listens there now
        PreferencesDialog dialog(AppSettings{}, context());
        dialog.show();
        dialog.choosePlatform(PlatformKind::Remote);
        dialog.remoteUrlField()->setText(QStringLiteral("http://127.0.0.1:%1").arg(port));
        dialog.keyField()->setText(token());
        clickOk(dialog);
        QTRY_VERIFY2(dialog.error().contains(QStringLiteral("Cannot reach")), qPrintable(dialog.error()));
        QVERIFY(dialog.isVisible());
    }

    void goodKeyIsWrittenToNetrcAndSettingsPersist()
    {
        AppSettings before;
        PreferencesDialog dialog(before, context());
        dialog.show();
        dialog.choosePlatform(PlatformKind::Remote);
        dialog.remoteUrlField()->setText(apiUrl());
        dialog.keyField()->setText(token());
        clickOk(dialog);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));

        Netrc netrc(Netrc::defaultPath());
        QVERIFY(netrc.load());
        const QString host = QUrl(apiUrl()).authority(); // what the CLI uses with HEROKU_HOST
        const auto entry = netrc.find(host);
        QVERIFY(entry);
        QCOMPARE(entry->password, token());
        QCOMPARE(entry->login, QString::fromStdString(m_emulator->credentials().email));

        {
            QSettings store;
            dialog.settings().save(store);
        }
        QSettings store;
        const AppSettings after = AppSettings::load(store);
        QCOMPARE(after.platform, PlatformKind::Remote);
        QCOMPARE(after.remoteUrl, apiUrl());

        PreferencesDialog reopened(after, context()); // the key comes back from ~/.netrc
        QCOMPARE(reopened.keyField()->text(), token());
    }

    void realPlatformUsesApiAndGitHosts()
    {
        const auto hosts = PreferencesDialog::netrcHosts(QStringLiteral("https://api.heroku.com"));
        QCOMPARE(hosts.first, QStringLiteral("api.heroku.com"));
        QCOMPARE(hosts.second, QStringLiteral("git.heroku.com"));
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
        PreferencesDialog dialog(AppSettings{}, context());
        SshKeysPage *page = dialog.sshKeysPage();
        QTRY_COMPARE(page->status(), QStringLiteral("0 keys")); // a new account has none
        QCOMPARE(page->list()->count(), 0);
        page->addKeyFile(keyFile + QStringLiteral(".pub"));
        QTRY_COMPARE(page->list()->count(), 1);
        QTRY_COMPARE(page->status(), QStringLiteral("1 key"));
        const auto added = page->list()->findItems(QStringLiteral("tester@desk"), Qt::MatchContains);
        QCOMPARE(added.size(), 1);
        // Remove is only offered for a selected key; clicking it removes that key.
        auto *remove = page->findChild<QPushButton *>(QStringLiteral("removeKeyButton"));
        QVERIFY(remove);
        QVERIFY(!remove->isEnabled());
        page->list()->setCurrentItem(added.first());
        QVERIFY(remove->isEnabled());
        remove->click();
        QTRY_COMPARE(page->list()->count(), 0);
        QTRY_COMPARE(page->status(), QStringLiteral("0 keys"));
    }
};

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
