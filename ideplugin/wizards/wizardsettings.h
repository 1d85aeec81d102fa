#pragma once

#include <QString>

namespace dynodesk::ideplugin::wizardsettings {

// The folder new and imported projects go into: the last one used, else the open project's parent
// folder, else the home folder.
QString projectsFolder(const QString &currentProject);
void setProjectsFolder(const QString &folder);
// True when `path` does not exist or is an empty folder: a clone may go there.
bool isEmptyOrMissing(const QString &path);

} // namespace dynodesk::ideplugin::wizardsettings
