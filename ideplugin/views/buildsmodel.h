#pragma once

#include "jsontablemodel.h"

namespace dynodesk::ideplugin {

// An app's builds (GET /apps/{app}/builds): status (failed in red, succeeded in green), start, user, release.
class BuildsModel final : public JsonTableModel {
    Q_OBJECT
public:
    explicit BuildsModel(QObject *parent = nullptr);
};

} // namespace dynodesk::ideplugin
