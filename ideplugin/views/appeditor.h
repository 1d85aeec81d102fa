#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTabWidget;
class QTimer;
class QTreeWidget;

namespace dynodesk::ideplugin {

class JsonTableModel;
class PluginContext;
class StreamReader;

// The app editor: one tab per aspect of an app, as the platform plugin's editor had them —
// Application Info, Collaborators, Environment Variables, Processes, Releases, Add-ons, Domains,
// Activity, over a status line. Each tab reads the Platform API when shown and after each change it makes; changes
// that make a release say its number.
class AppEditor final : public QWidget {
    Q_OBJECT
public:
    AppEditor(PluginContext &ctx, const QString &app, QWidget *parent = nullptr);

    QString app() const { return m_app; }
    QTabWidget *tabs() const { return m_tabs; }
    // Re-reads every tab.
    void refreshAll();
    bool isOwner() const;

    // The models behind the tabs, for tests and the tour.
    JsonTableModel *collaborators() const { return m_collaborators; }
    JsonTableModel *configVars() const { return m_config; }
    JsonTableModel *releases() const { return m_releases; }
    JsonTableModel *addons() const { return m_addons; }
    JsonTableModel *domains() const { return m_domains; }
    JsonTableModel *builds() const { return m_builds; }
    QTreeWidget *processes() const { return m_processes; }
    QLabel *statusLabel() const { return m_status; }

    // Changes the editor makes, also behind its buttons (the buttons ask and confirm first).
    void setConfigVars(const QJsonObject &changes, const QString &what);
    void revealValues(bool reveal);

signals:
    // After each answer a tab has shown (tests wait on it).
    void loaded(const QString &tab);
    void changed(const QString &message);

private:
    QWidget *makeInfo();
    QWidget *makeCollaborators();
    QWidget *makeConfig();
    QWidget *makeProcesses();
    QWidget *makeReleases();
    QWidget *makeAddons();
    QWidget *makeDomains();
    QWidget *makeActivity();

    void loadInfo();
    void loadList(const QString &tab, const QString &path, JsonTableModel *model);
    void loadConfig();
    void loadProcesses();
    void showBuild(const QJsonObject &build);
    void applyPermissions();
    // Reports a change that made a release: "Set FOO config vars · v7".
    void reportRelease(const QString &what);
    void done(const QString &message);
    QString path(const QString &rest = {}) const;
    QJsonObject selected(QTableView *view, JsonTableModel *model) const;

    PluginContext &m_ctx;
    QString m_app;
    QTabWidget *m_tabs;
    QJsonObject m_info;
    QLabel *m_status = nullptr;
    // Application Info
    QLabel *m_infoLabels[9] = {};
    QPushButton *m_rename = nullptr, *m_transfer = nullptr, *m_destroy = nullptr;
    QCheckBox *m_maintenance = nullptr;
    // Tables
    JsonTableModel *m_collaborators = nullptr, *m_config = nullptr, *m_releases = nullptr, *m_addons = nullptr,
                   *m_domains = nullptr, *m_builds = nullptr;
    QTableView *m_collaboratorsView = nullptr, *m_configView = nullptr, *m_releasesView = nullptr,
               *m_addonsView = nullptr, *m_domainsView = nullptr, *m_buildsView = nullptr;
    bool m_reveal = false;
    QTreeWidget *m_processes = nullptr;
    QPlainTextEdit *m_buildOutput = nullptr;
    QPointer<StreamReader> m_buildStream;
    QTimer *m_poll = nullptr;
};

} // namespace dynodesk::ideplugin
