#include "wizardsettings.h"

#include <QDir>
#include <QPushButton>
#include <QLineEdit>
#include <QLabel>
#include <QHBoxLayout>
#include <QFormLayout>
#include <QFileDialog>
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

FolderRow addFolderRow(QFormLayout *form, QWidget *owner, const QString &currentProject, const QString &browseTitle)
{
    FolderRow row{new QLineEdit(owner), new QPushButton(QObject::tr("Browse…"), owner), new QLabel(owner)};
    row.edit->setObjectName(QStringLiteral("folderEdit"));
    row.edit->setText(QDir::toNativeSeparators(projectsFolder(currentProject)));
    row.browse->setObjectName(QStringLiteral("browseButton"));
    QObject::connect(row.browse, &QPushButton::clicked, owner, [owner, edit = row.edit, browseTitle] {
        const QString dir = QFileDialog::getExistingDirectory(owner, browseTitle, edit->text());
        if (!dir.isEmpty())
            edit->setText(QDir::toNativeSeparators(dir));
    });
    auto *fields = new QHBoxLayout;
    fields->addWidget(row.edit, 1);
    fields->addWidget(row.browse);
    row.target->setObjectName(QStringLiteral("targetLabel"));
    row.target->setWordWrap(true);
    row.target->setForegroundRole(QPalette::PlaceholderText);
    auto *label = new QLabel(QObject::tr("&Folder:"), owner);
    label->setBuddy(row.edit);
    form->addRow(label, fields);
    form->addRow(QString(), row.target);
    return row;
}

} // namespace dynodesk::ideplugin::wizardsettings
