#pragma once

#include "iplugin.h"

#include <QList>
#include <QObject>
#include <QString>

class QWidget;

namespace dynodesk::ideplugin {

class PlatformPage;
class PluginContext;
struct PlatformSettings;

// The plugin's side of Edit › Preferences and of the platform choice: it makes the Platform,
// Credentials and SSH Keys pages for the shell's dialog, and connects the shell to the chosen
// platform, at start and when the Platform page is accepted with a new choice: the emulator
// inside the app, or a remote Platform API with the key from ~/.netrc, checked with GET /account
// (a refused key or an unreachable server disconnects, saying why).
class PlatformPreferences final : public QObject {
    Q_OBJECT
public:
    PlatformPreferences(PluginContext &ctx, QString netrcPath, QString sshDir, QObject *parent = nullptr);

    QList<app::IPreferencesPage *> makePages(QWidget *dialog);
    void connectChosenPlatform();

private:
    void accepted(const PlatformPage &page);
    void connectRemote(const PlatformSettings &settings, const QString &token);

    PluginContext &m_ctx;
    QString m_netrcPath;
    QString m_sshDir;
};

} // namespace dynodesk::ideplugin
