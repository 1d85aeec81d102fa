#include "buttondeploydialog.h"

#include "appnamefield.h"
#include "plugincontext.h"
#include "setupprogress.h"
#include "setuprunner.h"

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTemporaryFile>
#include <QUrl>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

ButtonDeployDialog::ButtonDeployDialog(PluginContext &ctx, const QString &source, QWidget *parent)
    : QDialog(parent), m_ctx(ctx), m_source(manifest::templateOfLink(source)), m_runner(new SetupRunner(ctx.client, this))
{
    setObjectName(QStringLiteral("buttonDeployDialog"));
    setWindowTitle(tr("Deploy from app.json"));
    buildUi();
    connect(m_runner, &SetupRunner::appCreated, &m_ctx, &PluginContext::appsChanged);
    connect(m_runner, &SetupRunner::succeeded, this, &ButtonDeployDialog::succeeded);
    connect(m_runner, &SetupRunner::failed, this, &ButtonDeployDialog::failed);
    connect(m_runner, &SetupRunner::buildOutput, this, [this](const QString &line) {
        m_ctx.host.writeConsole(tr("Deploy %1").arg(m_runner->app()), line + QLatin1Char('\n'));
    });
    loadRegions();
    load();
}

ButtonDeployDialog::~ButtonDeployDialog() = default;

bool ButtonDeployDialog::isRunning() const { return m_runner->isRunning(); }

void ButtonDeployDialog::buildUi()
{
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(buildForm());
    m_progress = new SetupProgress(this);
    m_pages->addWidget(m_progress);

    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("deployHint"));
    m_hint->setWordWrap(true);
    m_deploy = new QPushButton(tr("Deploy app"), this);
    m_deploy->setObjectName(QStringLiteral("deployButton"));
    m_deploy->setDefault(true);
    m_manage = new QPushButton(tr("Manage App"), this);
    m_manage->setObjectName(QStringLiteral("manageAppButton"));
    m_manage->setToolTip(tr("Open the app in the app editor"));
    m_view = new QPushButton(tr("View"), this);
    m_view->setObjectName(QStringLiteral("viewButton"));
    m_view->setToolTip(tr("Open the app in the web view"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_manage->hide();
    m_view->hide();
    connect(m_deploy, &QPushButton::clicked, this, &ButtonDeployDialog::deploy);
    connect(m_cancel, &QPushButton::clicked, this, &ButtonDeployDialog::reject);
    connect(m_manage, &QPushButton::clicked, this, [this] {
        emit m_ctx.appInfoRequested(m_app);
        accept();
    });
    connect(m_view, &QPushButton::clicked, this, [this] { m_ctx.host.openUrl(QUrl(m_viewUrl)); });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_hint, 1);
    buttons->addWidget(m_manage);
    buttons->addWidget(m_view);
    buttons->addWidget(m_deploy);
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages, 1);
    layout->addLayout(buttons);
    resize(760, 800);
    updateDeploy();
}

static QGroupBox *group(const QString &title, const char *name, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    box->setObjectName(QLatin1String(name));
    box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum); // the page's spare room stays below the boxes
    return box;
}

