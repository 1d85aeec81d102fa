#include "appeditor.h"

#include "appactions.h"
#include "client/streamreader.h"
#include "jsontablemodel.h"
#include "plugincontext.h"

#include <QCheckBox>
#include <QDesktopServices>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

namespace {

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

QPushButton *button(QWidget *parent, QHBoxLayout *row, const QString &name, const QString &text, const QString &tip = {})
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(name);
    if (!tip.isEmpty())
        b->setToolTip(tip);
    row->insertWidget(std::max(0, row->count() - 1), b); // before the stretch that ends the row
    return b;
}

// A tab made of a table over `model` and a row of buttons under it.
struct TablePage {
    QWidget *page;
    QTableView *view;
    QHBoxLayout *row;
    QPushButton *button(const QString &name, const QString &text, const QString &tip = {}) const
    {
        return ::dynodesk::ideplugin::button(page, row, name, text, tip);
    }
};

TablePage tablePage(QWidget *parent, JsonTableModel *model, const QString &name)
{
    auto *page = new QWidget(parent);
    auto *layout = new QVBoxLayout(page);
    QTableView *view = makeTable(page, model, name);
    layout->addWidget(view);
    auto *row = new QHBoxLayout;
    row->addStretch();
    layout->addLayout(row);
    return {page, view, row};
}

QString humanSize(const QJsonValue &bytes)
{
    if (bytes.isNull() || bytes.isUndefined())
        return QObject::tr("none yet");
    return QLocale().formattedDataSize(qint64(bytes.toDouble()));
}

QString when(const QJsonValue &iso)
{
    const QDateTime t = QDateTime::fromString(iso.toString(), Qt::ISODate);
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : iso.toString();
}

} // namespace

AppEditor::AppEditor(PluginContext &ctx, const QString &app, QWidget *parent)
    : QWidget(parent), m_ctx(ctx), m_app(app), m_tabs(new QTabWidget(this))
{
    setObjectName(QStringLiteral("appEditor:") + app);
    m_tabs->setObjectName(QStringLiteral("appEditorTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->addTab(makeInfo(), tr("Application Info"));
    m_tabs->addTab(makeCollaborators(), tr("Collaborators"));
    m_tabs->addTab(makeConfig(), tr("Environment Variables"));
    m_tabs->addTab(makeProcesses(), tr("Processes"));
    m_tabs->addTab(makeReleases(), tr("Releases"));
    m_tabs->addTab(makeAddons(), tr("Add-ons"));
    m_tabs->addTab(makeDomains(), tr("Domains"));
    m_tabs->addTab(makeActivity(), tr("Activity"));
    // One status line under the tabs: what the last change did, or why it failed.
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("editorStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 4);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_status);
    // The shown tab is read again every few seconds where the platform changes it by itself:
    // dynos come up, add-ons finish provisioning, builds run.
    m_poll = new QTimer(this);
    m_poll->setInterval(3000);
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (!isVisible())
            return;
        switch (m_tabs->currentIndex()) {
        case 3: loadProcesses(); break;
        case 5: loadList(QStringLiteral("addons"), path(QStringLiteral("/addons")), m_addons); break;
        case 7: loadList(QStringLiteral("activity"), path(QStringLiteral("/builds")), m_builds); break;
        default: break;
        }
    });
    m_poll->start();
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { refreshAll(); });
    refreshAll();
}

QString AppEditor::path(const QString &rest) const { return QStringLiteral("/apps/") + PlatformClient::pathPart(m_app) + rest; }

bool AppEditor::isOwner() const
{
    const QString owner = m_info.value(QStringLiteral("owner")).toObject().value(QStringLiteral("email")).toString();
    return m_ctx.accountEmail.isEmpty() || owner.isEmpty() || owner == m_ctx.accountEmail;
}

void AppEditor::refreshAll()
{
    loadInfo();
    loadList(QStringLiteral("collaborators"), path(QStringLiteral("/collaborators")), m_collaborators);
    loadConfig();
    loadProcesses();
    loadList(QStringLiteral("releases"), path(QStringLiteral("/releases")), m_releases);
    loadList(QStringLiteral("addons"), path(QStringLiteral("/addons")), m_addons);
    loadList(QStringLiteral("domains"), path(QStringLiteral("/domains")), m_domains);
    loadList(QStringLiteral("activity"), path(QStringLiteral("/builds")), m_builds);
}

