#pragma once

#include "jsontablemodel.h"

namespace dynodesk::ideplugin {

// An app's releases (GET /apps/{app}/releases): version, description, user, time.
class ReleasesModel final : public JsonTableModel {
    Q_OBJECT
public:
    explicit ReleasesModel(QObject *parent = nullptr);
};

} // namespace dynodesk::ideplugin
