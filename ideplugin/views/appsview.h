#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QTableView;

namespace dynodesk::ideplugin {

class AppsModel;
class PluginContext;

// "My Apps": the user's apps in a sortable, filterable table, with the platform plugin's context
// menu (Refresh, App Info, Import, Deploy..., Open, Restart, View logs, Scale, Destroy). Team apps
// show their team (locked ones with a padlock); a team switcher, as the dashboard has, shows all
// apps, the personal ones, or one team's.
class AppsView final : public QWidget {
    Q_OBJECT
public:
    explicit AppsView(PluginContext &ctx, QWidget *parent = nullptr);

    AppsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    // The context menu for the app in `row` of the table (what a right-click shows).
    QMenu *contextMenuFor(const QString &app);
    QString selectedApp() const;
    QComboBox *teamSwitcher() const { return m_teamSwitcher; }

private:
    void open(const QString &app, bool systemBrowser);
    void fillTeamSwitcher();
    void showTeam(int index);
    void showCount();

    PluginContext &m_ctx;
    AppsModel *m_model;
    QSortFilterProxyModel *m_teamProxy;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QLineEdit *m_filter;
    QComboBox *m_teamSwitcher;
    QLabel *m_status;
};

} // namespace dynodesk::ideplugin
