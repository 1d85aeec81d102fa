#include "wizardsettings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace dynodesk::ideplugin::wizardsettings {

static constexpr auto key = "platform/projectsFolder";

QString projectsFolder(const QString &currentProject)
{
    const QString last = QSettings().value(QLatin1String(key)).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    if (!currentProject.isEmpty())
        return QFileInfo(currentProject).absolutePath();
    return QDir::homePath();
}

void setProjectsFolder(const QString &folder) { QSettings().setValue(QLatin1String(key), folder); }

bool isEmptyOrMissing(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return true;
    return info.isDir() && QDir(path).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

} // namespace dynodesk::ideplugin::wizardsettings
