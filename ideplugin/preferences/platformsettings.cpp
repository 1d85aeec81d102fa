#include "platformsettings.h"

#include <QSettings>

namespace dynodesk::ideplugin {

PlatformSettings PlatformSettings::load(QSettings &s)
{
    PlatformSettings p;
    p.kind = static_cast<PlatformKind>(s.value(QStringLiteral("platform/kind"), 0).toInt());
    p.remoteUrl = s.value(QStringLiteral("platform/remoteUrl"), p.remoteUrl).toString();
    p.realUrl = s.value(QStringLiteral("platform/realUrl"), p.realUrl).toString();
    return p;
}

void PlatformSettings::save(QSettings &s) const
{
    s.setValue(QStringLiteral("platform/kind"), static_cast<int>(kind));
    s.setValue(QStringLiteral("platform/remoteUrl"), remoteUrl);
    s.setValue(QStringLiteral("platform/realUrl"), realUrl);
}

QString PlatformSettings::chosenUrl() const
{
    switch (kind) {
    case PlatformKind::Remote: return remoteUrl;
    case PlatformKind::Real: return realUrl;
    case PlatformKind::Local: break;
    }
    return {};
}

} // namespace dynodesk::ideplugin
