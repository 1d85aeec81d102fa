#include "appsettings.h"

#include <QFontDatabase>
#include <QSettings>

namespace dynodesk::app {

static constexpr int maxRecentProjects = 8;

AppSettings AppSettings::load(QSettings &s)
{
    AppSettings a;
    a.editorFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    a.editorFont.fromString(s.value(QStringLiteral("editor/font"), a.editorFont.toString()).toString());
    a.tabWidth = s.value(QStringLiteral("editor/tabWidth"), a.tabWidth).toInt();
    a.theme = s.value(QStringLiteral("editor/theme"), a.theme).toString();
    a.recentProjects = s.value(QStringLiteral("recentProjects")).toStringList();
    return a;
}

void AppSettings::save(QSettings &s) const
{
    s.setValue(QStringLiteral("editor/font"), editorFont.toString());
    s.setValue(QStringLiteral("editor/tabWidth"), tabWidth);
    s.setValue(QStringLiteral("editor/theme"), theme);
    s.setValue(QStringLiteral("recentProjects"), recentProjects);
}

void AppSettings::addRecentProject(const QString &path)
{
    recentProjects.removeAll(path);
    recentProjects.prepend(path);
    while (recentProjects.size() > maxRecentProjects)
        recentProjects.removeLast();
}

} // namespace dynodesk::app
