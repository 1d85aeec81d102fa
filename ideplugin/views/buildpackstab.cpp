#include "buildpackstab.h"

#include "addbuildpackdialog.h"
#include "buildpacksmodel.h"
#include "editedapp.h"
#include "plugincontext.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

// A field of an installation's buildpack: `name` (the registry name or the URL) or `url`.
static QString buildpackField(const QJsonObject &installation, const char *field)
{
    return installation.value(QStringLiteral("buildpack")).toObject().value(QLatin1String(field)).toString();
}

BuildpacksTab::BuildpacksTab(EditedApp &app, QWidget *parent)
    : AppTab(app, parent), m_model(new BuildpacksModel(this)), m_view(addTable(m_model, QStringLiteral("buildpacksTable")))
{
    auto *note = new QLabel(tr("Buildpacks run in this order when the app is built. Changes apply to the next build: "
                               "push again (or make a new build) to use them. With no buildpack set, the build "
                               "detects one."),
                            this);
    note->setObjectName(QStringLiteral("buildpacksNote"));
    note->setWordWrap(true);
    pageLayout()->insertWidget(0, note);
    m_view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto *add = addButton(QStringLiteral("addBuildpack"), tr("Add buildpack…"));
    auto *remove = addButton(QStringLiteral("removeBuildpack"), tr("Remove"));
    auto *up = addButton(QStringLiteral("moveBuildpackUp"), tr("Move up"));
    auto *down = addButton(QStringLiteral("moveBuildpackDown"), tr("Move down"));
    auto *clear = addButton(QStringLiteral("clearBuildCache"), tr("Clear build cache…"),
                            tr("Delete the cache that builds reuse (dependencies, compiled assets)"));
    connect(add, &QPushButton::clicked, this, &BuildpacksTab::add);
    connect(remove, &QPushButton::clicked, this, &BuildpacksTab::removeSelected);
    connect(up, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveSelected(1); });
    connect(clear, &QPushButton::clicked, this, &BuildpacksTab::clearCache);
}

void BuildpacksTab::load()
{
    loadList(QStringLiteral("buildpacks"), m_app.path(QStringLiteral("/buildpack-installations")), m_model);
}

QStringList BuildpacksTab::urls() const
{
    QStringList out;
    for (int row = 0; row < m_model->rowCount(); ++row)
        out << buildpackField(m_model->item(row), "url");
    return out;
}

void BuildpacksTab::install(const QStringList &list, const QString &message, int select)
{
    QJsonArray updates;
    for (const QString &url : list)
        updates.append(QJsonObject{{QStringLiteral("buildpack"), url}});
    ctx().client.put(m_app.path(QStringLiteral("/buildpack-installations")), {{QStringLiteral("updates"), updates}}, this,
                     [this, message, select](const Reply &r) {
                         if (!r.ok())
                             return ctx().fail(tr("Changing the buildpacks of %1").arg(m_app.name()), r);
                         m_model->setItems(r.array());
                         if (select >= 0 && select < m_model->rowCount())
                             m_view->selectRow(select);
                         m_app.done(message);
                     });
}

void BuildpacksTab::add()
{
    auto *dialog = new AddBuildpackDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The registry's buildpacks: the emulator answers them on its API; elsewhere the list may
    // stay empty and a URL can still be typed.
    ctx().client.get(QStringLiteral("/buildpacks"), dialog, [dialog](const Reply &r) {
        if (r.ok())
            dialog->setRegistry(r.array());
    });
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString buildpack = dialog->buildpack();
        install(urls() << buildpack, tr("Added %1: it applies to the next build.").arg(buildpack), m_model->rowCount());
    });
    dialog->open();
}

void BuildpacksTab::removeSelected()
{
    const QJsonObject row = selected(m_view, m_model);
    if (row.isEmpty())
        return;
    const QString name = buildpackField(row, "name");
    if (QMessageBox::question(this, tr("Remove buildpack"), tr("Remove %1 from %2?").arg(name, m_app.name()))
        != QMessageBox::Yes)
        return;
    QStringList list = urls();
    list.removeAt(row.value(QStringLiteral("ordinal")).toInt());
    install(list, tr("Removed %1: it applies to the next build.").arg(name));
}

void BuildpacksTab::moveSelected(int by)
{
    const QJsonObject row = selected(m_view, m_model);
    const int from = row.value(QStringLiteral("ordinal")).toInt(-1);
    const int to = from + by;
    if (row.isEmpty() || from < 0 || to < 0 || to >= m_model->rowCount())
        return;
    QStringList list = urls();
    list.move(from, to);
    const QString name = buildpackField(row, "name");
    install(list, tr("Moved %1 to position %2: it applies to the next build.").arg(name).arg(to + 1), to);
}

void BuildpacksTab::clearCache()
{
    if (QMessageBox::question(this, tr("Clear build cache"),
                              tr("Clear the build cache of %1? The next build starts without it and may take "
                                 "longer.")
                                      .arg(m_app.name()))
        != QMessageBox::Yes)
        return;
    ctx().client.remove(m_app.path(QStringLiteral("/build-cache")), this, [this](const Reply &r) {
        if (!r.ok())
            return ctx().fail(tr("Clearing the build cache of %1").arg(m_app.name()), r);
        m_app.done(tr("Cleared the build cache of %1.").arg(m_app.name()));
    });
}

} // namespace dynodesk::ideplugin
