#include "appsview.h"

#include "appactions.h"
#include "appsmodel.h"
#include "plugincontext.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace dynodesk::ideplugin {

AppsView::AppsView(PluginContext &ctx, QWidget *parent)
    : QWidget(parent), m_ctx(ctx), m_model(new AppsModel(ctx, this)), m_teamProxy(new QSortFilterProxyModel(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_table(new QTableView(this)), m_filter(new QLineEdit(this)),
      m_teamSwitcher(new QComboBox(this)), m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("myAppsView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *top = new QHBoxLayout;
    m_teamSwitcher->setObjectName(QStringLiteral("teamSwitcher"));
    m_teamSwitcher->setToolTip(tr("Show all apps, your personal apps or one team's apps"));
    m_teamSwitcher->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    fillTeamSwitcher();
    connect(m_model, &AppsModel::teamsChanged, this, &AppsView::fillTeamSwitcher);
    connect(m_teamSwitcher, &QComboBox::currentIndexChanged, this, &AppsView::showTeam);
    top->addWidget(m_teamSwitcher);
    m_filter->setObjectName(QStringLiteral("appsFilter"));
    m_filter->setPlaceholderText(tr("Filter apps"));
    m_filter->setClearButtonEnabled(true);
    top->addWidget(m_filter);
    auto *refresh = new QToolButton(this);
    refresh->setObjectName(QStringLiteral("appsRefresh"));
    refresh->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    refresh->setText(tr("Refresh"));
    refresh->setToolTip(tr("Refresh the list"));
    connect(refresh, &QToolButton::clicked, m_model, &AppsModel::refresh);
    top->addWidget(refresh);
    layout->addLayout(top);

    // The team switcher's proxy under the filter box's.
    m_teamProxy->setSourceModel(m_model);
    m_teamProxy->setFilterRole(AppsModel::TeamRole);
    m_teamProxy->setFilterKeyColumn(AppsModel::Team);
    m_proxy->setSourceModel(m_teamProxy);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1); // any column
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    m_table->setObjectName(QStringLiteral("appsTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AppsModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_table->indexAt(pos);
        if (!index.isValid())
            return;
        m_table->selectRow(index.row());
        QMenu *menu = contextMenuFor(index.data(Qt::UserRole).toString());
        menu->popup(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { emit m_ctx.appInfoRequested(index.data(Qt::UserRole).toString()); });
    layout->addWidget(m_table);
    m_status->setObjectName(QStringLiteral("appsStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    connect(m_model, &AppsModel::failed, m_status, &QLabel::setText);
    connect(m_model, &AppsModel::refreshed, this, [this] {
        showCount();
        m_table->resizeColumnsToContents();
    });
    // A padlock or a state arriving later widens its column.
    connect(m_model, &AppsModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        for (int column = from.column(); column <= to.column(); ++column)
            m_table->resizeColumnToContents(column);
    });
    connect(m_filter, &QLineEdit::textChanged, this, &AppsView::showCount);
}

void AppsView::fillTeamSwitcher()
{
    // An item's data is the team shown: none for all apps, "" for personal apps, else its name.
    const QVariant shown = m_teamSwitcher->currentData();
    QSignalBlocker quiet(m_teamSwitcher);
    m_teamSwitcher->clear();
    m_teamSwitcher->addItem(tr("All apps"));
    m_teamSwitcher->addItem(tr("Personal apps"), QString());
    for (const QString &team : m_model->teams())
        m_teamSwitcher->addItem(tr("Team %1").arg(team), team);
    const int keep = shown.isValid() ? m_teamSwitcher->findData(shown) : 0;
    m_teamSwitcher->setCurrentIndex(std::max(0, keep));
    if (keep < 0) // the team shown is gone
        showTeam(0);
}

void AppsView::showTeam(int index)
{
    const QVariant team = m_teamSwitcher->itemData(index);
    m_teamProxy->setFilterRegularExpression(
            team.isValid() ? QRegularExpression(QRegularExpression::anchoredPattern(
                                     QRegularExpression::escape(team.toString())))
                           : QRegularExpression());
    showCount();
}

// How many apps the list shows (the team switcher and the filter box narrow it).
void AppsView::showCount() { m_status->setText(tr("%n app(s)", nullptr, m_proxy->rowCount())); }

QString AppsView::selectedApp() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(Qt::UserRole).toString();
}

QMenu *AppsView::contextMenuFor(const QString &app)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("appContextMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    auto add = [menu](const QString &name, const QString &text, auto slot) {
        QAction *a = menu->addAction(text, slot);
        a->setObjectName(name);
        return a;
    };
    const AppsModel::Row *row = m_model->find(app);
    const QString owner = row ? row->app.value(QStringLiteral("owner")).toObject().value(QStringLiteral("email")).toString()
                              : QString();
    add(QStringLiteral("refreshAction"), tr("Refresh"), [this] { m_model->refresh(); });
    add(QStringLiteral("appInfoAction"), tr("App Info"), [this, app] { emit m_ctx.appInfoRequested(app); });
    add(QStringLiteral("importAction"), tr("Import"), [this, app] { emit m_ctx.importRequested(app); });
    add(QStringLiteral("deployAction"), tr("Deploy..."), [this, app] { emit m_ctx.deployRequested(app); });
    add(QStringLiteral("openAction"), tr("Open"), [this, app] { open(app, false); });
    add(QStringLiteral("restartAction"), tr("Restart"), [this, app] { appactions::restart(m_ctx, app, this); });
    add(QStringLiteral("logsAction"), tr("View logs"), [this, app] { emit m_ctx.logsRequested(app); });
    add(QStringLiteral("scaleAction"), tr("Scale"), [this, app] { appactions::scale(m_ctx, app, this); });
    QAction *destroy = add(QStringLiteral("destroyAction"), tr("Destroy"), [this, app] { appactions::destroy(m_ctx, app, this); });
    const bool teamApp = row && !row->team().isEmpty(); // the platform decides by role and permissions
    if (!m_ctx.accountEmail.isEmpty() && !owner.isEmpty() && owner != m_ctx.accountEmail && !teamApp) {
        destroy->setEnabled(false);
        destroy->setToolTip(tr("Only the app's owner, %1, can destroy it.").arg(owner));
        menu->setToolTipsVisible(true);
    }
    menu->addSeparator();
    add(QStringLiteral("openBrowserAction"), tr("Open in System Browser"), [this, app] { open(app, true); });
    return menu;
}

void AppsView::open(const QString &app, bool systemBrowser)
{
    const AppsModel::Row *row = m_model->find(app);
    if (!row)
        return;
    const QUrl url(row->app.value(QStringLiteral("web_url")).toString());
    if (systemBrowser)
        QDesktopServices::openUrl(url);
    else
        m_ctx.host.openUrl(url);
}

} // namespace dynodesk::ideplugin
