#pragma once

#include "jsontablemodel.h"

namespace dynodesk::ideplugin {

// An app's collaborators (GET /apps/{app}/collaborators): the owner marked with an icon, and the
// email. The owner comes from the app's info, which another call reads.
class CollaboratorsModel final : public JsonTableModel {
    Q_OBJECT
public:
    explicit CollaboratorsModel(QObject *parent = nullptr);

    void setOwner(const QString &email);

private:
    QVariant ownerColumn(const QJsonObject &collaborator, int role) const;

    QString m_owner;
};

} // namespace dynodesk::ideplugin
