#pragma once

#include "apptab.h"

namespace dynodesk::ideplugin {

class CollaboratorsModel;

// Collaborators: the owner and the collaborators; add (+), remove (-), and make owner (a transfer
// the recipient must accept; the owner's only).
class CollaboratorsTab final : public AppTab {
    Q_OBJECT
public:
    explicit CollaboratorsTab(EditedApp &app, QWidget *parent = nullptr);

    void load() override;
    CollaboratorsModel *model() const { return m_model; }

private:
    QString selectedEmail() const;
    void add();
    void removeSelected();
    void transferToSelected();

    CollaboratorsModel *m_model;
    QTableView *m_view;
    QPushButton *m_transfer;
};

} // namespace dynodesk::ideplugin
