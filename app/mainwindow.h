#pragma once

#include "appsettings.h"
#include "iplugin.h"

#include <QMainWindow>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSettings>

class QFileSystemModel;
class QLabel;
class QMenu;
class QTabWidget;
class QTreeView;

namespace dynodesk::app {

class ConsoleView;
class EditorTabs;
class FindBar;
class PlatformConnection;
class PreferencesDialog;
class WebView;

// The IDE's main window: the project explorer, the tabbed editor area, the console and web view
// docks, the menus, and a status bar that says which platform is connected. It is also the host
// the platform plugin is given.
class MainWindow final : public QMainWindow, public IPluginHost {
    Q_OBJECT
public:
    // `dataDir` is where the in-process emulator keeps its data.
    MainWindow(PlatformConnection &connection, QString dataDir, QWidget *parent = nullptr);
    ~MainWindow() override;

    void openProject(const QString &folder) override;
    void restoreSession();
    void showPreferences();
    // The preferences dialog for the current settings and connection, owned by this window.
    PreferencesDialog *makePreferences();
    QString connectionText() const;

    EditorTabs *editors() const { return m_editors; }
    FindBar *findBar() const { return m_findBar; }
    QTreeView *projectTree() const { return m_tree; }
    ConsoleView *console(const QString &source);
    WebView *webView();
    QMenu *recentMenu() const { return m_recentMenu; }
    const AppSettings &settings() const { return m_settings; }

    // IPluginHost
    QString apiUrl() const override;
    QString apiToken() const override;
    bool connectLocal() override;
    void connectRemote(const QString &apiUrl, const QString &token, const QString &description) override;
    void disconnectPlatform(const QString &reason) override;
    void onConnectionChanged(QObject *context, std::function<void()> changed) override;
    QNetworkAccessManager &network() override { return m_network; }
    QSettings &settingsStore() override { return m_store; }
    QString currentProject() const override { return m_project; }
    void addDockView(const QString &title, QWidget *view) override;
    QWidget *openView(const QString &title, QWidget *view) override;
    QWidget *window() override { return this; }
    void addMenuAction(const QString &menuTitle, QAction *action) override;
    void addProjectContextAction(QAction *action) override;
    void addPreferencesPages(std::function<QList<IPreferencesPage *>(QWidget *)> makePages) override;
    void openFile(const QString &path) override;
    void openUrl(const QUrl &url) override;
    void writeConsole(const QString &source, const QString &text) override;
    void showStatus(const QString &message) override;

signals:
    void connectionChanged();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void createDocks();
    void updateRecentMenu();
    void updateConnectionLabel();
    void applyEditorSettings();
    void chooseFolder();
    void about();

    PlatformConnection &m_connection;
    QString m_dataDir;
    AppSettings m_settings;
    QNetworkAccessManager m_network;
    QSettings m_store;
    QList<std::function<QList<IPreferencesPage *>(QWidget *)>> m_preferencesPages;
    QString m_project;
    EditorTabs *m_editors;
    FindBar *m_findBar;
    QFileSystemModel *m_files;
    QTreeView *m_tree;
    QTabWidget *m_consoles;
    QPointer<WebView> m_web;
    QLabel *m_connectionLabel;
    QMenu *m_recentMenu = nullptr;
    QList<QAction *> m_projectActions;
};

} // namespace dynodesk::app
