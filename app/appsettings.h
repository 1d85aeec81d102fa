#pragma once

#include <QFont>
#include <QString>
#include <QStringList>

class QSettings;

namespace dynodesk::app {

// The shell's preferences the user edits, kept with QSettings: the editor's and the recent
// projects. Plugins keep theirs (the platform choice) in groups of their own.
struct AppSettings final {
    QFont editorFont;
    int tabWidth = 4;
    QString theme = QStringLiteral("auto"); // auto, light, dark
    QStringList recentProjects;

    static AppSettings load(QSettings &settings);
    void save(QSettings &settings) const;
    void addRecentProject(const QString &path);
};

} // namespace dynodesk::app