void AppEditor::done(const QString &message)
{
    m_status->setText(message);
    m_ctx.report(message);
    emit changed(message);
}

QJsonObject AppEditor::selected(QTableView *view, JsonTableModel *model) const
{
    const QModelIndexList rows = view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QJsonObject() : model->item(rows.first().row());
}

void AppEditor::reportRelease(const QString &what)
{
    m_ctx.client.get(path(QStringLiteral("/releases")), this, [this, what](const Reply &r) {
        int version = 0;
        for (const QJsonValue &v : r.array())
            version = std::max(version, v[QStringLiteral("version")].toInt());
        done(version ? tr("%1 · v%2").arg(what).arg(version) : what);
        refreshAll();
    });
}

// --- Application Info ---

QWidget *AppEditor::makeInfo()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout;
    const QString names[] = {tr("Name"), tr("Web URL"), tr("Git URL"), tr("Region"), tr("Stack"),
                             tr("Owner"), tr("Slug size"), tr("Repository size"), tr("Created")};
    for (int i = 0; i < 9; ++i) {
        m_infoLabels[i] = new QLabel(page);
        m_infoLabels[i]->setObjectName(QStringLiteral("info%1").arg(i));
        m_infoLabels[i]->setTextInteractionFlags(Qt::TextBrowserInteraction);
        form->addRow(names[i] + QLatin1Char(':'), m_infoLabels[i]);
    }
    m_infoLabels[1]->setOpenExternalLinks(false);
    connect(m_infoLabels[1], &QLabel::linkActivated, this, [this](const QString &url) { m_ctx.host.openUrl(QUrl(url)); });
    m_maintenance = new QCheckBox(tr("Maintenance mode (the router answers with the maintenance page)"), page);
    m_maintenance->setObjectName(QStringLiteral("maintenanceToggle"));
    form->addRow(QString(), m_maintenance);
    layout->addLayout(form);
    auto *row = new QHBoxLayout;
    row->addStretch();
    m_rename = button(page, row, QStringLiteral("renameButton"), tr("Rename…"));
    auto *open = button(page, row, QStringLiteral("openButton"), tr("Open"));
    auto *browser = button(page, row, QStringLiteral("openBrowserButton"), tr("Open in System Browser"));
    m_destroy = button(page, row, QStringLiteral("destroyButton"), tr("Destroy…"));
    layout->addLayout(row);
    layout->addStretch();

    connect(m_maintenance, &QCheckBox::clicked, this, [this](bool on) {
        m_ctx.client.patch(path(), {{QStringLiteral("maintenance"), on}}, this, [this, on](const Reply &r) {
            if (!r.ok())
                return m_ctx.fail(tr("Maintenance mode"), r), loadInfo();
            done(on ? tr("Maintenance mode is on for %1.").arg(m_app) : tr("Maintenance mode is off for %1.").arg(m_app));
            loadInfo();
        });
    });
    connect(m_rename, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Rename %1").arg(m_app), tr("New name:"), QLineEdit::Normal, m_app, &ok).trimmed();
        if (!ok || name.isEmpty() || name == m_app)
            return;
        m_ctx.client.patch(path(), {{QStringLiteral("name"), name}}, this, [this, name](const Reply &r) {
            if (!r.ok())
                return m_ctx.fail(tr("Renaming %1").arg(m_app), r);
            const QString old = std::exchange(m_app, name);
            setObjectName(QStringLiteral("appEditor:") + name);
            done(tr("Renamed %1 to %2. Update your git remote to the new git URL.").arg(old, name));
            emit m_ctx.appsChanged();
            refreshAll();
        });
    });
    connect(open, &QPushButton::clicked, this,
            [this] { m_ctx.host.openUrl(QUrl(m_info.value(QStringLiteral("web_url")).toString())); });
    connect(browser, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl(m_info.value(QStringLiteral("web_url")).toString())); });
    connect(m_destroy, &QPushButton::clicked, this, [this] { appactions::destroy(m_ctx, m_app, this); });
    return page;
}

