#include "templatewizard.h"

#include "gitjob.h"
#include "plugincontext.h"
#include "wizardsettings.h"

#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

static constexpr int kAddonWaitSeconds = 120;

TemplateWizard::TemplateWizard(PluginContext &ctx, QWidget *parent)
    : QDialog(parent), m_ctx(ctx), m_job(new GitJob(this)), m_poll(new QTimer(this)), m_email(ctx.accountEmail)
{
    setObjectName(QStringLiteral("templateWizard"));
    setWindowTitle(tr("New App from Template"));
    buildUi();
    reloadTemplates();

    m_poll->setSingleShot(true);
    m_poll->setInterval(1000);
    connect(m_poll, &QTimer::timeout, this, &TemplateWizard::waitForAddons);
    connect(m_job, &GitJob::output, this, [this](const QString &text) {
        const QString clean = QString(text).remove(QLatin1Char('\r'));
        m_output += clean;
        m_log->moveCursor(QTextCursor::End);
        m_log->insertPlainText(clean);
        m_log->ensureCursorVisible();
        m_ctx.host.writeConsole(tr("Deploy %1").arg(m_app), text);
    });
    connect(m_job, &GitJob::stage, this, &TemplateWizard::setStatus);
    connect(m_job, &GitJob::finished, this, [this](const git::Result &r) { deployed(r.ok, r.error); });
    if (m_email.isEmpty())
        m_ctx.client.get(QStringLiteral("/account"), this, [this](const Reply &reply) {
            if (reply.ok())
                m_email = reply.object().value(QStringLiteral("email")).toString();
        });
}

TemplateWizard::~TemplateWizard()
{
    m_job->disconnect(this);
    delete m_job;
}

void TemplateWizard::buildUi()
{
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("templateList"));
    m_list->setMinimumWidth(200);
    m_list->setMaximumWidth(240);
    m_list->setSpacing(2);
    connect(m_list, &QListWidget::currentRowChanged, this, &TemplateWizard::templateChanged);

    m_description = new QLabel(this);
    m_description->setObjectName(QStringLiteral("templateDescription"));
    m_description->setWordWrap(true);
    m_description->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_description->setTextFormat(Qt::RichText);
    m_description->setMargin(8);
    m_description->setFrameShape(QFrame::StyledPanel);
    m_description->setBackgroundRole(QPalette::Base);
    m_description->setAutoFillBackground(true);

    auto *choose = new QHBoxLayout;
    choose->addWidget(m_list);
    choose->addWidget(m_description, 1);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("appName"));
    m_name->setPlaceholderText(tr("Leave blank for a generated name"));
    m_name->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[a-z][a-z0-9-]{0,29}")), m_name));
    m_name->setToolTip(tr("3 to 30 lowercase letters, digits and dashes, starting with a letter"));
    connect(m_name, &QLineEdit::textChanged, this, &TemplateWizard::updateTarget);


    auto *form = new QFormLayout;
    form->addRow(tr("App &name:"), m_name);
    const wizardsettings::FolderRow folder = wizardsettings::addFolderRow(form, this, m_ctx.host.currentProject(), tr("Folder for the New Project"));
    m_folder = folder.edit;
    m_browse = folder.browse;
    m_target = folder.target;
    connect(m_folder, &QLineEdit::textChanged, this, &TemplateWizard::updateTarget);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(12);
    m_progress->hide();

    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(QStringLiteral("deployLog"));
    m_log->setReadOnly(true);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setMinimumHeight(150);
    m_log->hide(); // shown with the first deploy's output

    m_finish = new QPushButton(tr("Finish"), this);
    m_finish->setObjectName(QStringLiteral("finishButton"));
    m_finish->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_finish, &QPushButton::clicked, this, &TemplateWizard::finish);
    connect(m_cancel, &QPushButton::clicked, this, &TemplateWizard::reject);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_finish);
    buttons->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Choose a template. Finish creates the app on the platform, clones it into a "
                                    "folder, opens it as the project and deploys it once."), this));
    layout->addLayout(choose, 1);
    layout->addLayout(form);
    layout->addWidget(m_log, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    resize(720, 480);
}

void TemplateWizard::setTemplateRoot(const QString &root)
{
    m_root = root;
    reloadTemplates();
}

void TemplateWizard::reloadTemplates()
{
    m_templates = templates::load(m_root);
    m_list->clear();
    for (const auto &t : m_templates) {
        auto *item = new QListWidgetItem(t.name, m_list);
        item->setData(Qt::UserRole, t.id);
        item->setToolTip(t.description);
    }
    if (!m_templates.isEmpty())
        m_list->setCurrentRow(0);
    else
        setStatus(tr("No templates found in %1.").arg(m_root));
    templateChanged();
}

const AppTemplate *TemplateWizard::selected() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_templates.size() ? &m_templates[row] : nullptr;
}

