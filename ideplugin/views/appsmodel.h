#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QTimer>

namespace dynodesk::ideplugin {

class PluginContext;

// The apps the user owns or collaborates on, with their dynos' state, for the My Apps view; a
// team app with its team and whether it is locked (from its team's app list), and the caller's
// teams for the view's team switcher. It polls the Platform API with ETags (a 304 costs nothing)
// and refreshes at once when the plugin changes something.
class AppsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Team, GitUrl, WebUrl, State, Owner, ColumnCount };
    // Qt::UserRole is the app's name; TeamRole its team's name (empty for a personal app).
    enum Role { AppNameRole = Qt::UserRole, TeamRole, LockedRole };
    struct Row {
        QJsonObject app;
        QString state;
        bool locked = false;
        QString name() const { return app.value(QStringLiteral("name")).toString(); }
        QString team() const;
    };
    static constexpr int pollMs = 3000;

    explicit AppsModel(PluginContext &ctx, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    const Row *row(int index) const { return index >= 0 && index < m_rows.size() ? &m_rows[index] : nullptr; }
    const Row *find(const QString &app) const;
    // The teams the signed-in account belongs to (GET /teams), by name.
    const QStringList &teams() const { return m_teams; }
    void refresh();
    // "2 web · 1 worker · up" from a dyno list.
    static QString stateOf(const QJsonArray &dynos);

signals:
    void refreshed();
    void teamsChanged();
    void failed(const QString &message);

private:
    void setApps(const QJsonArray &apps);
    void setState(const QString &app, const QString &state);
    void refreshTeams();
    void setLocked(const QJsonArray &teamApps);
    QVariant display(const Row &r, int column) const;

    PluginContext &m_ctx;
    QList<Row> m_rows;
    QStringList m_teams;
    QTimer m_poll;
    bool m_busy = false;
};

} // namespace dynodesk::ideplugin
