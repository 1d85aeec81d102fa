#pragma once

#include "iplugin.h"

#include <QObject>
#include <QPointer>

namespace dynodesk::ideplugin {

class AppsView;
class PlatformPreferences;
class PluginContext;

// The platform integration, loaded by the shell: the My Apps view, the app editor, the log view,
// the Deploy, Create from Template and Import wizards, all over the Platform API, and the
// platform's preferences pages (Platform, Credentials, SSH Keys), through which it chooses the
// platform the shell connects to.
class PlatformPlugin final : public QObject, public app::IPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DynodeskPlugin_iid FILE "platformplugin.json")
    Q_INTERFACES(dynodesk::app::IPlugin)
public:
    QString name() const override { return tr("Platform"); }
    void initialize(app::IPluginHost &host) override;

private:
    void connectToPlatform();
    void openAppEditor(const QString &app);
    void openLogs(const QString &app);
    void deploy(const QString &app);
    void deployProject();
    void newFromTemplate();
    void importApp(const QString &app);
    void askForDeploySource(bool link);
    void deployFromAppJson(const QString &source);

    PluginContext *m_context = nullptr;
    PlatformPreferences *m_preferences = nullptr;
    QPointer<AppsView> m_apps;
};

} // namespace dynodesk::ideplugin
