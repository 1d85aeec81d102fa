#pragma once

#include "jsontablemodel.h"

namespace dynodesk::ideplugin {

// Who has access to a team app, as the dashboard's Access tab lists it: the team's members and
// the app's collaborators (GET /teams/{team}/members, GET /teams/apps/{app}/collaborators), each
// with the role and one check column per permission it holds (admins hold all; members view
// unless the app is locked). Each row is {email, role, granted, permissions, collaborator}.
class TeamCollaboratorsModel final : public JsonTableModel {
    Q_OBJECT
public:
    enum ColumnIndex { EmailColumn, RoleColumn, FirstPermissionColumn };

    explicit TeamCollaboratorsModel(QObject *parent = nullptr);

    void setAccess(const QJsonArray &members, const QJsonArray &collaborators, bool locked);
    // The row of `email`, empty when it has none.
    QJsonObject find(const QString &email) const;

private:
    static QList<Column> columns();
};

} // namespace dynodesk::ideplugin
