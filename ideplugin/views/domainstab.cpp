#include "domainstab.h"

#include "domainsmodel.h"
#include "editedapp.h"
#include "plugincontext.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>

namespace dynodesk::ideplugin {

DomainsTab::DomainsTab(EditedApp &app, QWidget *parent)
    : AppTab(app, parent), m_model(new DomainsModel(this)), m_view(addTable(m_model, QStringLiteral("domainsTable")))
{
    auto *add = addButton(QStringLiteral("addDomain"), tr("Add…"));
    auto *remove = addButton(QStringLiteral("removeDomain"), tr("Remove"));
    connect(add, &QPushButton::clicked, this, &DomainsTab::add);
    connect(remove, &QPushButton::clicked, this, &DomainsTab::removeSelected);
}

void DomainsTab::load() { loadList(QStringLiteral("domains"), m_app.path(QStringLiteral("/domains")), m_model); }

void DomainsTab::add()
{
    bool ok = false;
    const QString host = QInputDialog::getText(this, tr("Add domain"),
                                               tr("Hostname (e.g. www.example.test or *.example.test):"),
                                               QLineEdit::Normal, {}, &ok)
                                 .trimmed();
    if (!ok || host.isEmpty())
        return;
    ctx().client.post(m_app.path(QStringLiteral("/domains")), {{QStringLiteral("hostname"), host}}, this,
                      [this, host](const Reply &r) {
                          if (!r.ok())
                              return ctx().fail(tr("Adding %1").arg(host), r);
                          m_app.done(tr("Added %1: point its CNAME at %2.")
                                             .arg(host, r.object().value(QStringLiteral("cname")).toString()));
                          load();
                      });
}

void DomainsTab::removeSelected()
{
    const QJsonObject domain = selected(m_view, m_model);
    const QString host = domain.value(QStringLiteral("hostname")).toString();
    if (host.isEmpty() || QMessageBox::question(this, tr("Remove domain"), tr("Remove %1 from %2?").arg(host, m_app.name()))
                                  != QMessageBox::Yes)
        return;
    const QString path = m_app.path(QStringLiteral("/domains/")) +
                         PlatformClient::pathPart(domain.value(QStringLiteral("id")).toString());
    ctx().client.remove(path, this, [this, host](const Reply &r) {
        if (!r.ok())
            return ctx().fail(tr("Removing %1").arg(host), r);
        m_app.done(tr("Removed %1.").arg(host));
        load();
    });
}

} // namespace dynodesk::ideplugin
