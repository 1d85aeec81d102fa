#include "domainsmodel.h"

namespace dynodesk::ideplugin {

DomainsModel::DomainsModel(QObject *parent)
    : JsonTableModel({field(tr("Hostname"), QStringLiteral("hostname")), field(tr("Kind"), QStringLiteral("kind")),
                      field(tr("CNAME target"), QStringLiteral("cname")), field(tr("Status"), QStringLiteral("status"))},
                     parent)
{
}

} // namespace dynodesk::ideplugin
