#include "deploydialog.h"

#include "gitjob.h"
#include "plugincontext.h"

#include <QColor>
#include <QDir>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QTextCursor>
#include <QUrl>
#include <QVBoxLayout>

#include <memory>

namespace dynodesk::ideplugin {

// The word for a change's kind, as git::status names it.
static QString statusText(const QString &status)
{
    if (status == QLatin1String("new"))
        return DeployDialog::tr("new");
    if (status == QLatin1String("deleted"))
        return DeployDialog::tr("deleted");
    if (status == QLatin1String("renamed"))
        return DeployDialog::tr("renamed");
    if (status == QLatin1String("typechange"))
        return DeployDialog::tr("type changed");
    return DeployDialog::tr("modified");
}

static QColor statusColour(const QString &status)
{
    if (status == QLatin1String("new"))
        return QColor(0x2e, 0x7d, 0x32);
    if (status == QLatin1String("deleted"))
        return QColor(0xc6, 0x28, 0x28);
    return QColor(0x15, 0x65, 0xc0);
}

DeployDialog::DeployDialog(PluginContext &ctx, const QString &app, const QString &gitUrl, const QString &projectDir,
                           QWidget *parent)
    : QDialog(parent), m_ctx(ctx), m_app(app), m_gitUrl(gitUrl), m_dir(QDir(projectDir).absolutePath()),
      m_email(ctx.accountEmail), m_job(new GitJob(this))
{
    setObjectName(QStringLiteral("deployDialog"));
    setWindowTitle(tr("Deploy %1").arg(app));
    buildUi();

    const QString source = tr("Deploy %1").arg(app);
    connect(m_job, &GitJob::output, this, [this, source](const QString &text) {
        appendLog(text);
        m_ctx.host.writeConsole(source, text);
    });
    connect(m_job, &GitJob::stage, this, [this](const QString &text) { m_result->setText(text); });
    connect(m_job, &GitJob::finished, this, [this](const git::Result &r) {
        if (m_step == Step::Commit)
            committed(r);
        else
            pushFinished(r.ok, r.error);
    });

    // The app's URL and git URL, and the author for commits if the account is not known yet.
    m_ctx.client.get(QStringLiteral("/apps/%1").arg(PlatformClient::pathPart(app)), this, [this](const Reply &reply) {
        if (!reply.ok())
            return;
        m_webUrl = reply.object().value(QStringLiteral("web_url")).toString();
        m_openApp->setEnabled(!m_webUrl.isEmpty());
        if (m_gitUrl.isEmpty())
            m_gitUrl = reply.object().value(QStringLiteral("git_url")).toString();
    });
    if (m_email.isEmpty())
        m_ctx.client.get(QStringLiteral("/account"), this, [this](const Reply &reply) {
            if (reply.ok())
                m_email = reply.object().value(QStringLiteral("email")).toString();
        });
    refreshChanges();
}

DeployDialog::~DeployDialog()
{
    // Stop the worker before the widgets its signals reach go away.
    m_job->disconnect(this);
    delete m_job;
}

bool DeployDialog::isRunning() const { return m_busy; }

void DeployDialog::buildUi()
{
    m_header = new QLabel(tr("Pushes the project in %1 to the app %2, which builds and releases it.")
                                  .arg(QDir::toNativeSeparators(m_dir), m_app),
                          this);
    m_header->setWordWrap(true);

    m_changesList = new QListWidget(this);
    m_changesList->setObjectName(QStringLiteral("changesList"));
    m_changesList->setSelectionMode(QAbstractItemView::NoSelection);
    m_changesList->setMaximumHeight(140);

    m_message = new QLineEdit(this);
    m_message->setObjectName(QStringLiteral("commitMessage"));
    m_message->setPlaceholderText(tr("Describe the changes"));
    connect(m_message, &QLineEdit::textChanged, this, &DeployDialog::updateButtons);

    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(QStringLiteral("deployLog"));
    m_log->setReadOnly(true);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setPlaceholderText(tr("The build output appears here during a deploy."));
    m_log->setMinimumHeight(220);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(12);
    m_progress->hide();

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_openApp = new QPushButton(tr("Open App"), this);
    m_openApp->setObjectName(QStringLiteral("openAppButton"));
    m_openApp->setToolTip(tr("Show the app in the web view"));
    m_openApp->setEnabled(false); // until its URL is known
    connect(m_openApp, &QPushButton::clicked, this, [this] { m_ctx.host.openUrl(QUrl(m_webUrl)); });

    m_commitAndDeploy = new QPushButton(tr("Commit and Deploy"), this);
    m_commitAndDeploy->setObjectName(QStringLiteral("commitAndDeployButton"));
    m_deploy = new QPushButton(tr("Deploy"), this);
    m_deploy->setObjectName(QStringLiteral("deployButton"));
    m_deploy->setToolTip(tr("Push the current commit without committing the changes"));
    m_cancel = new QPushButton(tr("Close"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_commitAndDeploy, &QPushButton::clicked, this, [this] { startDeploy(true); });
    connect(m_deploy, &QPushButton::clicked, this, [this] { startDeploy(false); });
    connect(m_cancel, &QPushButton::clicked, this, &DeployDialog::reject);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openApp);
    buttons->addStretch();
    buttons->addWidget(m_commitAndDeploy);
    buttons->addWidget(m_deploy);
    buttons->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addSpacing(4);
    layout->addWidget(new QLabel(tr("Changes in the working tree:"), this));
    layout->addWidget(m_changesList);
    auto *messageLabel = new QLabel(tr("Commit &message:"), this);
    messageLabel->setBuddy(m_message);
    layout->addWidget(messageLabel);
    layout->addWidget(m_message);
    layout->addSpacing(4);
    layout->addWidget(new QLabel(tr("Build output:"), this));
    layout->addWidget(m_log, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_result);
    layout->addLayout(buttons);
    resize(760, 620);
    updateButtons();
}

void DeployDialog::refreshChanges()
{
    auto *job = new GitJob(this);
    auto changes = std::make_shared<QList<git::Change>>();
    connect(job, &GitJob::finished, this, [this, job, changes](const git::Result &r) {
        job->deleteLater();
        m_changesList->clear();
        m_changes = int(changes->size());
        if (!r.ok) {
            auto *item = new QListWidgetItem(tr("Cannot read the working tree: %1").arg(r.error), m_changesList);
            item->setFlags(Qt::NoItemFlags);
        } else if (changes->isEmpty()) {
            auto *item = new QListWidgetItem(tr("No changes since the last commit: Deploy pushes that commit."),
                                             m_changesList);
            item->setFlags(Qt::NoItemFlags);
        }
        for (const auto &change : *changes) {
            auto *item = new QListWidgetItem(tr("%1 (%2)").arg(change.path, statusText(change.status)), m_changesList);
            item->setData(Qt::UserRole, change.path);
            item->setToolTip(QDir::toNativeSeparators(QDir(m_dir).filePath(change.path)));
            item->setForeground(statusColour(change.status));
        }
        updateButtons();
    });
    job->start([dir = m_dir, changes](const GitJob::Context &) {
        QString error;
        *changes = git::status(dir, &error);
        return git::Result{error.isEmpty(), error, {}};
    });
}

void DeployDialog::startDeploy(bool commitFirst)
{
    if (isRunning())
        return;
    const QString message = m_message->text().trimmed();
    if (commitFirst && message.isEmpty()) {
        m_result->setText(tr("Write a commit message first."));
        m_message->setFocus();
        return;
    }
    if (m_gitUrl.isEmpty())
        return showFailure(tr("The app's git URL is not known yet; try again in a moment."));
    m_output.clear();
    m_log->clear();
    m_result->setStyleSheet(QString());
    m_ctx.host.writeConsole(tr("Deploy %1").arg(m_app),
                            QStringLiteral("\x1b[1m%1\x1b[0m\n").arg(tr("Deploying %1 to %2…").arg(QDir::toNativeSeparators(m_dir), m_app)));
    if (!commitFirst)
        return startPush();
    setRunning(true, tr("Committing…"));
    m_step = Step::Commit;
    const QString email = m_email.isEmpty() ? QStringLiteral("dynodesk@localhost") : m_email;
    m_job->start([dir = m_dir, message, email](const GitJob::Context &) {
        return git::commitAll(dir, message, detail::authorName(email), email);
    });
}

void DeployDialog::committed(const git::Result &result)
{
    if (!result.ok)
        return showFailure(tr("The changes could not be committed: %1").arg(result.error));
    const QString line = tr("Committed %1 \"%2\"").arg(result.detail.left(7), m_message->text().trimmed());
    appendLog(line + QLatin1Char('\n'));
    m_ctx.host.writeConsole(tr("Deploy %1").arg(m_app), line + QLatin1Char('\n'));
    m_message->clear(); // it is in the commit now, whatever the push brings
    if (m_job->isCancelled())
        return showFailure(tr("Deploy cancelled. The changes are committed but not pushed."));
    startPush();
}

void DeployDialog::startPush()
{
    setRunning(true, tr("Pushing to %1…").arg(m_app));
    m_step = Step::Push;
    m_job->start([dir = m_dir, url = m_gitUrl, token = m_ctx.client.token()](const GitJob::Context &job) {
        return git::push(dir, url, token, job.progress(), job.cancel);
    });
}

void DeployDialog::appendLog(const QString &text)
{
    const QString clean = QString(text).remove(QLatin1Char('\r'));
    m_output += clean;
    QScrollBar *bar = m_log->verticalScrollBar();
    const bool following = bar->value() == bar->maximum();
    QTextCursor cursor(m_log->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(clean);
    if (following)
        bar->setValue(bar->maximum());
}

void DeployDialog::pushFinished(bool ok, const QString &error)
{
    // A push that got through released, even if Cancel came after its last byte.
    if (!ok && m_job->isCancelled())
        return showFailure(tr("Deploy cancelled. The app keeps the release it had."));
    if (!ok) {
        const QString build = detail::buildError(m_output);
        return showFailure(build.isEmpty() ? error : build);
    }
    const int fromOutput = detail::releasedVersion(m_output);
    // The platform's word on the current release; the output's "Released vN" if it cannot answer.
    m_ctx.client.get(QStringLiteral("/apps/%1/releases").arg(PlatformClient::pathPart(m_app)), this,
                     [this, fromOutput](const Reply &reply) {
        int version = 0;
        for (const auto &value : reply.array()) {
            const QJsonObject release = value.toObject();
            if (release.value(QStringLiteral("current")).toBool())
                version = qMax(version, release.value(QStringLiteral("version")).toInt());
        }
        showRelease(version > 0 ? version : fromOutput, fromOutput > 0);
    });
}

void DeployDialog::showRelease(int version, bool built)
{
    setRunning(false);
    // Without a build the app had this commit already: git said "Everything up-to-date".
    const QString text = !built ? tr("Nothing new to deploy: %1 already runs this commit (v%2).").arg(m_app).arg(version)
                         : m_webUrl.isEmpty() ? tr("Deployed v%1 to %2.").arg(version).arg(m_app)
                                              : tr("Deployed v%1 to %2: %3").arg(version).arg(m_app, m_webUrl);
    m_result->setStyleSheet(QStringLiteral("color: #2e7d32; font-weight: bold"));
    m_result->setText(text);
    m_ctx.host.writeConsole(tr("Deploy %1").arg(m_app), QStringLiteral("\x1b[32m%1\x1b[0m\n").arg(text));
    m_ctx.report(text);
    m_message->clear();
    refreshChanges();
    emit deployed(version);
    emit m_ctx.appsChanged();
}

void DeployDialog::showFailure(const QString &error)
{
    setRunning(false);
    const QString text = tr("Deploy failed: %1").arg(error);
    m_result->setStyleSheet(QStringLiteral("color: #c62828; font-weight: bold"));
    m_result->setText(text);
    m_ctx.host.writeConsole(tr("Deploy %1").arg(m_app), QStringLiteral("\x1b[31m%1\x1b[0m\n").arg(text));
    m_ctx.report(text);
    refreshChanges();
    emit deployFailed(error);
}

void DeployDialog::reject()
{
    // Busy from the first step to the last answer. Between two steps no job runs (a finished
    // commit's answer may still be on its way), but each step looks at the cancel flag before
    // the next one starts.
    if (!isRunning())
        return QDialog::reject();
    m_job->cancel();
    m_result->setText(tr("Cancelling…"));
    m_cancel->setEnabled(false);
}

void DeployDialog::setRunning(bool running, const QString &status)
{
    m_progress->setVisible(running);
    m_cancel->setText(running ? tr("Cancel") : tr("Close"));
    m_cancel->setEnabled(true);
    m_message->setEnabled(!running);
    if (!status.isEmpty())
        m_result->setText(status);
    m_busy = running;
    updateButtons();
}

void DeployDialog::updateButtons()
{
    const bool idle = !isRunning();
    const bool hasMessage = !m_message->text().trimmed().isEmpty();
    m_commitAndDeploy->setEnabled(idle && m_changes > 0 && hasMessage);
    m_commitAndDeploy->setToolTip(m_changes == 0 ? tr("There are no changes to commit")
                                  : hasMessage  ? tr("Commit all the changes and push them")
                                                : tr("Write a commit message to commit the changes"));
    m_deploy->setEnabled(idle);
    m_commitAndDeploy->setDefault(m_changes > 0);
    m_deploy->setDefault(m_changes == 0);
}

} // namespace dynodesk::ideplugin
