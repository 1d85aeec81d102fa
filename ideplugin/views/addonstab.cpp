#include "addonstab.h"

#include "addonsmodel.h"
#include "appactions.h"
#include "editedapp.h"
#include "plugincontext.h"

#include <QInputDialog>
#include <QPushButton>
#include <QTableView>

namespace dynodesk::ideplugin {

AddonsTab::AddonsTab(EditedApp &app, QWidget *parent)
    : AppTab(app, parent), m_model(new AddonsModel(this)), m_view(addTable(m_model, QStringLiteral("addonsTable")))
{
    auto *add = addButton(QStringLiteral("addPostgres"), tr("Add Postgres…"));
    auto *remove = addButton(QStringLiteral("removeAddon"), tr("Remove…"));
    connect(add, &QPushButton::clicked, this, &AddonsTab::addPostgres);
    connect(remove, &QPushButton::clicked, this, &AddonsTab::removeSelected);
}

void AddonsTab::load() { loadList(QStringLiteral("addons"), m_app.path(QStringLiteral("/addons")), m_model); }

void AddonsTab::addPostgres()
{
    ctx().client.get(QStringLiteral("/addon-services/heroku-postgresql/plans"), this, [this](const Reply &r) {
        if (!r.ok())
            return ctx().fail(tr("Reading the Postgres plans"), r);
        QStringList plans;
        for (const QJsonValue &v : r.array())
            plans << QStringLiteral("%1 — %2").arg(v[QStringLiteral("name")].toString(),
                                                   v[QStringLiteral("description")].toString());
        bool ok = false;
        const QString choice = QInputDialog::getItem(this, tr("Add Postgres"), tr("Plan:"), plans, 0, false, &ok);
        if (ok)
            create(choice.section(QStringLiteral(" — "), 0, 0));
    });
}

void AddonsTab::create(const QString &plan)
{
    ctx().client.post(m_app.path(QStringLiteral("/addons")), {{QStringLiteral("plan"), plan}}, this,
                      [this, plan](const Reply &a) {
                          if (!a.ok())
                              return ctx().fail(tr("Adding %1").arg(plan), a);
                          m_app.done(tr("Creating %1 on %2: %3")
                                             .arg(a.object().value(QStringLiteral("name")).toString(), m_app.name(),
                                                  a.object().value(QStringLiteral("state")).toString()));
                          emit m_app.refreshRequested();
                      });
}

void AddonsTab::removeSelected()
{
    const QString name = selected(m_view, m_model).value(QStringLiteral("name")).toString();
    if (name.isEmpty() || !appactions::confirmByTyping(this, tr("Remove %1").arg(name),
                                                       tr("This destroys %1 and all its data.").arg(name), name))
        return;
    ctx().client.remove(m_app.path(QStringLiteral("/addons/")) + PlatformClient::pathPart(name), this,
                        [this, name](const Reply &r) {
                            if (!r.ok())
                                return ctx().fail(tr("Removing %1").arg(name), r);
                            m_app.done(tr("Removed %1.").arg(name));
                            emit m_app.refreshRequested();
                        });
}

} // namespace dynodesk::ideplugin