void AppEditor::loadInfo()
{
    m_ctx.client.get(path(), this, [this](const Reply &r) {
        if (!r.ok()) {
            m_status->setText(r.error);
            return;
        }
        m_info = r.object();
        const QString web = m_info.value(QStringLiteral("web_url")).toString();
        const QString values[] = {
                m_info.value(QStringLiteral("name")).toString(),
                QStringLiteral("<a href=\"%1\">%1</a>").arg(web.toHtmlEscaped()),
                m_info.value(QStringLiteral("git_url")).toString(),
                m_info.value(QStringLiteral("region")).toObject().value(QStringLiteral("name")).toString(),
                m_info.value(QStringLiteral("stack")).toObject().value(QStringLiteral("name")).toString(),
                m_info.value(QStringLiteral("owner")).toObject().value(QStringLiteral("email")).toString(),
                humanSize(m_info.value(QStringLiteral("slug_size"))),
                humanSize(m_info.value(QStringLiteral("repo_size"))),
                when(m_info.value(QStringLiteral("created_at")))};
        for (int i = 0; i < 9; ++i)
            m_infoLabels[i]->setText(values[i]);
        m_maintenance->setChecked(m_info.value(QStringLiteral("maintenance")).toBool());
        applyPermissions();
        emit loaded(QStringLiteral("info"));
    });
}

void AppEditor::applyPermissions()
{
    const bool owner = isOwner();
    const QString ownerEmail = m_info.value(QStringLiteral("owner")).toObject().value(QStringLiteral("email")).toString();
    const QString why = owner ? QString() : tr("Only the app's owner, %1, can do this.").arg(ownerEmail);
    for (QPushButton *b : {m_rename, m_transfer, m_destroy})
        if (b) {
            b->setEnabled(owner);
            b->setToolTip(why);
        }
}

// --- Lists ---

void AppEditor::loadList(const QString &tab, const QString &listPath, JsonTableModel *model)
{
    m_ctx.client.getCached(listPath, this, [this, tab, model](const Reply &r) {
        if (!r.ok()) {
            m_status->setText(r.error);
            return;
        }
        if (!r.notModified || model->items().isEmpty())
            model->setItems(r.array());
        emit loaded(tab);
    });
}

QWidget *AppEditor::makeCollaborators()
{
    m_collaborators = new JsonTableModel(
            {{tr("Owner"),
              [this](const QJsonObject &c, int role) -> QVariant {
                  const QString email = c.value(QStringLiteral("user")).toObject().value(QStringLiteral("email")).toString();
                  const bool owner = email == m_info.value(QStringLiteral("owner")).toObject().value(QStringLiteral("email")).toString();
                  if (role == Qt::DecorationRole && owner)
                      return QIcon::fromTheme(QStringLiteral("emblem-favorite"),
                                              style()->standardIcon(QStyle::SP_DialogApplyButton));
                  if (role == Qt::DisplayRole)
                      return owner ? tr("owner") : QString();
                  return {};
              }},
             JsonTableModel::field(tr("Email"), QStringLiteral("user.email"))},
            this);
    const TablePage tab = tablePage(this, m_collaborators, QStringLiteral("collaboratorsTable"));
    m_collaboratorsView = tab.view;
    auto *add = tab.button(QStringLiteral("addCollaborator"), QStringLiteral("+"), tr("Add a collaborator"));
    auto *remove = tab.button(QStringLiteral("removeCollaborator"), QStringLiteral("-"), tr("Remove the selected collaborator"));
    m_transfer = tab.button(QStringLiteral("makeOwner"), tr("Make owner"));
    connect(add, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString email = QInputDialog::getText(this, tr("Add collaborator"), tr("Email:"), QLineEdit::Normal, {}, &ok).trimmed();
        if (!ok || email.isEmpty())
            return;
        m_ctx.client.post(path(QStringLiteral("/collaborators")), {{QStringLiteral("user"), email}, {QStringLiteral("silent"), true}},
                          this, [this, email](const Reply &r) {
                              if (!r.ok())
                                  return m_ctx.fail(tr("Adding %1").arg(email), r);
                              done(tr("Added %1 as a collaborator.").arg(email));
                              loadList(QStringLiteral("collaborators"), path(QStringLiteral("/collaborators")), m_collaborators);
                          });
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const QString email = selected(m_collaboratorsView, m_collaborators).value(QStringLiteral("user")).toObject().value(QStringLiteral("email")).toString();
        if (email.isEmpty())
            return;
        if (QMessageBox::question(this, tr("Remove collaborator"), tr("Remove %1 from %2?").arg(email, m_app)) != QMessageBox::Yes)
            return;
        m_ctx.client.remove(path(QStringLiteral("/collaborators/")) + PlatformClient::pathPart(email), this, [this, email](const Reply &r) {
            if (!r.ok())
                return m_ctx.fail(tr("Removing %1").arg(email), r);
            done(tr("Removed %1.").arg(email));
            loadList(QStringLiteral("collaborators"), path(QStringLiteral("/collaborators")), m_collaborators);
        });
    });
    connect(m_transfer, &QPushButton::clicked, this, [this] {
        const QString email = selected(m_collaboratorsView, m_collaborators).value(QStringLiteral("user")).toObject().value(QStringLiteral("email")).toString();
        if (email.isEmpty() || email == m_ctx.accountEmail)
            return;
        if (QMessageBox::question(this, tr("Make owner"), tr("Transfer %1 to %2? They must accept the transfer.").arg(m_app, email)) != QMessageBox::Yes)
            return;
        m_ctx.client.post(QStringLiteral("/account/app-transfers"), {{QStringLiteral("app"), m_app}, {QStringLiteral("recipient"), email}},
                          this, [this, email](const Reply &r) {
                              if (!r.ok())
                                  return m_ctx.fail(tr("Transferring %1").arg(m_app), r);
                              const QString state = r.object().value(QStringLiteral("state")).toString();
                              done(state == QLatin1String("accepted") ? tr("%1 now owns %2.").arg(email, m_app)
                                                                      : tr("Transfer of %1 to %2 is %3: they must accept it.").arg(m_app, email, state));
                              refreshAll();
                          });
    });
    return tab.page;
}

