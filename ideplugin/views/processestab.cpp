#include "processestab.h"

#include "appactions.h"
#include "displaytext.h"
#include "editedapp.h"
#include "plugincontext.h"

#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

ProcessesTab::ProcessesTab(EditedApp &app, QWidget *parent) : AppTab(app, parent), m_tree(new QTreeWidget(this))
{
    m_tree->setObjectName(QStringLiteral("processTree"));
    m_tree->setHeaderLabels({tr("Process type / dyno"), tr("Command"), tr("Size"), tr("Quantity"), tr("State")});
    m_tree->setRootIsDecorated(true);
    pageLayout()->addWidget(m_tree);
    auto *scale = addButton(QStringLiteral("scaleButton"), tr("Scale…"));
    auto *logs = addButton(QStringLiteral("processLogsButton"), tr("Logs"));
    auto *restart = addButton(QStringLiteral("restartButton"), tr("Restart"),
                              tr("Restarts the selected dyno, or every dyno when none is selected"));
    auto *refresh = addButton(QStringLiteral("processRefresh"), tr("Refresh"));
    connect(scale, &QPushButton::clicked, this, [this] { appactions::scale(ctx(), m_app.name(), this); });
    connect(logs, &QPushButton::clicked, this, [this] { emit ctx().logsRequested(m_app.name()); });
    connect(restart, &QPushButton::clicked, this, [this] {
        const QTreeWidgetItem *item = m_tree->currentItem();
        const QString dyno = item && item->parent() ? item->text(0) : QString();
        appactions::restart(ctx(), m_app.name(), this, dyno);
    });
    connect(refresh, &QPushButton::clicked, this, &ProcessesTab::load);
    connect(&ctx(), &PluginContext::appsChanged, this, &ProcessesTab::load);
}

void ProcessesTab::load()
{
    ctx().client.get(m_app.path(QStringLiteral("/formation")), this, [this](const Reply &formation) {
        if (!formation.ok())
            return;
        ctx().client.get(m_app.path(QStringLiteral("/dynos")), this, [this, types = formation.array()](const Reply &dynos) {
            if (!dynos.ok())
                return;
            show(types, dynos.array());
            emit m_app.loaded(QStringLiteral("processes"));
        });
    });
}

void ProcessesTab::show(const QJsonArray &formation, const QJsonArray &dynos)
{
    auto text = [](const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toString(); };
    const QString current = m_tree->currentItem() ? m_tree->currentItem()->text(0) : QString();
    m_tree->clear();
    for (const QJsonValue &t : formation) {
        const QJsonObject f = t.toObject();
        const QString type = text(f, "type");
        if (type == QLatin1String("release"))
            continue; // the release phase runs once per release, as the dashboard's Resources shows
        auto *item = new QTreeWidgetItem(m_tree, {type, text(f, "command"), text(f, "size"),
                                                  QString::number(f.value(QStringLiteral("quantity")).toInt())});
        QStringList states;
        for (const QJsonValue &d : dynos) {
            const QJsonObject dyno = d.toObject();
            if (text(dyno, "type") != type)
                continue;
            const QString state = text(dyno, "state");
            auto *child = new QTreeWidgetItem(
                    item, {text(dyno, "name"), text(dyno, "command"), text(dyno, "size"), QString(),
                           tr("%1 since %2").arg(state, displayTime(dyno.value(QStringLiteral("updated_at"))))});
            child->setData(4, Qt::UserRole, state);
            states << state;
        }
        item->setText(4, states.join(QStringLiteral(", ")));
        item->setExpanded(true);
    }
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        if ((*it)->text(0) == current)
            m_tree->setCurrentItem(*it);
    for (int c = 0; c < 4; ++c)
        m_tree->resizeColumnToContents(c);
}

} // namespace dynodesk::ideplugin
