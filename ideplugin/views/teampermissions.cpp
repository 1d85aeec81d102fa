#include "teampermissions.h"

#include <cstddef>

namespace dynodesk::ideplugin {

// The platform's words with their titles (and for permissions, what they allow), translated when
// shown.
struct Words {
    const char *name;
    const char *title;
    const char *description = nullptr;
};

static constexpr Words kPermissions[] = {
        {"view", QT_TRANSLATE_NOOP("TeamPermissions", "View"),
         QT_TRANSLATE_NOOP("TeamPermissions", "See the app, its dynos, releases and logs (always granted)")},
        {"deploy", QT_TRANSLATE_NOOP("TeamPermissions", "Deploy"),
         QT_TRANSLATE_NOOP("TeamPermissions", "Push code, edit config vars and add-ons, roll back")},
        {"operate", QT_TRANSLATE_NOOP("TeamPermissions", "Operate"),
         QT_TRANSLATE_NOOP("TeamPermissions", "Restart and scale dynos, set maintenance mode")},
        {"manage", QT_TRANSLATE_NOOP("TeamPermissions", "Manage"),
         QT_TRANSLATE_NOOP("TeamPermissions",
                           "Rename, delete, transfer and lock the app, manage collaborators and domains")},
};

static constexpr Words kRoles[] = {
        {"owner", QT_TRANSLATE_NOOP("TeamPermissions", "Team owner")},
        {"admin", QT_TRANSLATE_NOOP("TeamPermissions", "Admin")},
        {"member", QT_TRANSLATE_NOOP("TeamPermissions", "Member")},
        {"viewer", QT_TRANSLATE_NOOP("TeamPermissions", "Viewer")},
        {"collaborator", QT_TRANSLATE_NOOP("TeamPermissions", "Collaborator")},
};

template <size_t N>
static const Words *lookUp(const Words (&table)[N], const QString &name)
{
    for (const Words &w : table)
        if (name == QLatin1String(w.name))
            return &w;
    return nullptr;
}

const QStringList &TeamPermissions::names()
{
    static const QStringList all = [] {
        QStringList out;
        for (const Words &w : kPermissions)
            out << QLatin1String(w.name);
        return out;
    }();
    return all;
}

QString TeamPermissions::title(const QString &name)
{
    const Words *w = lookUp(kPermissions, name);
    return w ? tr(w->title) : name;
}

QString TeamPermissions::description(const QString &name)
{
    const Words *w = lookUp(kPermissions, name);
    return w ? tr(w->description) : QString();
}

QString TeamPermissions::roleTitle(const QString &role)
{
    const Words *w = lookUp(kRoles, role);
    return w ? tr(w->title) : role;
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