QWidget *ButtonDeployDialog::buildForm()
{
    auto *form = new QWidget;
    m_logo = new QLabel(form);
    m_logo->setObjectName(QStringLiteral("appLogo"));
    m_logo->setFixedSize(56, 56);
    m_logo->setAlignment(Qt::AlignCenter);
    m_logo->hide();
    m_title = new QLabel(form);
    m_title->setObjectName(QStringLiteral("appTitle"));
    m_title->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: bold"));
    m_description = new QLabel(form);
    m_description->setObjectName(QStringLiteral("appDescription"));
    m_description->setWordWrap(true);
    m_sourceLabel = new QLabel(form);
    m_sourceLabel->setObjectName(QStringLiteral("sourceLabel"));
    m_sourceLabel->setWordWrap(true);
    m_sourceLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error = new QLabel(form);
    m_error->setObjectName(QStringLiteral("manifestError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828; font-weight: bold"));
    m_error->hide();

    QGroupBox *appBox = group(tr("App"), "appBox", form);
    m_name = new AppNameField(m_ctx, appBox);
    connect(m_name, &AppNameField::stateChanged, this, &ButtonDeployDialog::updateDeploy);
    m_region = new QComboBox(appBox);
    m_region->setObjectName(QStringLiteral("regionBox"));
    auto *appForm = new QFormLayout(appBox);
    appForm->addRow(tr("App name:"), m_name);
    appForm->addRow(tr("Choose a region:"), m_region);

    m_envBox = group(tr("Config Vars"), "configVarsBox", form);
    m_envRows = new QVBoxLayout(m_envBox);

    QGroupBox *resources = group(tr("Add-ons and dynos"), "resourcesBox", form);
    m_addons = new QListWidget(resources);
    m_addons->setObjectName(QStringLiteral("addonsList"));
    m_formation = new QListWidget(resources);
    m_formation->setObjectName(QStringLiteral("formationList"));
    for (QListWidget *list : {m_addons, m_formation}) {
        list->setSelectionMode(QAbstractItemView::NoSelection);
        list->setFocusPolicy(Qt::NoFocus);
        list->setSpacing(2); // room above and below each row, as in the setup's step list
    }
    m_buildpacks = new QLabel(resources);
    m_buildpacks->setObjectName(QStringLiteral("buildpacksLabel"));
    m_buildpacks->setWordWrap(true);
    auto *resourceForm = new QFormLayout(resources);
    resourceForm->addRow(tr("Add-ons:"), m_addons);
    resourceForm->addRow(tr("Dynos:"), m_formation);
    resourceForm->addRow(tr("Buildpacks:"), m_buildpacks);

    auto *heading = new QHBoxLayout;
    heading->addWidget(m_logo);
    heading->addWidget(m_title, 1);
    auto *layout = new QVBoxLayout(form);
    layout->addLayout(heading);
    layout->addWidget(m_description);
    layout->addWidget(m_sourceLabel);
    layout->addWidget(m_error);
    layout->addWidget(appBox);
    layout->addWidget(m_envBox);
    layout->addWidget(resources);
    layout->addStretch();
    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("formPage"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(form);
    return scroll;
}

void ButtonDeployDialog::load()
{
    m_sourceLabel->setText(tr("Source: %1").arg(m_source));
    if (!manifest::isRemote(m_source))
        return loaded(manifest::readLocal(m_source));
    m_title->setText(tr("Reading app.json…"));
    QNetworkRequest request{QUrl(m_source)};
    request.setRawHeader("User-Agent", "dynodesk-ide");
    request.setTransferTimeout(60000);
    QNetworkReply *reply = m_ctx.client.network().get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError)
            return loaded({{}, status >= 400 ? tr("%1 answered with HTTP %2.").arg(m_source).arg(status)
                                             : tr("Cannot download %1: %2").arg(m_source, reply->errorString())});
        m_download = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/dynodesk-button-XXXXXX.tgz"));
        if (!m_download->open() || m_download->write(reply->readAll()) < 0 || !m_download->flush())
            return loaded({{}, tr("Cannot keep the download: %1").arg(m_download->errorString())});
        loaded(manifest::readLocal(m_download->fileName()));
    });
}

void ButtonDeployDialog::loaded(const ManifestRead &read)
{
    m_manifest = read.manifest;
    m_loaded = read.ok();
    m_error->setVisible(!read.ok());
    m_error->setText(read.error);
    m_title->setText(m_manifest.name.isEmpty() ? tr("Deploy an app") : m_manifest.name);
    m_description->setText(m_manifest.description);
    m_description->setVisible(!m_manifest.description.isEmpty());
    if (!m_manifest.repository.isEmpty())
        m_sourceLabel->setText(tr("Source: %1 (repository %2)").arg(m_source, m_manifest.repository));
    fillEnv();
    fillLists();
    loadLogo();
    updateDeploy();
    if (read.ok())
        emit manifestLoaded();
    else
        emit manifestFailed(read.error);
}

