#include "templatewizard.h"

#include "manifestreader.h"
#include "gitjob.h"
#include "setuprunner.h"
#include "plugincontext.h"
#include "wizardsettings.h"

#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QUrl>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

TemplateWizard::TemplateWizard(PluginContext &ctx, QWidget *parent)
    : QDialog(parent), m_ctx(ctx), m_job(new GitJob(this)), m_runner(new SetupRunner(ctx.client, this)), m_email(ctx.accountEmail)
{
    setObjectName(QStringLiteral("templateWizard"));
    setWindowTitle(tr("New App from Template"));
    buildUi();
    reloadTemplates();

    connect(m_runner, &SetupRunner::status, this, &TemplateWizard::setStatus);
    connect(m_runner, &SetupRunner::stepChanged, this, [this](SetupRunner::Step step, SetupRunner::State state) {
        if (state == SetupRunner::State::Running)
            setStatus(tr("%1…").arg(SetupRunner::stepText(step)));
    });
    connect(m_runner, &SetupRunner::buildOutput, this, [this](const QString &line) { showOutput(line + QLatin1Char('\n')); });
    connect(m_runner, &SetupRunner::postdeployOutput, this, &TemplateWizard::showOutput);
    connect(m_runner, &SetupRunner::appCreated, &m_ctx, &PluginContext::appsChanged);
    connect(m_runner, &SetupRunner::succeeded, this, [this] { setupEnded(m_runner->app(), {}); });
    connect(m_runner, &SetupRunner::failed, this, [this](const QString &message, const QStringList &errors, const QString &app) {
        setupEnded(app, errors.isEmpty() ? message : tr("%1 %2").arg(message, errors.join(QStringLiteral("; "))));
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
    auto *intro = new QLabel(tr("Choose a template. Finish sets the app up on the platform from the template "
                                "and its app.json, clones it into a folder and opens it as the project."),
                             this);
    intro->setWordWrap(true); // the dialog keeps its width in every language
    layout->addWidget(intro);
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
    // A name the platform would refuse, in its words, without making anything.
    if (const QString error = manifest::appNameError(name); !error.isEmpty()) {
        QMetaObject::invokeMethod(this, [this, error] { fail(tr("The app could not be created: %1").arg(error)); },
                                  Qt::QueuedConnection);
        return;
    }
    m_dir.clear();
    m_output.clear();
    m_setupError.clear();
    m_folderChosen = folder;
    m_cancelled = false;
    QString error;
    if (!packTemplate(&error))
        return fail(error);
    setRunning(true);
    m_log->clear();
    if (!m_log->isVisible()) {
        m_log->show();
        resize(width(), qMax(height(), 680)); // room for the output and the status under it
    }
    SetupRunner::Request request;
    request.source = m_source->path();
    request.app = name;
    request.postdeploy = !manifest::readLocal(m_source->path()).manifest.postdeploy.isEmpty();
    m_runner->start(request);
}

// The template's files, without its description, as the setup uploads them; a template without
// an app.json gets one naming it.
bool TemplateWizard::packTemplate(QString *error)
{
    m_source = std::make_unique<QTemporaryDir>();
    if (!m_source->isValid() || !templates::copy(m_template, m_source->path(), error)) {
        if (error->isEmpty())
            *error = tr("Cannot make a temporary folder for the template.");
        return false;
    }
    QFile manifest(m_source->filePath(QStringLiteral("app.json")));
    if (manifest.exists())
        return true;
    const QJsonObject about{{QStringLiteral("name"), m_template.name}, {QStringLiteral("description"), m_template.description}};
    if (manifest.open(QIODevice::WriteOnly) && manifest.write(QJsonDocument(about).toJson()) > 0)
        return true;
    *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(manifest.fileName()), manifest.errorString());
    return false;
}

void TemplateWizard::showOutput(const QString &text)
{
    const QString clean = QString(text).remove(QLatin1Char('\r'));
    m_output += clean;
    m_log->moveCursor(QTextCursor::End);
    m_log->insertPlainText(clean);
    m_log->ensureCursorVisible();
    m_ctx.host.writeConsole(tr("Deploy %1").arg(m_runner->app()), text);
}

// The setup is over: without an app there is nothing to clone; with one (even if its build
// failed) the project is cloned so the user can fix it and deploy again.
void TemplateWizard::setupEnded(const QString &app, const QString &error)
{
    if (m_cancelled)
        return fail(tr("Cancelled."));
    if (app.isEmpty())
        return fail(tr("The app could not be created: %1").arg(error));
    m_app = app;
    if (!error.isEmpty()) {
        const QString build = detail::buildError(m_output);
        m_setupError = build.isEmpty() ? error : build;
    }
    m_dir = QDir(m_folderChosen).filePath(m_app);
    emit m_ctx.appsChanged();
    m_request = m_ctx.client.get(QStringLiteral("/apps/%1").arg(PlatformClient::pathPart(m_app)), this, [this](const Reply &reply) {
        if (reply.status == 404 && !m_setupError.isEmpty()) { // the platform did not keep it
            m_app.clear();
            return fail(tr("The app could not be created: %1").arg(m_setupError));
        }
        if (!reply.ok())
            return fail(tr("The app could not be read: %1").arg(reply.error));
        m_gitUrl = reply.object().value(QStringLiteral("git_url")).toString();
        m_webUrl = reply.object().value(QStringLiteral("web_url")).toString();
        m_ctx.host.writeConsole(tr("Deploy %1").arg(m_app),
                                QStringLiteral("\x1b[1m%1\x1b[0m\n").arg(tr("Created %1 from the %2 template: %3 | %4")
                                                                                  .arg(m_app, m_template.name, m_webUrl, m_gitUrl)));
        if (!wizardsettings::isEmptyOrMissing(m_dir))
            return fail(tr("%1 already exists and is not empty.").arg(QDir::toNativeSeparators(m_dir)));
        cloneAndCommit();
    });
}

void TemplateWizard::cloneAndCommit()
{
    if (m_cancelled)
        return;
    setStatus(tr("Cloning %1 into %2…").arg(m_app, QDir::toNativeSeparators(m_dir)));
    const QString email = m_email.isEmpty() ? QStringLiteral("dynodesk@localhost") : m_email;
    const QString message = tr("Create %1 from the %2 template").arg(m_app, m_template.name);
    m_job->start([t = m_template, dir = m_dir, url = m_gitUrl, token = m_ctx.client.token(), email,
                  message](const GitJob::Context &job) {
        git::Result r = git::clone(url, token, dir, {}, job.cancel);
        if (!r.ok)
            return r;
        job.stage(tr("Copying the %1 template…").arg(t.name));
        QString error;
        if (!templates::copy(t, dir, &error))
            return git::Result{false, error, {}};
        job.stage(tr("Committing…"));
        return git::commitAll(dir, message, detail::authorName(email), email);
    });
}

void TemplateWizard::deployed(bool ok, const QString &error)
{
    if (m_cancelled)
        return fail(tr("Cancelled."));
    const bool cloned = QFileInfo(QDir(m_dir).filePath(QStringLiteral(".git"))).exists();
    if (cloned) // the project is there even if its first deploy failed: the user can fix and deploy it
        m_ctx.host.openProject(m_dir);
    if (!m_setupError.isEmpty())
        return fail(tr("The first deploy failed: %1").arg(m_setupError));
    if (!ok)
        return fail(error);
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
    if (m_request)
        m_request->cancel();
    if (m_runner->isRunning())
        return m_runner->cancel(); // setupEnded() reports it
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