// --- Environment Variables ---

QWidget *AppEditor::makeConfig()
{
    m_config = new JsonTableModel({JsonTableModel::field(tr("Key"), QStringLiteral("key")),
                                   {tr("Value"), [this](const QJsonObject &o, int role) -> QVariant {
                                        if (role != Qt::DisplayRole)
                                            return {};
                                        const QString value = o.value(QStringLiteral("value")).toString();
                                        return m_reveal ? value : QString(std::min<qsizetype>(value.size(), 12), QChar(0x2022));
                                    }}},
                                  this);
    const TablePage tab = tablePage(this, m_config, QStringLiteral("configTable"));
    m_configView = tab.view;
    auto *add = tab.button(QStringLiteral("addConfigVar"), QStringLiteral("+"), tr("Add variables: one KEY=value per line"));
    auto *edit = tab.button(QStringLiteral("editConfigVar"), tr("Edit"));
    auto *remove = tab.button(QStringLiteral("removeConfigVar"), QStringLiteral("-"));
    auto *import = tab.button(QStringLiteral("importEnv"), tr("Import .env…"));
    auto *reveal = new QCheckBox(tr("Reveal values"), tab.page);
    reveal->setObjectName(QStringLiteral("revealValues"));
    tab.row->insertWidget(tab.row->count() - 1, reveal);
    connect(reveal, &QCheckBox::toggled, this, &AppEditor::revealValues);

    // KEY=value lines (as in a .env file): blank lines and comments are skipped, quotes removed.
    auto parse = [](const QString &text) {
        QJsonObject vars;
        for (QString line : text.split(QLatin1Char('\n'))) {
            line = line.trimmed();
            if (line.startsWith(QLatin1String("export ")))
                line = line.mid(7).trimmed();
            const qsizetype eq = line.indexOf(QLatin1Char('='));
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || eq <= 0)
                continue;
            QString value = line.mid(eq + 1).trimmed();
            if (value.size() >= 2 && (value.front() == QLatin1Char('"') || value.front() == QLatin1Char('\'')) && value.back() == value.front())
                value = value.mid(1, value.size() - 2);
            vars.insert(line.left(eq).trimmed(), value);
        }
        return vars;
    };
    connect(add, &QPushButton::clicked, this, [this, parse] {
        bool ok = false;
        const QString text = QInputDialog::getMultiLineText(this, tr("Add config vars"),
                                                            tr("One KEY=value per line (you can paste several):"), {}, &ok);
        const QJsonObject vars = parse(text);
        if (ok && !vars.isEmpty())
            setConfigVars(vars, tr("Set %1 config vars").arg(vars.keys().join(QStringLiteral(", "))));
    });
    connect(edit, &QPushButton::clicked, this, [this] {
        const QJsonObject var = selected(m_configView, m_config);
        if (var.isEmpty())
            return;
        const QString key = var.value(QStringLiteral("key")).toString();
        bool ok = false;
        const QString value = QInputDialog::getText(this, tr("Edit %1").arg(key), tr("Value:"), QLineEdit::Normal,
                                                    var.value(QStringLiteral("value")).toString(), &ok);
        if (ok)
            setConfigVars({{key, value}}, tr("Set %1 config vars").arg(key));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const QString key = selected(m_configView, m_config).value(QStringLiteral("key")).toString();
        if (key.isEmpty() || QMessageBox::question(this, tr("Remove config var"), tr("Remove %1 from %2? The app restarts.").arg(key, m_app)) != QMessageBox::Yes)
            return;
        setConfigVars({{key, QJsonValue::Null}}, tr("Remove %1 config vars").arg(key));
    });
    connect(import, &QPushButton::clicked, this, [this, parse] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Import .env"), m_ctx.host.currentProject(), tr(".env files (.env *.env);;All files (*)"));
        QFile f(file);
        if (file.isEmpty() || !f.open(QIODevice::ReadOnly))
            return;
        const QJsonObject vars = parse(QString::fromUtf8(f.readAll()));
        if (!vars.isEmpty())
            setConfigVars(vars, tr("Set %1 config vars").arg(vars.keys().join(QStringLiteral(", "))));
    });
    return tab.page;
}

