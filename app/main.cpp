// dynodesk: the desktop app, with the emulator running in-process. With --headless, or where
// there is no display, it runs dynodesk-server instead.
#include "mainwindow.h"
#include "platformconnection.h"
#include "pluginloader.h"
#include "screenshots.h"
#include "translations.h"

#include "core/coresettings.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <vector>

using namespace dynodesk;

static bool hasDisplay()
{
    const char *qpa = std::getenv("QT_QPA_PLATFORM");
    if (qpa && *qpa)
        return true; // offscreen, xcb or wayland chosen explicitly
    const char *x = std::getenv("DISPLAY");
    const char *w = std::getenv("WAYLAND_DISPLAY");
    return (x && *x) || (w && *w);
}

// Replaces this process with dynodesk-server from beside this binary, passing the other args on.
static int execServer(int argc, char **argv)
{
    const std::string self = QFileInfo(QString::fromLocal8Bit(argv[0])).absolutePath().toStdString();
    const std::string server = self + "/dynodesk-server";
    std::vector<char *> args{const_cast<char *>(server.c_str())};
    for (int i = 1; i < argc; ++i)
        if (std::string_view(argv[i]) != "--headless")
            args.push_back(argv[i]);
    args.push_back(nullptr);
    std::fprintf(stderr, "dynodesk: no display (or --headless): starting dynodesk-server\n");
    ::execv(server.c_str(), args.data());
    std::perror("dynodesk: cannot start dynodesk-server");
    return 1;
}

// The in-process emulator could not start (most often: a dynodesk-server holds its data dir).
// Explains why and offers to connect to a server instead.
static void explainStartFailure(app::MainWindow &window, const QString &reason)
{
    QMessageBox box(QMessageBox::Warning, app::MainWindow::tr("The emulator did not start"),
                    app::MainWindow::tr("The platform emulator inside Dynodesk could not start:\n\n%1\n\nIf a "
                                        "dynodesk-server is running on this data, you can connect to it instead.")
                            .arg(reason),
                    QMessageBox::Close, &window);
    QPushButton *connect = box.addButton(app::MainWindow::tr("Connect to a Server…"), QMessageBox::AcceptRole);
    box.exec();
    if (box.clickedButton() == connect)
        window.showPreferences();
}

int main(int argc, char **argv)
{
    QElapsedTimer sinceLaunch;
    sinceLaunch.start();
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--version") {
            std::printf("dynodesk %s\n", DYNODESK_VERSION);
            return 0;
        }
        if (std::string_view(argv[i]) == "--headless")
            return execServer(argc, argv);
    }
    if (!hasDisplay())
        return execServer(argc, argv);

    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Dynodesk"));
    QApplication::setOrganizationName(QStringLiteral("Dynodesk"));
    QApplication::setApplicationVersion(QStringLiteral(DYNODESK_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/dynodesk.svg")));
    app::installTranslations(application, QLocale::system());

    app::PlatformConnection connection;
    app::MainWindow window(connection, QString::fromStdString(core::defaultDataDir()));
    // The platform plugin chooses the platform (the emulator inside the app by default) and
    // connects the window to it as it loads.
    const QStringList plugins = app::loadPlugins(app::pluginDirs(QCoreApplication::applicationDirPath()), window);
    window.restoreSession();
    const QStringList args = QApplication::arguments();
    for (qsizetype i = 1; i < args.size(); ++i) { // dynodesk [folder] [files...] [--deploy <link>]
        const QString &arg = args.at(i);
        if (arg == QLatin1String("--deploy")) { // the platform plugin's: a Button link to deploy
            ++i;
            continue;
        }
        if (QFileInfo(arg).isDir())
            window.openProject(arg);
        else if (QFileInfo(arg).isFile())
            window.openFile(arg);
    }
    window.show();
    // For bench/startup: report when the window is up (and quit with "quit").
    if (const QString report = qEnvironmentVariable("DYNODESK_REPORT_STARTUP"); !report.isEmpty())
        QTimer::singleShot(0, &window, [&sinceLaunch, &window, plugins, report] {
            std::fprintf(stderr, "dynodesk: window shown after %lld ms\n", sinceLaunch.elapsed());
            std::fprintf(stderr, "dynodesk: platform: %s\n", qPrintable(window.connectionText()));
            std::fprintf(stderr, "dynodesk: plugins: %s\n", qPrintable(plugins.join(QStringLiteral(", "))));
            if (report == QLatin1String("quit"))
                window.close();
        });
    if (!connection.isConnected() && !connection.error().isEmpty())
        QTimer::singleShot(0, &window, [&window, &connection] { explainStartFailure(window, connection.error()); });
    if (const QString dir = qEnvironmentVariable("DYNODESK_SCREENSHOT_DIR"); !dir.isEmpty())
        app::takeScreenshots(window, dir, QUrl(qEnvironmentVariable("DYNODESK_SCREENSHOT_URL")));
    const int rc = QApplication::exec();
    connection.stop(); // stops the emulator's dynos cleanly
    return rc;
}
