#include "buildsmodel.h"

#include "displaytext.h"

#include <QColor>

namespace dynodesk::ideplugin {

static QVariant status(const QJsonObject &o, int role)
{
    const QString status = o.value(QStringLiteral("status")).toString();
    if (role == Qt::DisplayRole)
        return status;
    if (role == Qt::ForegroundRole)
        return status == QLatin1String("failed")      ? QColor(0xb0, 0, 0x20)
               : status == QLatin1String("succeeded") ? QColor(0x1b, 0x7f, 0x3b)
                                                      : QVariant();
    return {};
}

BuildsModel::BuildsModel(QObject *parent)
    : JsonTableModel({{tr("Status"), status},
                      {tr("Started"), [](const QJsonObject &o, int role) -> QVariant {
                           return role == Qt::DisplayRole ? QVariant(displayTime(o.value(QStringLiteral("created_at"))))
                                                          : QVariant();
                       }},
                      field(tr("User"), QStringLiteral("user.email")),
                      field(tr("Release"), QStringLiteral("release.id"))},
                     parent)
{
}

} // namespace dynodesk::ideplugin