void AppEditor::revealValues(bool reveal)
{
    m_reveal = reveal;
    m_config->setItems(QJsonArray(m_config->items()));
}

void AppEditor::setConfigVars(const QJsonObject &changes, const QString &what)
{
    m_ctx.client.patch(path(QStringLiteral("/config-vars")), changes, this, [this, what](const Reply &r) {
        if (!r.ok())
            return m_ctx.fail(what, r);
        reportRelease(what);
    });
}

void AppEditor::loadConfig()
{
    m_ctx.client.get(path(QStringLiteral("/config-vars")), this, [this](const Reply &r) {
        if (!r.ok())
            return;
        QJsonArray rows;
        const QJsonObject vars = r.object();
        for (auto it = vars.begin(); it != vars.end(); ++it)
            rows.append(QJsonObject{{QStringLiteral("key"), it.key()}, {QStringLiteral("value"), it.value()}});
        m_config->setItems(rows);
        emit loaded(QStringLiteral("config"));
    });
}

// --- Processes ---

QWidget *AppEditor::makeProcesses()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_processes = new QTreeWidget(page);
    m_processes->setObjectName(QStringLiteral("processTree"));
    m_processes->setHeaderLabels({tr("Process type / dyno"), tr("Command"), tr("Size"), tr("Quantity"), tr("State")});
    m_processes->setRootIsDecorated(true);
    layout->addWidget(m_processes);
    auto *row = new QHBoxLayout;
    row->addStretch();
    auto *scale = button(page, row, QStringLiteral("scaleButton"), tr("Scale…"));
    auto *logs = button(page, row, QStringLiteral("processLogsButton"), tr("Logs"));
    auto *restart = button(page, row, QStringLiteral("restartButton"), tr("Restart"),
                           tr("Restarts the selected dyno, or every dyno when none is selected"));
    auto *refresh = button(page, row, QStringLiteral("processRefresh"), tr("Refresh"));
    layout->addLayout(row);
    connect(scale, &QPushButton::clicked, this, [this] { appactions::scale(m_ctx, m_app, this); });
    connect(logs, &QPushButton::clicked, this, [this] { emit m_ctx.logsRequested(m_app); });
    connect(restart, &QPushButton::clicked, this, [this] {
        const QTreeWidgetItem *item = m_processes->currentItem();
        const QString dyno = item && item->parent() ? item->text(0) : QString();
        appactions::restart(m_ctx, m_app, this, dyno);
    });
    connect(refresh, &QPushButton::clicked, this, &AppEditor::loadProcesses);
    connect(&m_ctx, &PluginContext::appsChanged, this, &AppEditor::loadProcesses);
    return page;
}

