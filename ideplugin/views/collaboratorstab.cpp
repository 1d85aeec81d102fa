#include "collaboratorstab.h"

#include "appinfotab.h"
#include "collaboratorsmodel.h"
#include "editedapp.h"
#include "plugincontext.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>

namespace dynodesk::ideplugin {

CollaboratorsTab::CollaboratorsTab(EditedApp &app, QWidget *parent)
    : AppTab(app, parent), m_model(new CollaboratorsModel(this)),
      m_view(addTable(m_model, QStringLiteral("collaboratorsTable")))
{
    auto *add = addButton(QStringLiteral("addCollaborator"), QStringLiteral("+"), tr("Add a collaborator"));
    auto *remove = addButton(QStringLiteral("removeCollaborator"), QStringLiteral("-"),
                             tr("Remove the selected collaborator"));
    m_transfer = addButton(QStringLiteral("makeOwner"), tr("Make owner"));
    connect(add, &QPushButton::clicked, this, &CollaboratorsTab::add);
    connect(remove, &QPushButton::clicked, this, &CollaboratorsTab::removeSelected);
    connect(m_transfer, &QPushButton::clicked, this, &CollaboratorsTab::transferToSelected);
    connect(&m_app, &EditedApp::infoChanged, this, [this] {
        m_model->setOwner(m_app.ownerEmail());
        applyOwnerOnly(m_app, {m_transfer});
    });
}

void CollaboratorsTab::load()
{
    loadList(QStringLiteral("collaborators"), m_app.path(QStringLiteral("/collaborators")), m_model);
}

QString CollaboratorsTab::selectedEmail() const
{
    return selected(m_view, m_model).value(QStringLiteral("user")).toObject().value(QStringLiteral("email")).toString();
}

void CollaboratorsTab::add()
{
    bool ok = false;
    const QString email =
            QInputDialog::getText(this, tr("Add collaborator"), tr("Email:"), QLineEdit::Normal, {}, &ok).trimmed();
    if (!ok || email.isEmpty())
        return;
    const QJsonObject body{{QStringLiteral("user"), email}, {QStringLiteral("silent"), true}};
    ctx().client.post(m_app.path(QStringLiteral("/collaborators")), body, this, [this, email](const Reply &r) {
        if (!r.ok())
            return ctx().fail(tr("Adding %1").arg(email), r);
        m_app.done(tr("Added %1 as a collaborator.").arg(email));
        load();
    });
}

void CollaboratorsTab::removeSelected()
{
    const QString email = selectedEmail();
    if (email.isEmpty() || QMessageBox::question(this, tr("Remove collaborator"),
                                                 tr("Remove %1 from %2?").arg(email, m_app.name())) != QMessageBox::Yes)
        return;
    const QString path = m_app.path(QStringLiteral("/collaborators/")) + PlatformClient::pathPart(email);
    ctx().client.remove(path, this, [this, email](const Reply &r) {
        if (!r.ok())
            return ctx().fail(tr("Removing %1").arg(email), r);
        m_app.done(tr("Removed %1.").arg(email));
        load();
    });
}

void CollaboratorsTab::transferToSelected()
{
    const QString email = selectedEmail();
    const QString app = m_app.name();
    if (email.isEmpty() || email == ctx().accountEmail)
        return;
    if (QMessageBox::question(this, tr("Make owner"),
                              tr("Transfer %1 to %2? They must accept the transfer.").arg(app, email)) != QMessageBox::Yes)
        return;
    const QJsonObject body{{QStringLiteral("app"), app}, {QStringLiteral("recipient"), email}};
    ctx().client.post(QStringLiteral("/account/app-transfers"), body, this, [this, app, email](const Reply &r) {
        if (!r.ok())
            return ctx().fail(tr("Transferring %1").arg(app), r);
        const QString state = r.object().value(QStringLiteral("state")).toString();
        m_app.done(state == QLatin1String("accepted")
                           ? tr("%1 now owns %2.").arg(email, app)
                           : tr("Transfer of %1 to %2 is %3: they must accept it.").arg(app, email, state));
        emit m_app.refreshRequested();
    });
}

} // namespace dynodesk::ideplugin
