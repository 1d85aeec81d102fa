#include "appeditor.h"

#include "activitytab.h"
#include "addonstab.h"
#include "appinfotab.h"
#include "buildpackstab.h"
#include "collaboratorstab.h"
#include "configvarstab.h"
#include "domainstab.h"
#include "editedapp.h"
#include "processestab.h"
#include "releasestab.h"
#include "teamcollaboratorstab.h"

#include <QJsonObject>
#include <QLabel>
#include <QSignalBlocker>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

AppEditor::AppEditor(PluginContext &ctx, const QString &app, QWidget *parent)
    : QWidget(parent), m_app(new EditedApp(ctx, app, this)), m_tabs(new QTabWidget(this)), m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("appEditor:") + app);
    m_tabs->setObjectName(QStringLiteral("appEditorTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true);
    addTab(new AppInfoTab(*m_app), tr("Application Info"));
    m_collaboratorsIndex = int(m_pages.size());
    addTab(new CollaboratorsTab(*m_app), tr("Collaborators"));
    addTab(new ConfigVarsTab(*m_app), tr("Environment Variables"));
    addTab(new ProcessesTab(*m_app), tr("Processes"));
    addTab(new ReleasesTab(*m_app), tr("Releases"));
    addTab(new AddonsTab(*m_app), tr("Add-ons"));
    addTab(new DomainsTab(*m_app), tr("Domains"));
    addTab(new BuildpacksTab(*m_app), tr("Buildpacks"));
    addTab(new ActivityTab(*m_app), tr("Activity"));
    // One status line under the tabs: what the last change did, or why it failed.
    m_status->setObjectName(QStringLiteral("editorStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 4);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_status);

    connect(m_app, &EditedApp::statusChanged, m_status, &QLabel::setText);
    connect(m_app, &EditedApp::changed, this, &AppEditor::changed);
    connect(m_app, &EditedApp::loaded, this, &AppEditor::loaded);
    connect(m_app, &EditedApp::refreshRequested, this, &AppEditor::refreshAll);
    connect(m_app, &EditedApp::infoChanged, this, &AppEditor::matchCollaboratorsTab);
    connect(m_app, &EditedApp::renamed, this,
            [this](const QString &name) { setObjectName(QStringLiteral("appEditor:") + name); });
    // The shown tab is read again every few seconds where the platform changes it by itself:
    // dynos come up, add-ons finish provisioning, builds run.
    auto *poll = new QTimer(this);
    poll->setInterval(3000);
    connect(poll, &QTimer::timeout, this, [this] {
        if (isVisible())
            m_pages.at(m_tabs->currentIndex())->poll();
    });
    poll->start();
    connect(m_tabs, &QTabWidget::currentChanged, this, &AppEditor::refreshAll);
    refreshAll();
}

QString AppEditor::app() const { return m_app->name(); }

void AppEditor::addTab(AppTab *tab, const QString &title)
{
    m_pages.append(tab);
    m_tabs->addTab(tab, title);
}

void AppEditor::matchCollaboratorsTab()
{
    const bool team = m_app->info().value(QStringLiteral("team")).isObject();
    AppTab *old = m_pages.at(m_collaboratorsIndex);
    if (team == (qobject_cast<TeamCollaboratorsTab *>(old) != nullptr))
        return;
    AppTab *tab = team ? static_cast<AppTab *>(new TeamCollaboratorsTab(*m_app)) : new CollaboratorsTab(*m_app);
    const bool shown = m_tabs->currentIndex() == m_collaboratorsIndex;
    {
        const QSignalBlocker quiet(m_tabs); // the same tab, another widget: nothing to read again
        m_tabs->removeTab(m_collaboratorsIndex);
        m_tabs->insertTab(m_collaboratorsIndex, tab, tr("Collaborators"));
        if (shown)
            m_tabs->setCurrentIndex(m_collaboratorsIndex);
    }
    m_pages[m_collaboratorsIndex] = tab;
    old->deleteLater();
    tab->load();
}

void AppEditor::refreshAll()
{
    for (AppTab *tab : std::as_const(m_pages))
        tab->load();
}

} // namespace dynodesk::ideplugin
