#include "platformplugin.h"

namespace dynodesk::ideplugin {

void PlatformPlugin::initialize(app::IPluginHost &host)
{
    host.showStatus(tr("Platform plugin loaded; Platform API at %1").arg(host.apiUrl()));
}

} // namespace dynodesk::ideplugin