void ButtonDeployDialog::fillEnv()
{
    m_env.clear();
    m_envBox->setVisible(!m_manifest.env.isEmpty());
    for (const AppManifest::EnvVar &var : m_manifest.env) {
        const bool needed = var.required && !var.generated;
        auto *key = new QLabel(needed ? tr("%1 <span style=\"color:#c62828\">*</span>").arg(var.key.toHtmlEscaped())
                                      : var.key.toHtmlEscaped(),
                               m_envBox);
        key->setObjectName(QStringLiteral("envKey_") + var.key);
        key->setStyleSheet(QStringLiteral("font-weight: bold"));
        if (needed)
            key->setToolTip(tr("Required"));
        m_envRows->addWidget(key);
        if (!var.description.isEmpty()) {
            auto *description = new QLabel(var.description, m_envBox);
            description->setObjectName(QStringLiteral("envDescription_") + var.key);
            description->setWordWrap(true);
            m_envRows->addWidget(description);
        }
        auto *edit = new QLineEdit(var.value, m_envBox);
        edit->setObjectName(QStringLiteral("env_") + var.key);
        connect(edit, &QLineEdit::textChanged, this, &ButtonDeployDialog::updateDeploy);
        m_envRows->addWidget(edit);
        if (var.generated) {
            edit->setPlaceholderText(tr("Leave empty to generate a secret"));
            auto *note = new QLabel(tr("A secret value will be generated for you if you leave this empty."), m_envBox);
            note->setObjectName(QStringLiteral("envGenerated_") + var.key);
            note->setStyleSheet(QStringLiteral("color: palette(mid)"));
            m_envRows->addWidget(note);
        }
        m_envRows->addSpacing(6);
        m_env.insert(var.key, edit);
    }
}

// A list as tall as its rows (up to five), with a greyed placeholder row when it has none.
static void fitRows(QListWidget *list, const QString &placeholder)
{
    if (list->count() == 0) {
        auto *item = new QListWidgetItem(placeholder, list);
        item->setFlags(Qt::NoItemFlags);
    }
    const int rows = qMin(list->count(), 5);
    list->setFixedHeight(rows * (qMax(list->sizeHintForRow(0), 18) + 2 * list->spacing()) + 2 * list->frameWidth() + 2);
}

void ButtonDeployDialog::fillLists()
{
    m_addons->clear();
    for (const AppManifest::Addon &addon : m_manifest.addons)
        m_addons->addItem(addon.as.isEmpty() ? addon.plan : tr("%1 (as %2)").arg(addon.plan, addon.as));
    fitRows(m_addons, tr("No add-ons"));
    m_formation->clear();
    for (const AppManifest::Process &process : m_manifest.formation)
        m_formation->addItem(process.size.isEmpty() ? tr("%1: %n dyno(s)", nullptr, process.quantity).arg(process.type)
                                                    : tr("%1: %2 × %3").arg(process.type).arg(process.quantity).arg(process.size));
    fitRows(m_formation, tr("As the Procfile declares (one web dyno)"));
    m_buildpacks->setText(m_manifest.buildpacks.isEmpty() ? tr("Detected from the source")
                                                          : m_manifest.buildpacks.join(QStringLiteral(", ")));
}

// The manifest's logo (an http(s) or file URL), beside the name once it has loaded.
void ButtonDeployDialog::loadLogo()
{
    const QUrl url(m_manifest.logo);
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https") && !url.isLocalFile())
        return;
    QNetworkReply *reply = m_ctx.client.network().get(QNetworkRequest(url));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        QPixmap logo;
        if (reply->error() != QNetworkReply::NoError || !logo.loadFromData(reply->readAll()))
            return;
        m_logo->setPixmap(logo.scaled(m_logo->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
        m_logo->show();
    });
}

void ButtonDeployDialog::loadRegions()
{
    m_region->addItems({QStringLiteral("us"), QStringLiteral("eu")});
    m_ctx.client.getCached(QStringLiteral("/regions"), this, [this](const Reply &reply) {
        if (!reply.ok() || reply.array().isEmpty())
            return;
        const QString chosen = m_region->currentText();
        m_region->clear();
        for (const QJsonValue &region : reply.array())
            m_region->addItem(region.toObject().value(QStringLiteral("name")).toString());
        m_region->setCurrentText(chosen);
    });
}

