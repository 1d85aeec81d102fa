#pragma once

#include <QList>
#include <QWidget>

class QLabel;
class QTabWidget;

namespace dynodesk::ideplugin {

class AppTab;
class EditedApp;
class PluginContext;

// The app editor: one tab per aspect of an app, as the platform plugin's editor had them —
// Application Info, Collaborators, Environment Variables, Processes, Releases, Add-ons, Domains,
// Activity — over a status line (a team app's Collaborators tab is TeamCollaboratorsTab). Each tab is its own widget (AppInfoTab, CollaboratorsTab, ...)
// over the EditedApp they share; the editor holds them, reads them all when a tab is shown or a
// change asks for it, and polls the shown tab where the platform changes it by itself.
class AppEditor final : public QWidget {
    Q_OBJECT
public:
    AppEditor(PluginContext &ctx, const QString &app, QWidget *parent = nullptr);

    QString app() const;
    EditedApp &editedApp() const { return *m_app; }
    QTabWidget *tabs() const { return m_tabs; }
    QLabel *statusLabel() const { return m_status; }
    // Re-reads every tab.
    void refreshAll();

signals:
    // After each answer a tab has shown (tests wait on it).
    void loaded(const QString &tab);
    void changed(const QString &message);

private:
    void addTab(AppTab *tab, const QString &title);
    // The Collaborators tab follows the app: a team app's shows members and permissions.
    void matchCollaboratorsTab();

    EditedApp *m_app;
    QTabWidget *m_tabs;
    QLabel *m_status;
    QList<AppTab *> m_pages;
    int m_collaboratorsIndex = -1;
};

} // namespace dynodesk::ideplugin
