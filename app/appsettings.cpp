#include "appsettings.h"

#include <QFontDatabase>
#include <QSettings>

namespace dynodesk::app {

static constexpr int maxRecentProjects = 8;

AppSettings AppSettings::load(QSettings &s)
{
    AppSettings a;
    a.platform = static_cast<PlatformKind>(s.value(QStringLiteral("platform/kind"), 0).toInt());
    a.remoteUrl = s.value(QStringLiteral("platform/remoteUrl"), a.remoteUrl).toString();
    a.realUrl = s.value(QStringLiteral("platform/realUrl"), a.realUrl).toString();
    a.editorFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    a.editorFont.fromString(s.value(QStringLiteral("editor/font"), a.editorFont.toString()).toString());
    a.tabWidth = s.value(QStringLiteral("editor/tabWidth"), a.tabWidth).toInt();
    a.theme = s.value(QStringLiteral("editor/theme"), a.theme).toString();
    a.recentProjects = s.value(QStringLiteral("recentProjects")).toStringList();
    return a;
}

void AppSettings::save(QSettings &s) const
{
    s.setValue(QStringLiteral("platform/kind"), static_cast<int>(platform));
    s.setValue(QStringLiteral("platform/remoteUrl"), remoteUrl);
    s.setValue(QStringLiteral("platform/realUrl"), realUrl);
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

QString AppSettings::chosenUrl() const
{
    switch (platform) {
    case PlatformKind::Remote: return remoteUrl;
    case PlatformKind::Real: return realUrl;
    case PlatformKind::Local: break;
    }
    return {};
}

} // namespace dynodesk::app
