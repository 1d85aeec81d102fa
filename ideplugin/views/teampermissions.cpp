#include "teampermissions.h"

namespace dynodesk::ideplugin {

const QStringList &TeamPermissions::names()
{
    static const QStringList all{QStringLiteral("view"), QStringLiteral("deploy"), QStringLiteral("operate"),
                                 QStringLiteral("manage")};
    return all;
}

QString TeamPermissions::title(const QString &name)
{
    if (name == QLatin1String("view"))
        return tr("View");
    if (name == QLatin1String("deploy"))
        return tr("Deploy");
    if (name == QLatin1String("operate"))
        return tr("Operate");
    if (name == QLatin1String("manage"))
        return tr("Manage");
    return name;
}

QString TeamPermissions::description(const QString &name)
{
    if (name == QLatin1String("view"))
        return tr("See the app, its dynos, releases and logs (always granted)");
    if (name == QLatin1String("deploy"))
        return tr("Push code, edit config vars and add-ons, roll back");
    if (name == QLatin1String("operate"))
        return tr("Restart and scale dynos, set maintenance mode");
    if (name == QLatin1String("manage"))
        return tr("Rename, delete, transfer and lock the app, manage collaborators and domains");
    return {};
}

QString TeamPermissions::roleTitle(const QString &role)
{
    if (role == QLatin1String("owner"))
        return tr("Team owner");
    if (role == QLatin1String("admin"))
        return tr("Admin");
    if (role == QLatin1String("member"))
        return tr("Member");
    if (role == QLatin1String("viewer"))
        return tr("Viewer");
    if (role == QLatin1String("collaborator"))
        return tr("Collaborator");
    return role;
}

QStringList TeamPermissions::effective(const QString &role, const QStringList &granted, bool locked)
{
    if (isAdmin(role))
        return names();
    QStringList held;
    const bool implicitView = !locked && (role == QLatin1String("member") || role == QLatin1String("viewer"));
    for (const QString &name : names()) {
        const bool has = granted.contains(name) || (name == QLatin1String("view") && implicitView);
        if (has && (role != QLatin1String("viewer") || name == QLatin1String("view")))
            held << name;
    }
    return held;
}

} // namespace dynodesk::ideplugin
