#pragma once

#include "jsontablemodel.h"

namespace dynodesk::ideplugin {

// An app's buildpacks in the order they run (GET /apps/{app}/buildpack-installations): position,
// name (a registry name such as heroku/nodejs, else the URL) and URL.
class BuildpacksModel final : public JsonTableModel {
    Q_OBJECT
public:
    explicit BuildpacksModel(QObject *parent = nullptr);
};

} // namespace dynodesk::ideplugin
