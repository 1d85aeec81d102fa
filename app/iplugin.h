#pragma once

#include <QList>
#include <QString>
#include <QtPlugin>

#include <functional>

class QAction;
class QNetworkAccessManager;
class QObject;
class QSettings;
class QUrl;
class QWidget;

namespace dynodesk::app {

// A page a plugin adds to Edit › Preferences. The dialog shows widget() (and owns it from then
// on: the page is that widget or a child of it) and asks every page on OK.
class IPreferencesPage {
public:
    virtual ~IPreferencesPage() = default;
    virtual QString title() const = 0;
    virtual QWidget *widget() = 0;
    // On OK: check and apply the page's values, then call `done` once: true lets the dialog
    // close, false keeps it open on this page (the page shows why). A page may answer later,
    // e.g. after asking a server; `done` must not be called after the page is gone.
    virtual void apply(std::function<void(bool accepted)> done) = 0;
};

// What the shell offers a plugin. The shell knows nothing about the platform beyond this: it
// keeps the connection a plugin chooses (and owns the emulator that runs inside the app), and it
// tells the plugin when the connection changes through a typed callback.
class IPluginHost {
public:
    virtual ~IPluginHost() = default;

    // --- The platform connection ---
    // The Platform API the plugin talks to: base URL and token (in-process emulator or remote).
    // Empty when no platform is connected.
    virtual QString apiUrl() const = 0;
    virtual QString apiToken() const = 0;
    // Starts the emulator inside the app if it is not running and connects to it. False when it
    // could not start; the connection then says why (the status bar shows it).
    virtual bool connectLocal() = 0;
    // Connects to a remote Platform API (stops the emulator inside the app if it ran).
    // `description` is what the status bar shows, e.g. "Remote server · host:port".
    virtual void connectRemote(const QString &apiUrl, const QString &token, const QString &description) = 0;
    // Drops the connection, saying why in the status bar.
    virtual void disconnectPlatform(const QString &reason) = 0;
    // Calls `changed` after every change of the connection, while `context` lives.
    virtual void onConnectionChanged(QObject *context, std::function<void()> changed) = 0;
    virtual QNetworkAccessManager &network() = 0;

    // --- The shell ---
    // The application's settings store, shared with the shell (a plugin keeps its keys in a
    // group of its own).
    virtual QSettings &settingsStore() = 0;
    // The open project's folder, empty when none is open.
    virtual QString currentProject() const = 0;
    virtual void addDockView(const QString &title, QWidget *view) = 0;
    // Shows `view` as a tab of the central area beside the editors (the host owns it from then
    // on). A view whose objectName matches an open tab's is not added twice: that tab is raised
    // and `view` deleted. Returns the view now shown.
    virtual QWidget *openView(const QString &title, QWidget *view) = 0;
    // The main window: the parent of the plugin's dialogs and of the actions it adds.
    virtual QWidget *window() = 0;
    // Opens `folder` as the project (explorer, recent projects).
    virtual void openProject(const QString &folder) = 0;
    // Adds an action to a menu, made if it does not exist: "&Platform", or a path such as
    // "&File/&New" for a submenu.
    virtual void addMenuAction(const QString &menuTitle, QAction *action) = 0;
    // Adds an entry to the project explorer's context menu; the action's data is set to the
    // clicked path before it triggers.
    virtual void addProjectContextAction(QAction *action) = 0;
    // Adds pages to Edit › Preferences: `makePages` is called each time the dialog opens, with
    // the dialog as the parent; the pages come before the shell's own (Editor).
    virtual void addPreferencesPages(std::function<QList<IPreferencesPage *>(QWidget *dialog)> makePages) = 0;
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

#define DynodeskPlugin_iid "org.dynodesk.IPlugin/2.0"
Q_DECLARE_INTERFACE(dynodesk::app::IPlugin, DynodeskPlugin_iid)
