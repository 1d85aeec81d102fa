#include "configvarsmodel.h"

namespace dynodesk::ideplugin {

ConfigVarsModel::ConfigVarsModel(QObject *parent)
    : JsonTableModel({field(tr("Key"), QStringLiteral("key")),
                      {tr("Value"), [this](const QJsonObject &o, int role) { return valueColumn(o, role); }}},
                     parent)
{
}

void ConfigVarsModel::setVars(const QJsonObject &vars)
{
    QJsonArray rows;
    for (auto it = vars.begin(); it != vars.end(); ++it)
        rows.append(QJsonObject{{QStringLiteral("key"), it.key()}, {QStringLiteral("value"), it.value()}});
    setItems(rows);
}

void ConfigVarsModel::setRevealed(bool revealed)
{
    m_revealed = revealed;
    setItems(QJsonArray(items()));
}

QVariant ConfigVarsModel::valueColumn(const QJsonObject &o, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    const QString value = o.value(QStringLiteral("value")).toString();
    return m_revealed ? value : QString(std::min<qsizetype>(value.size(), 12), QChar(0x2022));
}

} // namespace dynodesk::ideplugin
