#include "appsmodel.h"

#include "lockicon.h"
#include "plugincontext.h"

#include <QGuiApplication>
#include <QIcon>
#include <QJsonArray>
#include <QMap>
#include <QPalette>

#include <algorithm>

namespace dynodesk::ideplugin {

AppsModel::AppsModel(PluginContext &ctx, QObject *parent) : QAbstractTableModel(parent), m_ctx(ctx)
{
    m_poll.setInterval(pollMs);
    connect(&m_poll, &QTimer::timeout, this, &AppsModel::refresh);
    connect(&ctx, &PluginContext::appsChanged, this, &AppsModel::refresh);
    connect(&ctx.client, &PlatformClient::endpointChanged, this, [this] {
        beginResetModel();
        m_rows.clear();
        endResetModel();
        refresh();
    });
    m_poll.start();
}

int AppsModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }
int AppsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant AppsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Team: return tr("Team");
    case GitUrl: return tr("Git URL");
    case WebUrl: return tr("App URL");
    case State: return tr("State");
    case Owner: return tr("Owner");
    }
    return {};
}

QString AppsModel::Row::team() const
{
    return app.value(QStringLiteral("team")).toObject().value(QStringLiteral("name")).toString();
}

QVariant AppsModel::display(const Row &r, int column) const
{
    switch (column) {
    case Name: return r.name();
    case GitUrl: return r.app.value(QStringLiteral("git_url")).toString();
    case WebUrl: return r.app.value(QStringLiteral("web_url")).toString();
    case State: return r.state;
    case Owner: return r.app.value(QStringLiteral("owner")).toObject().value(QStringLiteral("email")).toString();
    case Team: return r.team().isEmpty() ? tr("Personal") : r.team();
    }
    return {};
}

QVariant AppsModel::data(const QModelIndex &index, int role) const
{
    const Row *r = row(index.row());
    if (!r)
        return {};
    const bool lockMarker = index.column() == Name && r->locked;
    if (role == Qt::ToolTipRole && lockMarker)
        return tr("%1 is locked: only the team's admins and the app's collaborators can see it.").arg(r->name());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return display(*r, index.column());
    if (role == Qt::DecorationRole && lockMarker)
        return lockIcon();
    // "Personal" is a placeholder, not a team's name: shown greyed.
    if (role == Qt::ForegroundRole && index.column() == Team && r->team().isEmpty())
        return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    switch (role) {
    case AppNameRole: return r->name();
    case TeamRole: return r->team();
    case LockedRole: return r->locked;
    }
    return {};
}

const AppsModel::Row *AppsModel::find(const QString &app) const
{
    for (const Row &r : m_rows)
        if (r.name() == app)
            return &r;
    return nullptr;
}

QString AppsModel::stateOf(const QJsonArray &dynos)
{
    if (dynos.isEmpty())
        return tr("no dynos");
    QMap<QString, int> perType;
    QMap<QString, int> perState;
    for (const QJsonValue &v : dynos) {
        const QJsonObject d = v.toObject();
        ++perType[d.value(QStringLiteral("type")).toString()];
        ++perState[d.value(QStringLiteral("state")).toString()];
    }
    QStringList parts;
    if (perType.contains(QStringLiteral("web")))
        parts << QStringLiteral("%1 web").arg(perType.take(QStringLiteral("web")));
    for (auto it = perType.cbegin(); it != perType.cend(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    // The worst state wins: one crashed dyno is what the user must see.
    for (const char *state : {"crashed", "starting", "restarting", "idle", "down", "up"})
        if (perState.contains(QString::fromLatin1(state))) {
            parts << QString::fromLatin1(state);
            break;
        }
    return parts.join(QStringLiteral(" · "));
}

void AppsModel::refresh()
{
    if (m_busy || !m_ctx.client.isConnected())
        return;
    m_busy = true;
    m_ctx.client.getCached(QStringLiteral("/apps"), this, [this](const Reply &r) {
        m_busy = false;
        if (!r.ok()) {
            emit failed(r.error);
            return;
        }
        if (!r.notModified)
            setApps(r.array());
        refreshTeams();
        for (const Row &row : std::as_const(m_rows)) {
            const QString app = row.name();
            m_ctx.client.getCached(QStringLiteral("/apps/%1/dynos").arg(PlatformClient::pathPart(app)), this,
                                   [this, app](const Reply &d) {
                                       if (d.ok())
                                           setState(app, stateOf(d.array()));
                                   });
        }
        emit refreshed();
    });
}

// The caller's teams, and for each team with apps here its app list, which says which are locked
// (GET /apps does not).
void AppsModel::refreshTeams()
{
    m_ctx.client.getCached(QStringLiteral("/teams"), this, [this](const Reply &r) {
        if (!r.ok())
            return;
        QStringList teams;
        for (const QJsonValue &v : r.array())
            teams << v[QStringLiteral("name")].toString();
        teams.sort(Qt::CaseInsensitive);
        if (teams != m_teams) {
            m_teams = teams;
            emit teamsChanged();
        }
    });
    QStringList appTeams;
    for (const Row &row : std::as_const(m_rows))
        if (!row.team().isEmpty() && !appTeams.contains(row.team()))
            appTeams << row.team();
    for (const QString &team : std::as_const(appTeams))
        m_ctx.client.getCached(QStringLiteral("/teams/%1/apps").arg(PlatformClient::pathPart(team)), this,
                               [this](const Reply &r) {
                                   if (r.ok())
                                       setLocked(r.array());
                               });
}

void AppsModel::setLocked(const QJsonArray &teamApps)
{
    for (const QJsonValue &v : teamApps) {
        const QString app = v[QStringLiteral("name")].toString();
        const bool locked = v[QStringLiteral("locked")].toBool();
        for (int i = 0; i < m_rows.size(); ++i)
            if (m_rows[i].name() == app && m_rows[i].locked != locked) {
                m_rows[i].locked = locked;
                emit dataChanged(index(i, Name), index(i, Name));
            }
    }
}

void AppsModel::setApps(const QJsonArray &apps)
{
    QHash<QString, Row> before;
    for (const Row &r : std::as_const(m_rows))
        before.insert(r.name(), r);
    beginResetModel();
    m_rows.clear();
    for (const QJsonValue &v : apps) {
        Row r{v.toObject(), {}};
        const Row old = before.value(r.name());
        r.state = old.state;
        r.locked = old.locked && !r.team().isEmpty();
        m_rows.append(r);
    }
    std::sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) { return a.name() < b.name(); });
    endResetModel();
}

void AppsModel::setState(const QString &app, const QString &state)
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].name() == app && m_rows[i].state != state) {
            m_rows[i].state = state;
            emit dataChanged(index(i, State), index(i, State));
        }
}

} // namespace dynodesk::ideplugin
