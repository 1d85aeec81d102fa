#pragma once

#include "iplugin.h"

#include <QObject>

namespace dynodesk::ideplugin {

// The platform integration, loaded by the shell. Its views come with the IDE plugin issue; for
// now it reports the platform it was given.
class PlatformPlugin final : public QObject, public app::IPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DynodeskPlugin_iid FILE "platformplugin.json")
    Q_INTERFACES(dynodesk::app::IPlugin)
public:
    QString name() const override { return tr("Platform"); }
    void initialize(app::IPluginHost &host) override;
};

} // namespace dynodesk::ideplugin
