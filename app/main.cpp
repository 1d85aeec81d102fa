// dynodesk: the desktop app, with the emulator running in-process. With --headless, or where
// there is no display, it runs dynodesk-server instead.
#include "mainwindow.h"

#include "platform/emulator.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPluginLoader>

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

// The IDE plugin, from the install's plugin dir or beside the binary in the build tree.
static void loadPlugins(app::MainWindow &window)
{
    const QString base = QCoreApplication::applicationDirPath();
    for (const QString &dir : {base + QStringLiteral("/../lib/dynodesk/plugins"), base + QStringLiteral("/../lib"),
                               base + QStringLiteral("/../" CMAKE_INSTALL_LIBDIR_STR "/dynodesk/plugins")}) {
        const QDir d(dir);
        for (const QString &file : d.entryList({QStringLiteral("libdynodesk-ideplugin*.so")}, QDir::Files)) {
            QPluginLoader loader(d.absoluteFilePath(file));
            if (auto *plugin = qobject_cast<app::IPlugin *>(loader.instance())) {
                plugin->initialize(window);
                return;
            }
        }
    }
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i)
        if (std::string_view(argv[i]) == "--headless")
            return execServer(argc, argv);
    if (!hasDisplay())
        return execServer(argc, argv);

    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Dynodesk"));
    QApplication::setOrganizationName(QStringLiteral("Dynodesk"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    app::MainWindow window;
    core::Settings settings; // default data dir, free loopback ports
    platform::Emulator emulator(settings);
    if (auto started = emulator.start(); started) {
        window.setConnection(QObject::tr("Local emulator · %1:%2")
                                     .arg(QString::fromStdString(settings.host))
                                     .arg(emulator.apiPort()),
                             QString::fromStdString(emulator.apiUrl()),
                             QString::fromStdString(emulator.credentials().token));
    } else {
        window.setConnectionError(QString::fromStdString(started.error().message));
    }
    loadPlugins(window);
    window.show();
    const int rc = QApplication::exec();
    emulator.stop();
    return rc;
}
