#pragma once

#include "apptab.h"

#include <QJsonArray>

class QLabel;

namespace dynodesk::ideplugin {

class TeamCollaboratorsModel;

// The Collaborators tab of a team app, as the dashboard's Access tab: the team's members and the
// app's collaborators with their role and permissions; add a collaborator with permissions, edit
// the selected one's permissions, remove them, and lock or unlock the app. Changes need the
// manage permission (team admins hold it); the platform's refusals are shown in its words.
class TeamCollaboratorsTab final : public AppTab {
    Q_OBJECT
public:
    explicit TeamCollaboratorsTab(EditedApp &app, QWidget *parent = nullptr);

    void load() override;
    TeamCollaboratorsModel *model() const { return m_model; }

private:
    QString team() const;
    QString collaboratorsPath(const QString &email = {}) const;
    void loadMembers(bool locked);
    void loadCollaborators(bool locked, const QJsonArray &members);
    void showAccess(bool locked);
    QString selectedEmail() const;
    void add();
    void editSelected();
    void removeSelected();
    void toggleLock();
    // After a change: the status line says `message`, the tab and My Apps read again.
    void changed(const QString &message);

    TeamCollaboratorsModel *m_model;
    QLabel *m_summary;
    QTableView *m_view;
    QPushButton *m_add, *m_edit, *m_remove, *m_lock;
    bool m_locked = false;
};

} // namespace dynodesk::ideplugin