void TemplateWizard::templateChanged()
{
    const AppTemplate *t = selected();
    if (!t) {
        m_description->clear();
        return updateTarget();
    }
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p>").arg(t->name.toHtmlEscaped(), t->description.toHtmlEscaped());
    if (!t->addons.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(tr("Add-ons: %1").arg(t->addons.join(QStringLiteral(", ")).toHtmlEscaped()));
    html += QStringLiteral("<p>%1</p>").arg(tr("Files: %1").arg(t->files.join(QStringLiteral(", ")).toHtmlEscaped()));
    m_description->setText(html);
    updateTarget();
}

void TemplateWizard::updateTarget()
{
    const QString folder = m_folder->text().trimmed();
    const QString name = m_name->text().trimmed();
    if (folder.isEmpty())
        return m_target->setText(tr("Choose the folder the project goes into."));
    m_target->setText(name.isEmpty() ? tr("The project will be cloned into %1, in a folder named after the app.")
                                               .arg(QDir::toNativeSeparators(folder))
                                     : tr("The project will be cloned into %1.")
                                               .arg(QDir::toNativeSeparators(QDir(folder).filePath(name))));
}

void TemplateWizard::finish()
{
    if (m_running)
        return;
    const AppTemplate *t = selected();
    const QString folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    const QString name = m_name->text().trimmed();
    m_status->setStyleSheet(QString());
    if (!t)
        return setStatus(tr("Choose a template."));
    if (folder.isEmpty())
        return setStatus(tr("Choose the folder the project goes into."));
    if (!name.isEmpty() && !wizardsettings::isEmptyOrMissing(QDir(folder).filePath(name)))
        return setStatus(tr("%1 already exists and is not empty.").arg(QDir::toNativeSeparators(QDir(folder).filePath(name))));
    if (!QDir().mkpath(folder))
        return setStatus(tr("Cannot make the folder %1.").arg(QDir::toNativeSeparators(folder)));

    m_template = *t;
    m_app.clear();
    m_dir.clear();
    m_output.clear();
    m_cancelled = false;
    setRunning(true);
    setStatus(name.isEmpty() ? tr("Creating the app…") : tr("Creating the app %1…").arg(name));
    QJsonObject body;
    if (!name.isEmpty())
        body.insert(QStringLiteral("name"), name);
    m_request = m_ctx.client.post(QStringLiteral("/apps"), body, this, [this, folder](const Reply &reply) {
        if (!reply.ok())
            return fail(tr("The app could not be created: %1").arg(reply.error));
        m_dir = QDir(folder).filePath(reply.object().value(QStringLiteral("name")).toString());
        appCreated(reply.object());
    });
}

void TemplateWizard::appCreated(const QJsonObject &app)
{
    m_app = app.value(QStringLiteral("name")).toString();
    m_gitUrl = app.value(QStringLiteral("git_url")).toString();
    m_webUrl = app.value(QStringLiteral("web_url")).toString();
    emit m_ctx.appsChanged();
    m_ctx.host.writeConsole(tr("Deploy %1").arg(m_app),
                            QStringLiteral("\x1b[1m%1\x1b[0m\n").arg(tr("Created %1 from the %2 template: %3 | %4")
                                                                              .arg(m_app, m_template.name, m_webUrl, m_gitUrl)));
    if (!wizardsettings::isEmptyOrMissing(m_dir))
        return fail(tr("%1 already exists and is not empty.").arg(QDir::toNativeSeparators(m_dir)));
    m_addonsToProvision = m_template.addons;
    provisionNext();
}

void TemplateWizard::provisionNext()
{
    if (m_cancelled)
        return;
    if (m_addonsToProvision.isEmpty()) {
        if (m_template.addons.isEmpty())
            return cloneAndDeploy();
        m_pollsLeft = kAddonWaitSeconds;
        return waitForAddons();
    }
    const QString plan = m_addonsToProvision.takeFirst();
    setStatus(tr("Adding the add-on %1…").arg(plan));
    m_request = m_ctx.client.post(QStringLiteral("/apps/%1/addons").arg(PlatformClient::pathPart(m_app)),
                                  QJsonObject{{QStringLiteral("plan"), plan}}, this, [this, plan](const Reply &reply) {
        if (!reply.ok())
            return fail(tr("The add-on %1 could not be added: %2").arg(plan, reply.error));
        const QJsonObject addon = reply.object();
        m_ctx.host.writeConsole(tr("Deploy %1").arg(m_app),
                                tr("Added %1 (%2)\n").arg(addon.value(QStringLiteral("name")).toString(),
                                                          addon.value(QStringLiteral("plan")).toObject()
                                                                  .value(QStringLiteral("name")).toString()));
        provisionNext();
    });
}

// Provisioning is asynchronous: the first deploy waits until every add-on is ready, so the app
// starts with its config vars (DATABASE_URL) in place.
void TemplateWizard::waitForAddons()
{
    if (m_cancelled)
        return;
    setStatus(tr("Waiting for the add-ons to be ready…"));
    m_request = m_ctx.client.get(QStringLiteral("/apps/%1/addons").arg(PlatformClient::pathPart(m_app)), this,
                                 [this](const Reply &reply) {
        if (!reply.ok())
            return fail(tr("The add-ons could not be read: %1").arg(reply.error));
        QStringList pending;
        for (const auto &value : reply.array()) {
            const QJsonObject addon = value.toObject();
            const QString state = addon.value(QStringLiteral("state")).toString();
            const QString name = addon.value(QStringLiteral("name")).toString();
            const QString message = addon.value(QStringLiteral("provision_message")).toString();
            if (state == QLatin1String("deprovisioned"))
                return fail(message.isEmpty() ? tr("The add-on %1 could not be provisioned.").arg(name)
                                              : tr("The add-on %1 could not be provisioned: %2").arg(name, message));
            if (state != QLatin1String("provisioned"))
                pending.append(name);
        }
        if (pending.isEmpty())
            return cloneAndDeploy();
        if (--m_pollsLeft <= 0)
            return fail(tr("The add-ons %1 were not ready after %2 seconds.").arg(pending.join(QStringLiteral(", "))).arg(kAddonWaitSeconds));
        m_poll->start();
    });
}

void TemplateWizard::cloneAndDeploy()
{
    if (m_cancelled)
        return;
    setStatus(tr("Cloning %1 into %2…").arg(m_app, QDir::toNativeSeparators(m_dir)));
    m_log->clear();
    if (!m_log->isVisible()) {
        m_log->show();
        resize(width(), qMax(height(), 680)); // room for the output and the status under it
    }
    const QString email = m_email.isEmpty() ? QStringLiteral("dynodesk@localhost") : m_email;
    const QString message = tr("Create %1 from the %2 template").arg(m_app, m_template.name);
    m_job->start([t = m_template, dir = m_dir, url = m_gitUrl, token = m_ctx.client.token(), app = m_app, email,
                  message](const GitJob::Context &job) {
        git::Result r = git::clone(url, token, dir, {}, job.cancel);
        if (!r.ok)
            return r;
        job.stage(tr("Copying the %1 template…").arg(t.name));
        QString error;
        if (!templates::copy(t, dir, &error))
            return git::Result{false, error, {}};
        job.stage(tr("Committing…"));
        r = git::commitAll(dir, message, detail::authorName(email), email);
        if (!r.ok)
            return r;
        if (job.cancel->load())
            return git::Result{false, tr("Cancelled."), {}};
        job.stage(tr("Deploying %1…").arg(app));
        return git::push(dir, url, token, job.progress(), job.cancel);
    });
}

void TemplateWizard::deployed(bool ok, const QString &error)
{
    if (m_cancelled)
        return fail(tr("Cancelled."));
    const bool cloned = QFileInfo(QDir(m_dir).filePath(QStringLiteral(".git"))).exists();
    if (cloned) // the project is there even if its first deploy failed: the user can fix and deploy it
        m_ctx.host.openProject(m_dir);
    if (!ok) {
        const QString build = detail::buildError(m_output);
        return fail(cloned ? tr("The first deploy failed: %1").arg(build.isEmpty() ? error : build) : error);
    }
    wizardsettings::setProjectsFolder(QFileInfo(m_dir).absolutePath());
    m_ctx.host.openUrl(QUrl(m_webUrl));
    const int version = detail::releasedVersion(m_output);
    const QString text = version > 0 ? tr("Created %1 and deployed v%2: %3").arg(m_app).arg(version).arg(m_webUrl)
                                     : tr("Created %1: %2").arg(m_app, m_webUrl);
    m_ctx.host.writeConsole(tr("Deploy %1").arg(m_app), QStringLiteral("\x1b[32m%1\x1b[0m\n").arg(text));
    m_ctx.report(text);
    setRunning(false);
    setStatus(text);
    emit m_ctx.appsChanged();
    emit finished(m_app, m_dir);
    accept();
}

void TemplateWizard::fail(const QString &error)
{
    setRunning(false);
    // Say what is left behind, so the user can finish or clean up by hand.
    QString text = error;
    if (!m_app.isEmpty())
        text = tr("%1\nThe app %2 exists on the platform; open it from My Apps, or destroy it there if you do not want it.")
                       .arg(error, m_app);
    m_status->setStyleSheet(QStringLiteral("color: #c62828"));
    setStatus(text);
    m_ctx.host.writeConsole(m_app.isEmpty() ? tr("Platform") : tr("Deploy %1").arg(m_app),
                            QStringLiteral("\x1b[31m%1\x1b[0m\n").arg(error));
    m_ctx.report(error);
    emit failed(text);
}

void TemplateWizard::reject()
{
    if (!m_running)
        return QDialog::reject();
    m_cancelled = true;
    m_poll->stop();
    if (m_request)
        m_request->cancel();
    if (m_job->isRunning()) {
        m_job->cancel(); // deployed() reports it
        setStatus(tr("Cancelling…"));
        m_cancel->setEnabled(false);
        return;
    }
    fail(tr("Cancelled."));
}

void TemplateWizard::setRunning(bool running)
{
    m_running = running;
    m_progress->setVisible(running);
    m_finish->setEnabled(!running);
    m_list->setEnabled(!running);
    m_name->setEnabled(!running);
    m_folder->setEnabled(!running);
    m_browse->setEnabled(!running);
    m_cancel->setEnabled(true);
}

void TemplateWizard::setStatus(const QString &text) { m_status->setText(text); }

} // namespace dynodesk::ideplugin
