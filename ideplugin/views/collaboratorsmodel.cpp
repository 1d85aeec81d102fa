#include "collaboratorsmodel.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>

namespace dynodesk::ideplugin {

CollaboratorsModel::CollaboratorsModel(QObject *parent)
    : JsonTableModel({{tr("Owner"), [this](const QJsonObject &c, int role) { return ownerColumn(c, role); }},
                      field(tr("Email"), QStringLiteral("user.email"))},
                     parent)
{
}

void CollaboratorsModel::setOwner(const QString &email)
{
    if (email == m_owner)
        return;
    m_owner = email;
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, 0));
}

QVariant CollaboratorsModel::ownerColumn(const QJsonObject &c, int role) const
{
    const QString email = c.value(QStringLiteral("user")).toObject().value(QStringLiteral("email")).toString();
    const bool owner = email == m_owner;
    if (role == Qt::DecorationRole && owner)
        return QIcon::fromTheme(QStringLiteral("emblem-favorite"),
                                QApplication::style()->standardIcon(QStyle::SP_DialogApplyButton));
    if (role == Qt::DisplayRole)
        return owner ? tr("owner") : QString();
    return {};
}

} // namespace dynodesk::ideplugin
