#pragma once

// Shared set-up of the IDE plugin's GUI tests: the real main window with the in-process emulator
// (its data in a temporary dir), the real plugin loaded by the shell's plugin loader, an API
// client for checking what the platform now holds, and helpers to find widgets and answer the
// next dialog.
#include "../app/guitest.h"

#include "common/httpclient.h"

#include "mainwindow.h"
#include "platformconnection.h"
#include "pluginloader.h"
#include "translations.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QInputDialog>
#include <QTest>
#include <QTranslator>

#include <functional>
#include <memory>

namespace plugintest {

struct Fixture {
    QTemporaryDir data;
    std::unique_ptr<dynodesk::app::PlatformConnection> connection;
    std::unique_ptr<dynodesk::app::MainWindow> window;
    std::unique_ptr<dynodesk::testing::HttpClient> api;
    QString pluginError;

    // Starts the emulator in-process, or (with `remoteUrl`) connects to a separate server.
    bool start(const QString &remoteUrl = {}, const QString &token = {})
    {
        connection = std::make_unique<dynodesk::app::PlatformConnection>();
        if (remoteUrl.isEmpty()) {
            if (!connection->startLocal(data.path()))
                return false;
        } else {
            connection->connectRemote(remoteUrl, token, QStringLiteral("Test server"));
        }
        window = std::make_unique<dynodesk::app::MainWindow>(*connection, data.path());
        window->resize(1400, 900);
        window->show();
        if (dynodesk::app::loadPlugin(QStringLiteral(DYNODESK_IDEPLUGIN), *window, &pluginError).isEmpty())
            return false;
        api = std::make_unique<dynodesk::testing::HttpClient>(connection->apiUrl(), connection->token());
        return QTest::qWaitForWindowExposed(window.get());
    }

    template <typename T>
    T *find(const QString &name) const
    {
        return window->findChild<T *>(name);
    }
};

// Runs `act` on the next top-level widget of type T that becomes modal (dialogs block in exec()).
template <typename T>
inline void onNextDialog(std::function<void(T *)> act)
{
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [act, poll] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
            act(dialog);
            return;
        }
        QTimer::singleShot(20, *poll);
    };
    QTimer::singleShot(0, *poll);
}

// Types `text` into the next QInputDialog and accepts it.
inline void answerNextInput(const QString &text)
{
    onNextDialog<QInputDialog>([text](QInputDialog *d) {
        d->setTextValue(text);
        d->accept();
    });
}

} // namespace plugintest

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QUrl>

namespace plugintest {

// Deploys a fixture app with stock git, as a developer's terminal would: copies it into a fresh
// repository and pushes it to the app's git URL with the token. Returns git's exit code.
inline int pushFixture(const QString &fixture, const QString &app, const QString &apiUrl, const QString &token,
                       const QString &workDir)
{
    const QDir from(QStringLiteral(DYNODESK_FIXTURES_DIR "/") + fixture);
    for (const QString &name : from.entryList(QDir::Files | QDir::Hidden))
        QFile::copy(from.filePath(name), workDir + QLatin1Char('/') + name);
    const QProcessEnvironment env = dynodesk::testing::gitEnvironment(QProcessEnvironment::systemEnvironment(), workDir);
    auto git = [&](const QStringList &args) {
        QProcess p;
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(workDir);
        p.start(QStringLiteral("git"), args);
        p.waitForFinished(180000);
        return p.exitCode();
    };
    const QString host = QUrl(apiUrl).authority();
    int rc = git({QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
    rc |= git({QStringLiteral("add"), QStringLiteral("-A")});
    rc |= git({QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("first")});
    rc |= git({QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("http://x:%1@%2/%3.git").arg(token, host, app),
               QStringLiteral("main")});
    return rc;
}

} // namespace plugintest

namespace plugintest {

// The tour (tools/tour): with DYNODESK_TOUR_DIR set, the GUI tests save a PNG of each view they
// reach, so the flow can be looked at.
inline void snap(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("DYNODESK_TOUR_DIR");
    if (dir.isEmpty() || !widget)
        return;
    QDir().mkpath(dir);
    QTest::qWait(400); // let the last answers paint
    widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// Switches the application's translations to `language` (German for the tests' German views,
// English to go back).
inline bool speak(QLocale::Language language)
{
    for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(t);
    return dynodesk::app::installTranslations(*QCoreApplication::instance(), QLocale(language));
}

} // namespace plugintest
