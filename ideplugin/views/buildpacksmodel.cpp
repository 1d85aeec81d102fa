#include "buildpacksmodel.h"

namespace dynodesk::ideplugin {

BuildpacksModel::BuildpacksModel(QObject *parent)
    : JsonTableModel({{tr("#"),
                       [](const QJsonObject &o, int role) -> QVariant {
                           if (role != Qt::DisplayRole)
                               return {};
                           return o.value(QStringLiteral("ordinal")).toInt() + 1;
                       }},
                      field(tr("Buildpack"), QStringLiteral("buildpack.name")),
                      field(tr("URL"), QStringLiteral("buildpack.url"))},
                     parent)
{
}

} // namespace dynodesk::ideplugin
