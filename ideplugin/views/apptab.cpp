#include "apptab.h"

#include "editedapp.h"
#include "jsontablemodel.h"
#include "plugincontext.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

QTableView *makeTable(QWidget *parent, JsonTableModel *model, const QString &name)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAlternatingRowColors(true);
    return view;
}

AppTab::AppTab(EditedApp &app, QWidget *parent) : QWidget(parent), m_app(app), m_layout(new QVBoxLayout(this)) {}

PluginContext &AppTab::ctx() const { return m_app.ctx(); }

QTableView *AppTab::addTable(JsonTableModel *model, const QString &name)
{
    QTableView *view = makeTable(this, model, name);
    m_layout->addWidget(view);
    return view;
}

QHBoxLayout *AppTab::buttonRow()
{
    if (!m_row) {
        m_row = new QHBoxLayout;
        m_row->addStretch();
        m_layout->addLayout(m_row);
    }
    return m_row;
}

QPushButton *AppTab::addButton(const QString &name, const QString &text, const QString &tip)
{
    auto *b = new QPushButton(text, this);
    b->setObjectName(name);
    if (!tip.isEmpty())
        b->setToolTip(tip);
    addToButtonRow(b);
    return b;
}

void AppTab::addToButtonRow(QWidget *widget)
{
    QHBoxLayout *row = buttonRow();
    row->insertWidget(std::max(0, row->count() - 1), widget); // before the stretch that ends the row
}

void AppTab::loadList(const QString &tab, const QString &path, JsonTableModel *model)
{
    ctx().client.getCached(path, this, [this, tab, model](const Reply &r) {
        if (!r.ok())
            return m_app.showError(r.error);
        if (!r.notModified || model->items().isEmpty())
            model->setItems(r.array());
        emit m_app.loaded(tab);
    });
}

QJsonObject AppTab::selected(const QTableView *view, const JsonTableModel *model)
{
    const QModelIndexList rows = view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QJsonObject() : model->item(rows.first().row());
}

} // namespace dynodesk::ideplugin
