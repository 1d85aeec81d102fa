#include "displaytext.h"

#include <QDateTime>
#include <QLocale>
#include <QObject>

namespace dynodesk::ideplugin {

QString displaySize(const QJsonValue &bytes)
{
    if (bytes.isNull() || bytes.isUndefined())
        return QObject::tr("none yet");
    return QLocale().formattedDataSize(qint64(bytes.toDouble()));
}

QString displayTime(const QJsonValue &iso)
{
    const QDateTime t = QDateTime::fromString(iso.toString(), Qt::ISODate);
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : iso.toString();
}

} // namespace dynodesk::ideplugin
