#pragma once

#include <QFont>
#include <QString>
#include <QStringList>

class QSettings;

namespace dynodesk::app {

// Which platform the IDE talks to.
enum class PlatformKind { Local, Remote, Real };

// The preferences the user edits, kept with QSettings. API keys are not kept here: they live in
// ~/.netrc, shared with the official CLI.
struct AppSettings final {
    PlatformKind platform = PlatformKind::Local;
    QString remoteUrl = QStringLiteral("http://127.0.0.1:5001");
    QString realUrl = QStringLiteral("https://api.heroku.com");
    QFont editorFont;
    int tabWidth = 4;
    QString theme = QStringLiteral("auto"); // auto, light, dark
    QStringList recentProjects;

    static AppSettings load(QSettings &settings);
    void save(QSettings &settings) const;
    void addRecentProject(const QString &path);
    // The API URL the chosen remote platform lives at (empty for the in-process emulator).
    QString chosenUrl() const;
};

} // namespace dynodesk::app
