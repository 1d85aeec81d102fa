#pragma once

#include <QString>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QWidget;

namespace dynodesk::ideplugin::wizardsettings {

// The folder new and imported projects go into: the last one used, else the open project's parent
// folder, else the home folder.
QString projectsFolder(const QString &currentProject);
void setProjectsFolder(const QString &folder);
// True when `path` does not exist or is an empty folder: a clone may go there.
bool isEmptyOrMissing(const QString &path);

// The wizards' "Folder:" rows: a field holding the projects folder (objectName folderEdit), a
// Browse… button (browseButton) that picks another, and a line under them saying where the
// project will go (targetLabel), added to `form`.
struct FolderRow {
    QLineEdit *edit;
    QPushButton *browse;
    QLabel *target;
};
FolderRow addFolderRow(QFormLayout *form, QWidget *owner, const QString &currentProject, const QString &browseTitle);

} // namespace dynodesk::ideplugin::wizardsettings