void AppEditor::loadProcesses()
{
    m_ctx.client.get(path(QStringLiteral("/formation")), this, [this](const Reply &formation) {
        if (!formation.ok())
            return;
        m_ctx.client.get(path(QStringLiteral("/dynos")), this, [this, types = formation.array()](const Reply &dynos) {
            if (!dynos.ok())
                return;
            const QString current = m_processes->currentItem() ? m_processes->currentItem()->text(0) : QString();
            m_processes->clear();
            for (const QJsonValue &t : types) {
                const QJsonObject f = t.toObject();
                const QString type = f.value(QStringLiteral("type")).toString();
                auto *item = new QTreeWidgetItem(m_processes, {type, f.value(QStringLiteral("command")).toString(),
                                                               f.value(QStringLiteral("size")).toString(),
                                                               QString::number(f.value(QStringLiteral("quantity")).toInt())});
                QStringList states;
                for (const QJsonValue &d : dynos.array()) {
                    const QJsonObject dyno = d.toObject();
                    if (dyno.value(QStringLiteral("type")).toString() != type)
                        continue;
                    const QString state = dyno.value(QStringLiteral("state")).toString();
                    auto *child = new QTreeWidgetItem(item, {dyno.value(QStringLiteral("name")).toString(),
                                                             dyno.value(QStringLiteral("command")).toString(),
                                                             dyno.value(QStringLiteral("size")).toString(), QString(),
                                                             tr("%1 since %2").arg(state, when(dyno.value(QStringLiteral("updated_at"))))});
                    child->setData(4, Qt::UserRole, state);
                    states << state;
                }
                item->setText(4, states.join(QStringLiteral(", ")));
                item->setExpanded(true);
            }
            for (QTreeWidgetItemIterator it(m_processes); *it; ++it)
                if ((*it)->text(0) == current)
                    m_processes->setCurrentItem(*it);
            for (int c = 0; c < 4; ++c)
                m_processes->resizeColumnToContents(c);
            emit loaded(QStringLiteral("processes"));
        });
    });
}

// --- Releases ---

QWidget *AppEditor::makeReleases()
{
    m_releases = new JsonTableModel(
            {{tr("Version"), [](const QJsonObject &o, int role) -> QVariant {
                  if (role == Qt::DisplayRole)
                      return QStringLiteral("v%1").arg(o.value(QStringLiteral("version")).toInt());
                  if (role == Qt::UserRole)
                      return o.value(QStringLiteral("version")).toInt();
                  return {};
              }},
             JsonTableModel::field(tr("Description"), QStringLiteral("description")),
             JsonTableModel::field(tr("User"), QStringLiteral("user.email")),
             {tr("Time"), [](const QJsonObject &o, int role) -> QVariant {
                  return role == Qt::DisplayRole ? QVariant(when(o.value(QStringLiteral("created_at")))) : QVariant();
              }}},
            this);
    const TablePage tab = tablePage(this, m_releases, QStringLiteral("releasesTable"));
    m_releasesView = tab.view;
    auto *rollback = tab.button(QStringLiteral("rollbackButton"), tr("Roll back to here"));
    auto *config = tab.button(QStringLiteral("releaseConfigButton"), tr("Show config vars"));
    connect(rollback, &QPushButton::clicked, this, [this] {
        const QJsonObject release = selected(m_releasesView, m_releases);
        if (release.isEmpty())
            return;
        const int version = release.value(QStringLiteral("version")).toInt();
        if (QMessageBox::question(this, tr("Roll back"), tr("Roll %1 back to v%2? Its code and config vars become current.").arg(m_app).arg(version))
            != QMessageBox::Yes)
            return;
        m_ctx.client.post(path(QStringLiteral("/releases")), {{QStringLiteral("release"), release.value(QStringLiteral("id"))}}, this,
                          [this, version](const Reply &r) {
                              if (!r.ok())
                                  return m_ctx.fail(tr("Rolling back to v%1").arg(version), r);
                              done(tr("Rolled back to v%1 · v%2").arg(version).arg(r.object().value(QStringLiteral("version")).toInt()));
                              refreshAll();
                          });
    });
    connect(config, &QPushButton::clicked, this, [this] {
        const QJsonObject release = selected(m_releasesView, m_releases);
        if (release.isEmpty())
            return;
        const int version = release.value(QStringLiteral("version")).toInt();
        m_ctx.client.get(path(QStringLiteral("/releases/%1/config-vars").arg(version)), this, [this, version](const Reply &r) {
            if (!r.ok())
                return m_ctx.fail(tr("Reading v%1's config vars").arg(version), r);
            QStringList lines;
            const QJsonObject vars = r.object();
            for (auto it = vars.begin(); it != vars.end(); ++it)
                lines << QStringLiteral("%1=%2").arg(it.key(), it.value().toString());
            QMessageBox box(QMessageBox::Information, tr("Config vars of v%1").arg(version),
                            lines.isEmpty() ? tr("No config vars.") : lines.join(QLatin1Char('\n')), QMessageBox::Ok, this);
            box.setObjectName(QStringLiteral("releaseConfigBox"));
            box.exec();
        });
    });
    return tab.page;
}

