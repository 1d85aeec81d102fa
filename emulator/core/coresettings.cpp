#include "coresettings.h"

#include <QDir>
#include <QStandardPaths>

namespace dynodesk::core {

std::string defaultDataDir()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/share");
    return (base + QStringLiteral("/dynodesk/emulator")).toStdString();
}

} // namespace dynodesk::core
