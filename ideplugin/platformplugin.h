#pragma once

#include "iplugin.h"

#include <QObject>
#include <QPointer>

namespace dynodesk::ideplugin {

class AppsView;
class PluginContext;

// The platform integration, loaded by the shell: the My Apps view, the app editor, the log view,
// and the Deploy, Create from Template and Import wizards, all over the Platform API.
class PlatformPlugin final : public QObject, public app::IPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DynodeskPlugin_iid FILE "platformplugin.json")
    Q_INTERFACES(dynodesk::app::IPlugin)
public:
    QString name() const override { return tr("Platform"); }
    void initialize(app::IPluginHost &host) override;

private slots:
    void connectToPlatform();

private:
    void openAppEditor(const QString &app);
    void openLogs(const QString &app);
    void deploy(const QString &app);
    void deployProject();
    void newFromTemplate();
    void importApp(const QString &app);

    PluginContext *m_context = nullptr;
    QPointer<AppsView> m_apps;
};

} // namespace dynodesk::ideplugin
