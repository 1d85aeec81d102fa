#include "releasestab.h"

#include "editedapp.h"
#include "plugincontext.h"
#include "releasesmodel.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTableView>

namespace dynodesk::ideplugin {

ReleasesTab::ReleasesTab(EditedApp &app, QWidget *parent)
    : AppTab(app, parent), m_model(new ReleasesModel(this)), m_view(addTable(m_model, QStringLiteral("releasesTable")))
{
    auto *rollback = addButton(QStringLiteral("rollbackButton"), tr("Roll back to here"));
    auto *config = addButton(QStringLiteral("releaseConfigButton"), tr("Show config vars"));
    connect(rollback, &QPushButton::clicked, this, &ReleasesTab::rollBack);
    connect(config, &QPushButton::clicked, this, &ReleasesTab::showConfigVars);
}

void ReleasesTab::load() { loadList(QStringLiteral("releases"), m_app.path(QStringLiteral("/releases")), m_model); }

void ReleasesTab::rollBack()
{
    const QJsonObject release = selected(m_view, m_model);
    if (release.isEmpty())
        return;
    const int version = release.value(QStringLiteral("version")).toInt();
    if (QMessageBox::question(this, tr("Roll back"),
                              tr("Roll %1 back to v%2? Its code and config vars become current.").arg(m_app.name()).arg(version))
        != QMessageBox::Yes)
        return;
    const QJsonObject body{{QStringLiteral("release"), release.value(QStringLiteral("id"))}};
    ctx().client.post(m_app.path(QStringLiteral("/releases")), body, this, [this, version](const Reply &r) {
        if (!r.ok())
            return ctx().fail(tr("Rolling back to v%1").arg(version), r);
        m_app.done(tr("Rolled back to v%1 · v%2").arg(version).arg(r.object().value(QStringLiteral("version")).toInt()));
        emit m_app.refreshRequested();
    });
}

void ReleasesTab::showConfigVars()
{
    const QJsonObject release = selected(m_view, m_model);
    if (release.isEmpty())
        return;
    const int version = release.value(QStringLiteral("version")).toInt();
    const QString path = m_app.path(QStringLiteral("/releases/%1/config-vars").arg(version));
    ctx().client.get(path, this, [this, version](const Reply &r) {
        if (!r.ok())
            return ctx().fail(tr("Reading v%1's config vars").arg(version), r);
        QStringList lines;
        const QJsonObject vars = r.object();
        for (auto it = vars.begin(); it != vars.end(); ++it)
            lines << QStringLiteral("%1=%2").arg(it.key(), it.value().toString());
        QMessageBox box(QMessageBox::Information, tr("Config vars of v%1").arg(version),
                        lines.isEmpty() ? tr("No config vars.") : lines.join(QLatin1Char('\n')), QMessageBox::Ok, this);
        box.setObjectName(QStringLiteral("releaseConfigBox"));
        box.exec();
    });
}

} // namespace dynodesk::ideplugin