// --- Add-ons ---

QWidget *AppEditor::makeAddons()
{
    m_addons = new JsonTableModel({JsonTableModel::field(tr("Name"), QStringLiteral("name")),
                                   JsonTableModel::field(tr("Plan"), QStringLiteral("plan.name")),
                                   JsonTableModel::field(tr("State"), QStringLiteral("state")),
                                   {tr("Config vars"), [](const QJsonObject &o, int role) -> QVariant {
                                        if (role != Qt::DisplayRole)
                                            return {};
                                        QStringList vars;
                                        for (const QJsonValue &v : o.value(QStringLiteral("config_vars")).toArray())
                                            vars << v.toString();
                                        return vars.join(QStringLiteral(", "));
                                    }}},
                                  this);
    const TablePage tab = tablePage(this, m_addons, QStringLiteral("addonsTable"));
    m_addonsView = tab.view;
    auto *add = tab.button(QStringLiteral("addPostgres"), tr("Add Postgres…"));
    auto *remove = tab.button(QStringLiteral("removeAddon"), tr("Remove…"));
    connect(add, &QPushButton::clicked, this, [this] {
        m_ctx.client.get(QStringLiteral("/addon-services/heroku-postgresql/plans"), this, [this](const Reply &r) {
            if (!r.ok())
                return m_ctx.fail(tr("Reading the Postgres plans"), r);
            QStringList plans;
            for (const QJsonValue &v : r.array())
                plans << QStringLiteral("%1 — %2").arg(v[QStringLiteral("name")].toString(), v[QStringLiteral("description")].toString());
            bool ok = false;
            const QString choice = QInputDialog::getItem(this, tr("Add Postgres"), tr("Plan:"), plans, 0, false, &ok);
            if (!ok)
                return;
            const QString plan = choice.section(QStringLiteral(" — "), 0, 0);
            m_ctx.client.post(path(QStringLiteral("/addons")), {{QStringLiteral("plan"), plan}}, this, [this, plan](const Reply &a) {
                if (!a.ok())
                    return m_ctx.fail(tr("Adding %1").arg(plan), a);
                done(tr("Creating %1 on %2: %3").arg(a.object().value(QStringLiteral("name")).toString(), m_app,
                                                       a.object().value(QStringLiteral("state")).toString()));
                refreshAll();
            });
        });
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const QJsonObject addon = selected(m_addonsView, m_addons);
        const QString name = addon.value(QStringLiteral("name")).toString();
        if (name.isEmpty() || !appactions::confirmByTyping(this, tr("Remove %1").arg(name),
                                                           tr("This destroys %1 and all its data.").arg(name), name))
            return;
        m_ctx.client.remove(path(QStringLiteral("/addons/")) + PlatformClient::pathPart(name), this, [this, name](const Reply &r) {
            if (!r.ok())
                return m_ctx.fail(tr("Removing %1").arg(name), r);
            done(tr("Removed %1.").arg(name));
            refreshAll();
        });
    });
    return tab.page;
}

// --- Domains ---

