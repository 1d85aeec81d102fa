#pragma once

#include "jsontablemodel.h"

namespace dynodesk::ideplugin {

// An app's add-ons (GET /apps/{app}/addons): name, plan, state and the config vars they set.
class AddonsModel final : public JsonTableModel {
    Q_OBJECT
public:
    explicit AddonsModel(QObject *parent = nullptr);
};

} // namespace dynodesk::ideplugin
