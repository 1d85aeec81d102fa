#include "importdialog.h"

#include "gitjob.h"
#include "plugincontext.h"
#include "wizardsettings.h"

#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace dynodesk::ideplugin {

enum Column { NameColumn, RepositoryColumn, OwnerColumn };

ImportDialog::ImportDialog(PluginContext &ctx, const QString &preselectedApp, QWidget *parent)
    : QDialog(parent), m_ctx(ctx), m_preselected(preselectedApp), m_job(new GitJob(this))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import App"));
    buildUi();
    connect(m_job, &GitJob::finished, this, [this](const git::Result &r) { cloneFinished(r.ok, r.error); });
    loadApps();
}

ImportDialog::~ImportDialog()
{
    m_job->disconnect(this);
    delete m_job;
}

bool ImportDialog::isRunning() const { return m_job->isRunning(); }

void ImportDialog::buildUi()
{
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("appList"));
    m_list->setHeaderLabels({tr("App"), tr("Repository"), tr("Owner")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->header()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(RepositoryColumn, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &ImportDialog::updateTarget);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        if (item && !item->isDisabled())
            startImport();
    });

    auto *form = new QFormLayout;
    const wizardsettings::FolderRow folder = wizardsettings::addFolderRow(form, this, m_ctx.host.currentProject(), tr("Folder for the Imported Project"));
    m_folder = folder.edit;
    m_browse = folder.browse;
    m_target = folder.target;
    connect(m_folder, &QLineEdit::textChanged, this, &ImportDialog::updateTarget);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(12);
    m_progress->hide();

    m_import = new QPushButton(tr("Import"), this);
    m_import->setObjectName(QStringLiteral("importButton"));
    m_import->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_cancel, &QPushButton::clicked, this, &ImportDialog::reject);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_import);
    buttons->addWidget(m_cancel);

    auto *intro = new QLabel(tr("Choose an app: its repository is cloned into the folder below and opened as the "
                                "project, with the app as its \"heroku\" remote."), this);
    intro->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    resize(640, 460);
    updateTarget();
}

void ImportDialog::loadApps()
{
    setRunning(true);
    setStatus(tr("Reading your apps…"));
    m_ctx.client.get(QStringLiteral("/apps"), this, [this](const Reply &reply) {
        setRunning(false);
        if (!reply.ok())
            return setStatus(tr("Your apps could not be read: %1").arg(reply.error), true);
        fillApps(reply.array());
        emit appsLoaded();
    });
}

void ImportDialog::fillApps(const QJsonArray &apps)
{
    QList<QJsonObject> sorted;
    for (const auto &value : apps)
        sorted.append(value.toObject());
    std::sort(sorted.begin(), sorted.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(QStringLiteral("name")).toString() < b.value(QStringLiteral("name")).toString();
    });
    m_list->clear();
    QTreeWidgetItem *current = nullptr;
    for (const QJsonObject &app : sorted) {
        const QString name = app.value(QStringLiteral("name")).toString();
        const qint64 repoSize = app.value(QStringLiteral("repo_size")).toInteger(0);
        const QString gitUrl = app.value(QStringLiteral("git_url")).toString();
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(NameColumn, name);
        item->setText(OwnerColumn, app.value(QStringLiteral("owner")).toObject().value(QStringLiteral("email")).toString());
        item->setData(NameColumn, Qt::UserRole, gitUrl);
        if (repoSize > 0) {
            item->setText(RepositoryColumn, QLocale().formattedDataSize(repoSize));
            item->setToolTip(NameColumn, gitUrl);
            if (!current || name == m_preselected)
                current = item;
        } else {
            // Nothing to clone: the platform makes the repository on the first push.
            const QString reason = tr("Nothing pushed yet: there is no repository to import. Deploy to it first.");
            item->setText(RepositoryColumn, tr("nothing pushed yet"));
            item->setDisabled(true);
            for (int column = NameColumn; column <= OwnerColumn; ++column)
                item->setToolTip(column, reason);
        }
    }
    if (current)
        m_list->setCurrentItem(current);
    if (sorted.isEmpty())
        setStatus(tr("You have no apps yet: create one with File › New › App from Template."));
    else if (!current)
        setStatus(tr("None of your apps has a repository yet: deploy to one first."));
    else
        setStatus(QString());
    updateTarget();
}

QString ImportDialog::selectedApp() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item && !item->isDisabled() ? item->text(NameColumn) : QString();
}

void ImportDialog::updateTarget()
{
    const QString folder = m_folder->text().trimmed();
    const QString app = selectedApp();
    m_import->setEnabled(!isRunning() && !app.isEmpty() && !folder.isEmpty());
    if (folder.isEmpty())
        return m_target->setText(tr("Choose the folder the project goes into."));
    m_target->setText(app.isEmpty() ? tr("The app is cloned into a folder named after it in %1.").arg(folder)
                                    : tr("The app is cloned into %1.")
                                              .arg(QDir::toNativeSeparators(QDir(QDir::fromNativeSeparators(folder)).filePath(app))));
}

void ImportDialog::startImport()
{
    const QString app = selectedApp();
    const QString folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    if (isRunning() || app.isEmpty() || folder.isEmpty())
        return;
    m_dir = QDir(folder).filePath(app);
    if (!wizardsettings::isEmptyOrMissing(m_dir))
        return setStatus(tr("%1 already exists and is not empty: choose another folder.").arg(QDir::toNativeSeparators(m_dir)), true);
    m_madeDir = !QFileInfo::exists(m_dir);
    if (!QDir().mkpath(folder))
        return setStatus(tr("Cannot make the folder %1.").arg(QDir::toNativeSeparators(folder)), true);
    const QString gitUrl = m_list->currentItem()->data(NameColumn, Qt::UserRole).toString();
    setStatus(tr("Cloning %1 into %2…").arg(app, QDir::toNativeSeparators(m_dir)));
    setRunning(true);
    m_job->start([gitUrl, token = m_ctx.client.token(), dir = m_dir](const GitJob::Context &job) {
        return git::clone(gitUrl, token, dir, job.progress(), job.cancel);
    });
}

void ImportDialog::cloneFinished(bool ok, const QString &error)
{
    setRunning(false);
    if (!ok) {
        if (m_madeDir) // leave nothing half-cloned behind
            QDir(m_dir).removeRecursively();
        return setStatus(m_job->isCancelled() ? tr("Import cancelled.") : tr("The clone failed: %1").arg(error), true);
    }
    wizardsettings::setProjectsFolder(QFileInfo(m_dir).absolutePath());
    m_ctx.host.openProject(m_dir);
    m_ctx.report(tr("Imported %1 into %2").arg(QFileInfo(m_dir).fileName(), QDir::toNativeSeparators(m_dir)));
    setStatus(tr("Imported into %1.").arg(QDir::toNativeSeparators(m_dir)));
    emit imported(m_dir);
    accept();
}

void ImportDialog::reject()
{
    if (!isRunning())
        return QDialog::reject();
    m_job->cancel();
    setStatus(tr("Cancelling…"));
    m_cancel->setEnabled(false);
}

void ImportDialog::setRunning(bool running)
{
    m_progress->setVisible(running);
    m_list->setEnabled(!running);
    m_folder->setEnabled(!running);
    m_browse->setEnabled(!running);
    m_cancel->setEnabled(true);
    m_import->setEnabled(!running && !selectedApp().isEmpty());
}

void ImportDialog::setStatus(const QString &text, bool error)
{
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828") : QString());
    m_status->setText(text);
}

} // namespace dynodesk::ideplugin
