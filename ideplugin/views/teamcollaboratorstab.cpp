#include "teamcollaboratorstab.h"

#include "editedapp.h"
#include "permissionsdialog.h"
#include "plugincontext.h"
#include "teamcollaboratorsmodel.h"
#include "teampermissions.h"

#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

TeamCollaboratorsTab::TeamCollaboratorsTab(EditedApp &app, QWidget *parent)
    : AppTab(app, parent), m_model(new TeamCollaboratorsModel(this)), m_summary(new QLabel(this))
{
    m_summary->setObjectName(QStringLiteral("teamAccessSummary"));
    m_summary->setWordWrap(true);
    pageLayout()->addWidget(m_summary);
    m_view = addTable(m_model, QStringLiteral("teamCollaboratorsTable"));
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(TeamCollaboratorsModel::EmailColumn, QHeaderView::Stretch);
    m_add = addButton(QStringLiteral("addTeamCollaborator"), tr("Add…"), tr("Add a collaborator with permissions"));
    m_edit = addButton(QStringLiteral("editPermissions"), tr("Edit Permissions…"),
                       tr("Change the selected collaborator's permissions"));
    m_remove = addButton(QStringLiteral("removeTeamCollaborator"), tr("Remove"), tr("Remove the selected collaborator"));
    m_lock = addButton(QStringLiteral("lockApp"), tr("Lock"));
    connect(m_add, &QPushButton::clicked, this, &TeamCollaboratorsTab::add);
    connect(m_edit, &QPushButton::clicked, this, &TeamCollaboratorsTab::editSelected);
    connect(m_remove, &QPushButton::clicked, this, &TeamCollaboratorsTab::removeSelected);
    connect(m_lock, &QPushButton::clicked, this, &TeamCollaboratorsTab::toggleLock);
    connect(m_view, &QTableView::doubleClicked, this, &TeamCollaboratorsTab::editSelected);
}

QString TeamCollaboratorsTab::team() const
{
    return m_app.info().value(QStringLiteral("team")).toObject().value(QStringLiteral("name")).toString();
}

QString TeamCollaboratorsTab::collaboratorsPath(const QString &email) const
{
    QString path = QStringLiteral("/teams/apps/%1/collaborators").arg(PlatformClient::pathPart(m_app.name()));
    return email.isEmpty() ? path : path + QLatin1Char('/') + PlatformClient::pathPart(email);
}

// The team app (is it locked?), the team's members (an outside collaborator may not list them),
// then the app's collaborators.
void TeamCollaboratorsTab::load()
{
    if (team().isEmpty())
        return;
    const QString path = QStringLiteral("/teams/apps/") + PlatformClient::pathPart(m_app.name());
    ctx().client.getCached(path, this, [this](const Reply &r) {
        if (!r.ok())
            return m_app.showError(r.error);
        loadMembers(r.object().value(QStringLiteral("locked")).toBool());
    });
}

void TeamCollaboratorsTab::loadMembers(bool locked)
{
    const QString path = QStringLiteral("/teams/%1/members").arg(PlatformClient::pathPart(team()));
    ctx().client.getCached(path, this, [this, locked](const Reply &r) {
        loadCollaborators(locked, r.ok() ? r.array() : QJsonArray());
    });
}

void TeamCollaboratorsTab::loadCollaborators(bool locked, const QJsonArray &members)
{
    ctx().client.getCached(collaboratorsPath(), this, [this, locked, members](const Reply &r) {
        if (!r.ok())
            return m_app.showError(r.error);
        m_model->setAccess(members, r.array(), locked);
        showAccess(locked);
        emit m_app.loaded(QStringLiteral("teamCollaborators"));
    });
}

void TeamCollaboratorsTab::showAccess(bool locked)
{
    m_locked = locked;
    const QJsonObject me = m_model->find(ctx().accountEmail);
    const QString myRole = TeamPermissions::roleTitle(me.value(QStringLiteral("role")).toString());
    const bool manage = me.value(QStringLiteral("permissions")).toArray().contains(QStringLiteral("manage"));
    m_summary->setText(locked ? tr("%1 belongs to the team %2 and is locked: only the team's admins and the app's "
                                   "collaborators can see it. Your role: %3.")
                                        .arg(m_app.name(), team(), myRole)
                              : tr("%1 belongs to the team %2. Your role: %3.").arg(m_app.name(), team(), myRole));
    m_lock->setText(locked ? tr("Unlock") : tr("Lock"));
    const QString why = manage ? QString() : tr("You need the manage permission on %1 for this.").arg(m_app.name());
    for (QPushButton *b : {m_add, m_edit, m_remove, m_lock}) {
        b->setEnabled(manage);
        b->setToolTip(why);
    }
    if (manage)
        m_lock->setToolTip(locked ? tr("Let every team member see %1 again").arg(m_app.name())
                                  : tr("Hide %1 from team members who are not its collaborators").arg(m_app.name()));
}

