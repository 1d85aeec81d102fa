#pragma once

#include "jsontablemodel.h"

namespace dynodesk::ideplugin {

// An app's domains (GET /apps/{app}/domains): hostname, kind, CNAME target, status.
class DomainsModel final : public JsonTableModel {
    Q_OBJECT
public:
    explicit DomainsModel(QObject *parent = nullptr);
};

} // namespace dynodesk::ideplugin
