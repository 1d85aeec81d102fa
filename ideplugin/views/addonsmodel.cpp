#include "addonsmodel.h"

namespace dynodesk::ideplugin {

static QVariant configVars(const QJsonObject &o, int role)
{
    if (role != Qt::DisplayRole)
        return {};
    QStringList vars;
    for (const QJsonValue &v : o.value(QStringLiteral("config_vars")).toArray())
        vars << v.toString();
    return vars.join(QStringLiteral(", "));
}

AddonsModel::AddonsModel(QObject *parent)
    : JsonTableModel({field(tr("Name"), QStringLiteral("name")), field(tr("Plan"), QStringLiteral("plan.name")),
                      field(tr("State"), QStringLiteral("state")), {tr("Config vars"), configVars}},
                     parent)
{
}

} // namespace dynodesk::ideplugin