QString TeamCollaboratorsTab::selectedEmail() const
{
    return selected(m_view, m_model).value(QStringLiteral("email")).toString();
}

void TeamCollaboratorsTab::changed(const QString &message)
{
    m_app.done(message);
    emit ctx().appsChanged();
    load();
}

static QString joined(const QStringList &permissions) { return permissions.join(QStringLiteral(", ")); }

void TeamCollaboratorsTab::add()
{
    PermissionsDialog dialog(m_app.name(), {}, {QStringLiteral("view")}, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString email = dialog.email();
    const QStringList permissions = dialog.permissions();
    const QJsonObject body{{QStringLiteral("user"), email},
                           {QStringLiteral("permissions"), QJsonArray::fromStringList(permissions)},
                           {QStringLiteral("silent"), true}};
    ctx().client.post(collaboratorsPath(), body, this, [this, email, permissions](const Reply &r) {
        if (!r.ok())
            return ctx().fail(tr("Adding %1").arg(email), r);
        changed(tr("Added %1 to %2 with %3.").arg(email, m_app.name(), joined(permissions)));
    });
}

// A collaborator's permissions change in place; a member who is not yet a collaborator becomes
// one with the permissions chosen. Admins hold every permission: nothing to edit.
void TeamCollaboratorsTab::editSelected()
{
    const QJsonObject row = selected(m_view, m_model);
    const QString email = row.value(QStringLiteral("email")).toString();
    if (email.isEmpty())
        return;
    if (TeamPermissions::isAdmin(row.value(QStringLiteral("role")).toString()))
        return m_app.showError(tr("%1 is an admin of %2 and holds every permission.").arg(email, team()));
    QStringList granted;
    for (const QJsonValue &v : row.value(QStringLiteral("granted")).toArray())
        granted << v.toString();
    PermissionsDialog dialog(m_app.name(), email, granted, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QStringList permissions = dialog.permissions();
    const QJsonArray names = QJsonArray::fromStringList(permissions);
    auto done = [this, email, permissions](const Reply &r) {
        if (!r.ok())
            return ctx().fail(tr("Changing the permissions of %1").arg(email), r);
        changed(tr("%1 now has %2 on %3.").arg(email, joined(permissions), m_app.name()));
    };
    if (row.value(QStringLiteral("collaborator")).toBool())
        ctx().client.patch(collaboratorsPath(email), {{QStringLiteral("permissions"), names}}, this, done);
    else
        ctx().client.post(collaboratorsPath(),
                          {{QStringLiteral("user"), email}, {QStringLiteral("permissions"), names},
                           {QStringLiteral("silent"), true}},
                          this, done);
}

void TeamCollaboratorsTab::removeSelected()
{
    const QJsonObject row = selected(m_view, m_model);
    const QString email = row.value(QStringLiteral("email")).toString();
    if (email.isEmpty())
        return;
    if (!row.value(QStringLiteral("collaborator")).toBool())
        return m_app.showError(tr("%1 is a member of %2, not a collaborator of %3: remove them from the team instead.")
                                       .arg(email, team(), m_app.name()));
    if (QMessageBox::question(this, tr("Remove collaborator"), tr("Remove %1 from %2?").arg(email, m_app.name()))
        != QMessageBox::Yes)
        return;
    ctx().client.remove(collaboratorsPath(email), this, [this, email](const Reply &r) {
        if (!r.ok())
            return ctx().fail(tr("Removing %1").arg(email), r);
        changed(tr("Removed %1 from %2.").arg(email, m_app.name()));
    });
}

void TeamCollaboratorsTab::toggleLock()
{
    const bool lock = !m_locked;
    const QString path = QStringLiteral("/teams/apps/") + PlatformClient::pathPart(m_app.name());
    ctx().client.patch(path, {{QStringLiteral("locked"), lock}}, this, [this, lock](const Reply &r) {
        const QString app = m_app.name();
        if (!r.ok())
            return ctx().fail(lock ? tr("Locking %1").arg(app) : tr("Unlocking %1").arg(app), r);
        changed(lock ? tr("Locked %1: team members without permissions on it no longer see it.").arg(app)
                     : tr("Unlocked %1.").arg(app));
    });
}

} // namespace dynodesk::ideplugin
