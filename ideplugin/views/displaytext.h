#pragma once

#include <QJsonValue>
#include <QString>

namespace dynodesk::ideplugin {

// How the app editor shows the platform's values: a size in bytes ("none yet" when null) and an
// ISO 8601 time in the user's locale and time zone.
QString displaySize(const QJsonValue &bytes);
QString displayTime(const QJsonValue &iso);

} // namespace dynodesk::ideplugin
