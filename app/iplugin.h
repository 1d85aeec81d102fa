#pragma once

#include <QString>
#include <QtPlugin>

class QAction;
class QNetworkAccessManager;
class QObject;
class QUrl;
class QWidget;

namespace dynodesk::app {

// What the shell offers a plugin. The shell knows nothing about the platform beyond this.
class IPluginHost {
public:
    virtual ~IPluginHost() = default;
    // The Platform API the plugin talks to: base URL and token (in-process emulator or remote).
    // Empty when no platform is connected. `connectionChanged()` is a signal of `hostObject()`.
    virtual QString apiUrl() const = 0;
    virtual QString apiToken() const = 0;
    virtual QNetworkAccessManager &network() = 0;
    virtual QObject *hostObject() = 0;
    // The open project's folder, empty when none is open.
    virtual QString currentProject() const = 0;

    virtual void addDockView(const QString &title, QWidget *view) = 0;
    // Shows `view` as a tab of the central area beside the editors (the host owns it from then
    // on). A view whose objectName matches an open tab's is not added twice: that tab is raised
    // and `view` deleted. Returns the view now shown.
    virtual QWidget *openView(const QString &title, QWidget *view) = 0;
    // The main window, as the parent of the plugin's dialogs.
    virtual QWidget *window() = 0;
    // Opens `folder` as the project (explorer, recent projects).
    virtual void openProject(const QString &folder) = 0;
    // Adds an action to a menu, made if it does not exist: "&Platform", or a path such as
    // "&File/&New" for a submenu.
    virtual void addMenuAction(const QString &menuTitle, QAction *action) = 0;
    // Adds an entry to the project explorer's context menu; the action's data is set to the
    // clicked path before it triggers.
    virtual void addProjectContextAction(QAction *action) = 0;
    virtual void openFile(const QString &path) = 0;
    virtual void openUrl(const QUrl &url) = 0;
    // Appends output to the console, shown under `source` (ANSI colours are honoured).
    virtual void writeConsole(const QString &source, const QString &text) = 0;
    virtual void showStatus(const QString &message) = 0;
};

// A plugin the shell loads with QPluginLoader.
class IPlugin {
public:
    virtual ~IPlugin() = default;
    virtual QString name() const = 0;
    virtual void initialize(IPluginHost &host) = 0;
};

} // namespace dynodesk::app

#define DynodeskPlugin_iid "org.dynodesk.IPlugin/1.0"
Q_DECLARE_INTERFACE(dynodesk::app::IPlugin, DynodeskPlugin_iid)