QWidget *AppEditor::makeDomains()
{
    m_domains = new JsonTableModel({JsonTableModel::field(tr("Hostname"), QStringLiteral("hostname")),
                                    JsonTableModel::field(tr("Kind"), QStringLiteral("kind")),
                                    JsonTableModel::field(tr("CNAME target"), QStringLiteral("cname")),
                                    JsonTableModel::field(tr("Status"), QStringLiteral("status"))},
                                   this);
    const TablePage tab = tablePage(this, m_domains, QStringLiteral("domainsTable"));
    m_domainsView = tab.view;
    auto *add = tab.button(QStringLiteral("addDomain"), tr("Add…"));
    auto *remove = tab.button(QStringLiteral("removeDomain"), tr("Remove"));
    connect(add, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString host = QInputDialog::getText(this, tr("Add domain"), tr("Hostname (e.g. www.example.test or *.example.test):"),
                                                   QLineEdit::Normal, {}, &ok).trimmed();
        if (!ok || host.isEmpty())
            return;
        m_ctx.client.post(path(QStringLiteral("/domains")), {{QStringLiteral("hostname"), host}}, this, [this, host](const Reply &r) {
            if (!r.ok())
                return m_ctx.fail(tr("Adding %1").arg(host), r);
            done(tr("Added %1: point its CNAME at %2.").arg(host, r.object().value(QStringLiteral("cname")).toString()));
            loadList(QStringLiteral("domains"), path(QStringLiteral("/domains")), m_domains);
        });
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const QJsonObject domain = selected(m_domainsView, m_domains);
        const QString host = domain.value(QStringLiteral("hostname")).toString();
        if (host.isEmpty() || QMessageBox::question(this, tr("Remove domain"), tr("Remove %1 from %2?").arg(host, m_app)) != QMessageBox::Yes)
            return;
        m_ctx.client.remove(path(QStringLiteral("/domains/")) + PlatformClient::pathPart(domain.value(QStringLiteral("id")).toString()), this,
                            [this, host](const Reply &r) {
                                if (!r.ok())
                                    return m_ctx.fail(tr("Removing %1").arg(host), r);
                                done(tr("Removed %1.").arg(host));
                                loadList(QStringLiteral("domains"), path(QStringLiteral("/domains")), m_domains);
                            });
    });
    return tab.page;
}

// --- Activity ---

QWidget *AppEditor::makeActivity()
{
    auto *page = new QSplitter(Qt::Vertical, this);
    m_builds = new JsonTableModel(
            {{tr("Status"), [](const QJsonObject &o, int role) -> QVariant {
                  const QString status = o.value(QStringLiteral("status")).toString();
                  if (role == Qt::DisplayRole)
                      return status;
                  if (role == Qt::ForegroundRole)
                      return status == QLatin1String("failed") ? QColor(0xb0, 0, 0x20)
                             : status == QLatin1String("succeeded") ? QColor(0x1b, 0x7f, 0x3b) : QVariant();
                  return {};
              }},
             {tr("Started"), [](const QJsonObject &o, int role) -> QVariant {
                  return role == Qt::DisplayRole ? QVariant(when(o.value(QStringLiteral("created_at")))) : QVariant();
              }},
             JsonTableModel::field(tr("User"), QStringLiteral("user.email")),
             JsonTableModel::field(tr("Release"), QStringLiteral("release.id"))},
            this);
    m_buildsView = makeTable(page, m_builds, QStringLiteral("buildsTable"));
    m_buildOutput = new QPlainTextEdit(page);
    m_buildOutput->setObjectName(QStringLiteral("buildOutput"));
    m_buildOutput->setReadOnly(true);
    m_buildOutput->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_buildOutput->setPlaceholderText(tr("Select a build to see its output."));
    page->addWidget(m_buildsView);
    page->addWidget(m_buildOutput);
    connect(m_buildsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &index) {
                if (index.isValid())
                    showBuild(m_builds->item(index.row()));
            });
    // The model is reset by each refresh: keep following the build that was selected.
    return page;
}

void AppEditor::showBuild(const QJsonObject &build)
{
    delete m_buildStream;
    m_buildOutput->clear();
    const QString url = build.value(QStringLiteral("output_stream_url")).toString();
    if (url.isEmpty())
        return;
    m_buildStream = new StreamReader(m_ctx.client.network(), QUrl(url), StreamReader::Format::PlainText, this);
    connect(m_buildStream, &StreamReader::line, m_buildOutput, &QPlainTextEdit::appendPlainText);
    connect(m_buildStream, &StreamReader::finished, this, [this](const QString &error) {
        if (!error.isEmpty())
            m_buildOutput->appendPlainText(tr("[the output stream broke: %1]").arg(error));
        emit loaded(QStringLiteral("buildOutput"));
    });
    m_buildStream->start();
}

} // namespace dynodesk::ideplugin
