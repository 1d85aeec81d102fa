#pragma once

#include "apptab.h"

namespace dynodesk::ideplugin {

class AddonsModel;

// Add-ons: the app's add-ons with their plans, states and config vars; add Postgres (a plan
// chosen from the catalog), remove the selected one after its name is typed.
class AddonsTab final : public AppTab {
    Q_OBJECT
public:
    explicit AddonsTab(EditedApp &app, QWidget *parent = nullptr);

    void load() override;
    void poll() override { load(); }
    AddonsModel *model() const { return m_model; }

private:
    void addPostgres();
    void create(const QString &plan);
    void removeSelected();

    AddonsModel *m_model;
    QTableView *m_view;
};

} // namespace dynodesk::ideplugin