void ButtonDeployDialog::updateDeploy()
{
    QStringList missing;
    for (const AppManifest::EnvVar &var : m_manifest.env)
        if (var.required && !var.generated && m_env.value(var.key) && m_env.value(var.key)->text().trimmed().isEmpty())
            missing.append(var.key);
    QString why;
    if (!m_loaded)
        why = m_error->text().isEmpty() ? tr("Reading app.json…") : tr("The app.json could not be read.");
    else if (!m_name->acceptable())
        why = m_name->state() == AppNameField::State::Checking ? tr("Checking the app name…") : tr("Choose another app name.");
    else if (!missing.isEmpty())
        why = tr("Fill in the required config vars: %1").arg(missing.join(QStringLiteral(", ")));
    const bool running = m_runner->isRunning() || m_pages->currentIndex() == 1;
    m_deploy->setEnabled(why.isEmpty() && !running);
    m_deploy->setVisible(m_pages->currentIndex() == 0);
    m_deploy->setToolTip(why);
    m_hint->setText(running ? QString() : why);
}

void ButtonDeployDialog::deploy()
{
    if (!m_deploy->isEnabled())
        return;
    SetupRunner::Request request;
    request.source = m_source; // a URL is passed through: the platform fetches it itself
    request.app = m_name->name();
    request.region = m_region->currentText();
    request.postdeploy = !m_manifest.postdeploy.isEmpty();
    for (auto it = m_env.cbegin(); it != m_env.cend(); ++it)
        if (!it.value()->text().isEmpty())
            request.env.insert(it.key(), it.value()->text());
    m_progress->follow(m_runner);
    m_pages->setCurrentIndex(1);
    m_cancel->setText(tr("Cancel"));
    m_runner->start(request);
    updateDeploy();
}

void ButtonDeployDialog::succeeded(const QJsonObject &setup)
{
    m_app = m_runner->app();
    m_viewUrl = setup.value(QStringLiteral("resolved_success_url")).toString();
    m_cancel->setText(tr("Close"));
    m_manage->show();
    m_view->show();
    m_view->setEnabled(!m_viewUrl.isEmpty());
    m_ctx.client.get(QStringLiteral("/apps/%1").arg(PlatformClient::pathPart(m_app)), this, [this](const Reply &reply) {
        if (m_viewUrl.isEmpty())
            m_viewUrl = reply.object().value(QStringLiteral("web_url")).toString();
        m_view->setEnabled(!m_viewUrl.isEmpty());
    });
    const QString text = tr("Deployed %1 from %2").arg(m_app, m_source);
    m_ctx.host.writeConsole(tr("Deploy %1").arg(m_app), QStringLiteral("\x1b[32m%1\x1b[0m\n").arg(text));
    m_ctx.report(text);
    emit m_ctx.appsChanged();
    updateDeploy();
    emit deployed(m_app);
}

void ButtonDeployDialog::failed(const QString &message, const QStringList &errors, const QString &app)
{
    m_app = app;
    m_cancel->setText(tr("Close"));
    // A failed postdeploy keeps the app, as on the platform; a refused manifest leaves none.
    if (!app.isEmpty())
        m_ctx.client.get(QStringLiteral("/apps/%1").arg(PlatformClient::pathPart(app)), this,
                         [this](const Reply &reply) { m_manage->setVisible(reply.ok()); });
    const QString text = errors.isEmpty() ? message : tr("%1 %2").arg(message, errors.join(QStringLiteral("; ")));
    m_ctx.host.writeConsole(app.isEmpty() ? tr("Platform") : tr("Deploy %1").arg(app),
                            QStringLiteral("\x1b[31m%1\x1b[0m\n").arg(text));
    m_ctx.report(text);
    if (!app.isEmpty())
        emit m_ctx.appsChanged();
    updateDeploy();
    emit deployFailed(text);
}

void ButtonDeployDialog::reject()
{
    if (m_runner->isRunning())
        return m_runner->cancel();
    QDialog::reject();
}

} // namespace dynodesk::ideplugin
