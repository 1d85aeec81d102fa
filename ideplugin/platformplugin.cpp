#include "platformplugin.h"

#include "client/gitops.h"
#include "client/netrc.h"
#include "plugincontext.h"
#include "preferences/platformpreferences.h"
#include "views/appeditor.h"
#include "views/appsmodel.h"
#include "views/appsview.h"
#include "views/logview.h"
#include "wizards/buttondeploydialog.h"
#include "wizards/deploydialog.h"
#include "wizards/importdialog.h"
#include "wizards/templatewizard.h"

#include <QAction>
#include <QCoreApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QDir>
#include <QDockWidget>
#include <QMainWindow>
#include <QFileInfo>
#include <QMessageBox>
#include <QRegularExpression>
#include <QTimer>

namespace dynodesk::ideplugin {

void PlatformPlugin::initialize(app::IPluginHost &host)
{
    m_context = new PluginContext(host, this);
    PluginContext &ctx = *m_context;
    m_apps = new AppsView(ctx);
    host.addDockView(tr("My Apps"), m_apps);
    if (m_apps->parentWidget())
        QTimer::singleShot(0, m_apps->parentWidget(), [this] {
            auto *dock = qobject_cast<QDockWidget *>(m_apps->parentWidget());
            // Wide enough for the name, URLs and state without wrapping.
            if (auto *window = qobject_cast<QMainWindow *>(m_context->host.window()))
                window->resizeDocks({dock}, {std::max(dock->width(), window->width() * 2 / 5)}, Qt::Horizontal);
            // No project open (checked once start-up has opened one): the apps are what there is to
            // see. With a project the shell keeps its explorer in front.
            if (m_context->host.currentProject().isEmpty())
                dock->raise();
        });

    auto action = [this, &host](const QString &menu, const QString &name, const QString &text, auto slot) {
        auto *a = new QAction(text, host.window());
        a->setObjectName(name);
        connect(a, &QAction::triggered, this, slot);
        host.addMenuAction(menu, a);
        return a;
    };
    action(QStringLiteral("file/") + tr("&New"), QStringLiteral("newFromTemplateAction"), tr("App from &Template…"),
           [this] { newFromTemplate(); });
    action(QStringLiteral("file"), QStringLiteral("importAppAction"), tr("&Import App…"), [this] { importApp({}); });
    action(QStringLiteral("file"), QStringLiteral("deployFromAppJsonAction"), tr("Deploy from app.&json…"),
           [this] { askForDeploySource(false); });
    action(tr("&Platform"), QStringLiteral("myAppsAction"), tr("&My Apps"), [this] {
        if (m_apps) {
            m_apps->parentWidget()->show();
            m_apps->parentWidget()->raise();
            m_apps->model()->refresh();
        }
    });
    action(tr("&Platform"), QStringLiteral("deployProjectAction"), tr("&Deploy Project…"), [this] { deployProject(); });
    action(tr("&Platform"), QStringLiteral("openDeployLinkAction"), tr("Open Deploy &Link…"),
           [this] { askForDeploySource(true); });
    // The project's "Team › Commit and Push", as in the platform's Eclipse plugin.
    action(tr("&Team"), QStringLiteral("commitAndPushAction"), tr("&Commit and Push…"), [this] { deployProject(); });
    auto *context = new QAction(tr("Deploy…"), host.window());
    context->setObjectName(QStringLiteral("deployContextAction"));
    connect(context, &QAction::triggered, this, [this] { deployProject(); });
    host.addProjectContextAction(context);

    connect(&ctx, &PluginContext::appInfoRequested, this, &PlatformPlugin::openAppEditor);
    connect(&ctx, &PluginContext::logsRequested, this, &PlatformPlugin::openLogs);
    connect(&ctx, &PluginContext::deployRequested, this, &PlatformPlugin::deploy);
    connect(&ctx, &PluginContext::importRequested, this, &PlatformPlugin::importApp);
    // Preferences › Platform, Credentials and SSH Keys are the plugin's; it chooses the platform.
    m_preferences = new PlatformPreferences(ctx, Netrc::defaultPath(), QDir::homePath() + QStringLiteral("/.ssh"), this);
    host.addPreferencesPages([preferences = QPointer(m_preferences)](QWidget *dialog) {
        return preferences ? preferences->makePages(dialog) : QList<app::IPreferencesPage *>();
    });
    // A new platform, a new client endpoint.
    host.onConnectionChanged(this, [this] { connectToPlatform(); });
    if (host.apiUrl().isEmpty())
        m_preferences->connectChosenPlatform(); // its connection change calls connectToPlatform()
    else
        connectToPlatform();
    // `dynodesk --deploy <link>`: a Button link (or a folder, tarball or URL) opened at start-up.
    const QStringList args = QCoreApplication::arguments();
    if (const qsizetype at = args.indexOf(QStringLiteral("--deploy")); at > 0 && at + 1 < args.size())
        QTimer::singleShot(0, this, [this, link = args.at(at + 1)] { deployFromAppJson(link); });
}

void PlatformPlugin::askForDeploySource(bool link)
{
    PluginContext &ctx = *m_context;
    bool ok = false;
    const QString source = QInputDialog::getText(
            ctx.host.window(), link ? tr("Open Deploy Link") : tr("Deploy from app.json"),
            link ? tr("A Deploy to Heroku button link (https://heroku.com/deploy?template=…):")
                 : tr("A folder or a .tgz tarball holding an app.json, or the http(s) URL of such a tarball:"),
            QLineEdit::Normal, link ? QString() : ctx.host.currentProject(), &ok);
    if (ok && !source.trimmed().isEmpty())
        deployFromAppJson(source.trimmed());
}

void PlatformPlugin::deployFromAppJson(const QString &source)
{
    auto *dialog = new ButtonDeployDialog(*m_context, source, m_context->host.window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void PlatformPlugin::connectToPlatform()
{
    PluginContext &ctx = *m_context;
    ctx.accountEmail.clear();
    ctx.client.setEndpoint(QUrl(ctx.host.apiUrl()), ctx.host.apiToken());
    if (!ctx.client.isConnected())
        return;
    ctx.client.get(QStringLiteral("/account"), this, [&ctx](const Reply &r) {
        if (!r.ok())
            return ctx.fail(tr("Reading the account"), r);
        ctx.accountEmail = r.object().value(QStringLiteral("email")).toString();
        emit ctx.appsChanged();
    });
}

void PlatformPlugin::openAppEditor(const QString &app)
{
    m_context->host.openView(tr("App: %1").arg(app), new AppEditor(*m_context, app));
}

void PlatformPlugin::openLogs(const QString &app)
{
    m_context->host.openView(tr("Logs: %1").arg(app), new LogView(*m_context, app));
}

void PlatformPlugin::deploy(const QString &app)
{
    PluginContext &ctx = *m_context;
    const AppsModel::Row *row = m_apps ? m_apps->model()->find(app) : nullptr;
    const QString gitUrl = row ? row->app.value(QStringLiteral("git_url")).toString() : QString();
    const QString project = ctx.host.currentProject();
    // The project must be this app's working tree: its heroku remote points at the app.
    if (project.isEmpty() || git::remoteUrl(project, QStringLiteral("heroku")) != gitUrl) {
        const auto answer = QMessageBox::question(
                ctx.host.window(), tr("Deploy %1").arg(app),
                project.isEmpty() ? tr("No project is open. Import %1 into a folder first?").arg(app)
                                  : tr("The open project is not %1's repository (its heroku remote is not %2). "
                                       "Import %1 into a folder first?")
                                            .arg(app, gitUrl));
        if (answer == QMessageBox::Yes)
            importApp(app);
        return;
    }
    auto *dialog = new DeployDialog(ctx, app, gitUrl, project, ctx.host.window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void PlatformPlugin::deployProject()
{
    PluginContext &ctx = *m_context;
    const QString project = ctx.host.currentProject();
    const QString url = project.isEmpty() ? QString() : git::remoteUrl(project, QStringLiteral("heroku"));
    const AppsModel::Row *match = nullptr;
    for (int i = 0; m_apps && i < m_apps->model()->rowCount(); ++i)
        if (m_apps->model()->row(i)->app.value(QStringLiteral("git_url")).toString() == url)
            match = m_apps->model()->row(i);
    if (!match) {
        QMessageBox::information(ctx.host.window(), tr("Deploy"),
                                 url.isEmpty() ? tr("The open project has no heroku git remote. Use Import App, or "
                                                    "Deploy... on an app in My Apps.")
                                               : tr("The project's heroku remote (%1) is none of your apps.").arg(url));
        return;
    }
    deploy(match->name());
}

void PlatformPlugin::newFromTemplate()
{
    auto *wizard = new TemplateWizard(*m_context, m_context->host.window());
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->open();
}

void PlatformPlugin::importApp(const QString &app)
{
    auto *dialog = new ImportDialog(*m_context, app, m_context->host.window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace dynodesk::ideplugin
