#pragma once

#include "jsontablemodel.h"

namespace dynodesk::ideplugin {

// An app's config vars (GET /apps/{app}/config-vars), one row per key. Values show as dots
// until revealed.
class ConfigVarsModel final : public JsonTableModel {
    Q_OBJECT
public:
    explicit ConfigVarsModel(QObject *parent = nullptr);

    // The object the API answers, {"KEY": "value", ...}.
    void setVars(const QJsonObject &vars);
    void setRevealed(bool revealed);
    bool revealed() const { return m_revealed; }

private:
    QVariant valueColumn(const QJsonObject &row, int role) const;

    bool m_revealed = false;
};

} // namespace dynodesk::ideplugin
