#include "teamcollaboratorsmodel.h"

#include "teampermissions.h"

#include <algorithm>

namespace dynodesk::ideplugin {

static QStringList strings(const QJsonValue &array)
{
    QStringList out;
    for (const QJsonValue &v : array.toArray())
        out << v.toString();
    return out;
}

static QString whyHeld(const QJsonObject &row, const QString &permission)
{
    const QString role = row.value(QStringLiteral("role")).toString();
    if (TeamPermissions::isAdmin(role))
        return TeamCollaboratorsModel::tr("Team admins hold every permission.");
    if (!strings(row.value(QStringLiteral("granted"))).contains(permission))
        return TeamCollaboratorsModel::tr("Team members can view the team's unlocked apps.");
    return TeamPermissions::description(permission);
}

QList<JsonTableModel::Column> TeamCollaboratorsModel::columns()
{
    QList<JsonTableModel::Column> out{
            field(tr("Email"), QStringLiteral("email")),
            {tr("Role"), [](const QJsonObject &row, int role) -> QVariant {
                 if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
                     return {};
                 return TeamPermissions::roleTitle(row.value(QStringLiteral("role")).toString());
             }}};
    for (const QString &name : TeamPermissions::names())
        out.append({TeamPermissions::title(name), [name](const QJsonObject &row, int role) -> QVariant {
                        const bool held = strings(row.value(QStringLiteral("permissions"))).contains(name);
                        if (role == Qt::CheckStateRole)
                            return held ? Qt::Checked : Qt::Unchecked;
                        if (role == Qt::ToolTipRole && held)
                            return whyHeld(row, name);
                        return {};
                    }});
    return out;
}

TeamCollaboratorsModel::TeamCollaboratorsModel(QObject *parent) : JsonTableModel(columns(), parent) {}

void TeamCollaboratorsModel::setAccess(const QJsonArray &members, const QJsonArray &collaborators, bool locked)
{
    QList<QJsonObject> rows;
    auto add = [&](const QString &email, const QString &role, const QStringList &granted, bool collaborator) {
        rows.append({{QStringLiteral("email"), email},
                     {QStringLiteral("role"), role},
                     {QStringLiteral("granted"), QJsonArray::fromStringList(granted)},
                     {QStringLiteral("permissions"),
                      QJsonArray::fromStringList(TeamPermissions::effective(role, granted, locked))},
                     {QStringLiteral("collaborator"), collaborator}});
    };
    QStringList seen;
    for (const QJsonValue &v : collaborators) {
        QStringList granted;
        for (const QJsonValue &p : v[QStringLiteral("permissions")].toArray())
            granted << p[QStringLiteral("name")].toString();
        const QString email = v[QStringLiteral("user")][QStringLiteral("email")].toString();
        add(email, v[QStringLiteral("role")].toString(), granted, true);
        seen << email;
    }
    for (const QJsonValue &v : members)
        if (const QString email = v[QStringLiteral("email")].toString(); !seen.contains(email))
            add(email, v[QStringLiteral("role")].toString(), {}, false);
    // Admins first, then members, viewers and outside collaborators; by email within each.
    auto rank = [](const QJsonObject &row) {
        static const QStringList order{QStringLiteral("owner"), QStringLiteral("admin"), QStringLiteral("member"),
                                       QStringLiteral("viewer"), QStringLiteral("collaborator")};
        return order.indexOf(row.value(QStringLiteral("role")).toString());
    };
    std::sort(rows.begin(), rows.end(), [&rank](const QJsonObject &a, const QJsonObject &b) {
        return std::pair(rank(a), a.value(QStringLiteral("email")).toString())
               < std::pair(rank(b), b.value(QStringLiteral("email")).toString());
    });
    QJsonArray items;
    for (const QJsonObject &row : std::as_const(rows))
        items.append(row);
    setItems(items);
}

QJsonObject TeamCollaboratorsModel::find(const QString &email) const
{
    for (const QJsonValue &v : items())
        if (v[QStringLiteral("email")].toString() == email)
            return v.toObject();
    return {};
}

} // namespace dynodesk::ideplugin
