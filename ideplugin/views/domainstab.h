#pragma once

#include "apptab.h"

namespace dynodesk::ideplugin {

class DomainsModel;

// Domains: the app's hostnames with their CNAME targets; add one, remove the selected one.
class DomainsTab final : public AppTab {
    Q_OBJECT
public:
    explicit DomainsTab(EditedApp &app, QWidget *parent = nullptr);

    void load() override;
    DomainsModel *model() const { return m_model; }

private:
    void add();
    void removeSelected();

    DomainsModel *m_model;
    QTableView *m_view;
};

} // namespace dynodesk::ideplugin
