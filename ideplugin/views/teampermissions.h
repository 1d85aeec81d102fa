#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace dynodesk::ideplugin {

// The permissions of a team app (`team-app-permission`) and the team roles, as the desktop shows
// them: the platform's names (view, deploy, operate, manage) with titles for the user, and what a
// role holds on an app, as the dashboard's Access tab shows it.
class TeamPermissions final {
    Q_DECLARE_TR_FUNCTIONS(TeamPermissions)
public:
    // view, deploy, operate, manage: the platform's order of strength.
    static const QStringList &names();
    static QString title(const QString &name);
    static QString description(const QString &name);
    // "admin" → "Admin", ..., "collaborator" (someone outside the team) → "Collaborator".
    static QString roleTitle(const QString &role);
    static bool isAdmin(const QString &role) { return role == QLatin1String("admin") || role == QLatin1String("owner"); }
    // What `role` holds on an app: admins everything; members `view` unless the app is locked and
    // what they were granted; viewers no more than `view`; collaborators what they were granted.
    static QStringList effective(const QString &role, const QStringList &granted, bool locked);
};

} // namespace dynodesk::ideplugin
