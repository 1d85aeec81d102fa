#pragma once

#include <QString>

class QSettings;

namespace dynodesk::ideplugin {

// Which platform the IDE talks to: the emulator inside the app, a Dynodesk server elsewhere,
// or the real platform.
enum class PlatformKind { Local, Remote, Real };

// The platform choice, kept in the application's settings under platform/. API keys are not
// kept here: they live in ~/.netrc, shared with the official CLI.
struct PlatformSettings final {
    PlatformKind kind = PlatformKind::Local;
    QString remoteUrl = QStringLiteral("http://127.0.0.1:5001");
    QString realUrl = QStringLiteral("https://api.heroku.com");

    static PlatformSettings load(QSettings &settings);
    void save(QSettings &settings) const;
    // The API URL of the chosen remote platform (empty for the emulator inside the app).
    QString chosenUrl() const;
};

} // namespace dynodesk::ideplugin
