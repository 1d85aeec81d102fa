#include "releasesmodel.h"

#include "displaytext.h"

namespace dynodesk::ideplugin {

static QVariant version(const QJsonObject &o, int role)
{
    if (role == Qt::DisplayRole)
        return QStringLiteral("v%1").arg(o.value(QStringLiteral("version")).toInt());
    if (role == Qt::UserRole)
        return o.value(QStringLiteral("version")).toInt();
    return {};
}

ReleasesModel::ReleasesModel(QObject *parent)
    : JsonTableModel({{tr("Version"), version},
                      field(tr("Description"), QStringLiteral("description")),
                      field(tr("User"), QStringLiteral("user.email")),
                      {tr("Time"), [](const QJsonObject &o, int role) -> QVariant {
                           return role == Qt::DisplayRole ? QVariant(displayTime(o.value(QStringLiteral("created_at"))))
                                                          : QVariant();
                       }}},
                     parent)
{
}

} // namespace dynodesk::ideplugin
