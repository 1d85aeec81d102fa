#pragma once

#include "apptab.h"

namespace dynodesk::ideplugin {

class ReleasesModel;

// Releases: the app's releases, newest last; roll back to the selected one, show its config vars.
class ReleasesTab final : public AppTab {
    Q_OBJECT
public:
    explicit ReleasesTab(EditedApp &app, QWidget *parent = nullptr);

    void load() override;
    ReleasesModel *model() const { return m_model; }

private:
    void rollBack();
    void showConfigVars();

    ReleasesModel *m_model;
    QTableView *m_view;
};

} // namespace dynodesk::ideplugin
