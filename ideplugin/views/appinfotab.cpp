#include "appinfotab.h"

#include "appactions.h"
#include "displaytext.h"
#include "editedapp.h"
#include "plugincontext.h"

#include <QCheckBox>
#include <QDesktopServices>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

void applyOwnerOnly(const EditedApp &app, std::initializer_list<QPushButton *> buttons)
{
    const bool owner = app.isOwner();
    const QString why = owner ? QString() : AppInfoTab::tr("Only the app's owner, %1, can do this.").arg(app.ownerEmail());
    for (QPushButton *b : buttons) {
        b->setEnabled(owner);
        b->setToolTip(why);
    }
}

AppInfoTab::AppInfoTab(EditedApp &app, QWidget *parent) : AppTab(app, parent)
{
    auto *form = new QFormLayout;
    const QString names[] = {tr("Name"), tr("Web URL"), tr("Git URL"), tr("Region"), tr("Stack"),
                             tr("Owner"), tr("Slug size"), tr("Repository size"), tr("Created")};
    for (int i = 0; i < 9; ++i) {
        m_labels[i] = new QLabel(this);
        m_labels[i]->setObjectName(QStringLiteral("info%1").arg(i));
        m_labels[i]->setTextInteractionFlags(Qt::TextBrowserInteraction);
        form->addRow(names[i] + QLatin1Char(':'), m_labels[i]);
    }
    m_labels[1]->setOpenExternalLinks(false);
    connect(m_labels[1], &QLabel::linkActivated, this, [this](const QString &url) { ctx().host.openUrl(QUrl(url)); });
    m_maintenance = new QCheckBox(tr("Maintenance mode (the router answers with the maintenance page)"), this);
    m_maintenance->setObjectName(QStringLiteral("maintenanceToggle"));
    form->addRow(QString(), m_maintenance);
    pageLayout()->addLayout(form);
    m_rename = addButton(QStringLiteral("renameButton"), tr("Rename…"));
    auto *open = addButton(QStringLiteral("openButton"), tr("Open"));
    auto *browser = addButton(QStringLiteral("openBrowserButton"), tr("Open in System Browser"));
    m_destroy = addButton(QStringLiteral("destroyButton"), tr("Destroy…"));
    pageLayout()->addStretch();

    auto webUrl = [this] { return QUrl(m_app.info().value(QStringLiteral("web_url")).toString()); };
    connect(m_maintenance, &QCheckBox::clicked, this, &AppInfoTab::setMaintenance);
    connect(m_rename, &QPushButton::clicked, this, &AppInfoTab::rename);
    connect(open, &QPushButton::clicked, this, [this, webUrl] { ctx().host.openUrl(webUrl()); });
    connect(browser, &QPushButton::clicked, this, [webUrl] { QDesktopServices::openUrl(webUrl()); });
    connect(m_destroy, &QPushButton::clicked, this, [this] { appactions::destroy(ctx(), m_app.name(), this); });
}

void AppInfoTab::setMaintenance(bool on)
{
    ctx().client.patch(m_app.path(), {{QStringLiteral("maintenance"), on}}, this, [this, on](const Reply &r) {
        if (!r.ok())
            return ctx().fail(tr("Maintenance mode"), r), load();
        const QString app = m_app.name();
        m_app.done(on ? tr("Maintenance mode is on for %1.").arg(app) : tr("Maintenance mode is off for %1.").arg(app));
        load();
    });
}

void AppInfoTab::rename()
{
    const QString app = m_app.name();
    bool ok = false;
    const QString name =
            QInputDialog::getText(this, tr("Rename %1").arg(app), tr("New name:"), QLineEdit::Normal, app, &ok).trimmed();
    if (!ok || name.isEmpty() || name == app)
        return;
    ctx().client.patch(m_app.path(), {{QStringLiteral("name"), name}}, this, [this, name](const Reply &r) {
        if (!r.ok())
            return ctx().fail(tr("Renaming %1").arg(m_app.name()), r);
        const QString old = m_app.name();
        m_app.rename(name);
        m_app.done(tr("Renamed %1 to %2. Update your git remote to the new git URL.").arg(old, name));
        emit ctx().appsChanged();
        emit m_app.refreshRequested();
    });
}

void AppInfoTab::load()
{
    ctx().client.get(m_app.path(), this, [this](const Reply &r) {
        if (!r.ok())
            return m_app.showError(r.error);
        m_app.setInfo(r.object());
        show(r.object());
        applyPermissions();
        emit m_app.loaded(QStringLiteral("info"));
    });
}

void AppInfoTab::show(const QJsonObject &info)
{
    auto nameOf = [&info](const char *key) {
        return info.value(QLatin1String(key)).toObject().value(QStringLiteral("name")).toString();
    };
    const QString web = info.value(QStringLiteral("web_url")).toString();
    const QString values[] = {info.value(QStringLiteral("name")).toString(),
                              QStringLiteral("<a href=\"%1\">%1</a>").arg(web.toHtmlEscaped()),
                              info.value(QStringLiteral("git_url")).toString(),
                              nameOf("region"),
                              nameOf("stack"),
                              m_app.ownerEmail(),
                              displaySize(info.value(QStringLiteral("slug_size"))),
                              displaySize(info.value(QStringLiteral("repo_size"))),
                              displayTime(info.value(QStringLiteral("created_at")))};
    for (int i = 0; i < 9; ++i)
        m_labels[i]->setText(values[i]);
    m_maintenance->setChecked(info.value(QStringLiteral("maintenance")).toBool());
}

void AppInfoTab::applyPermissions() { applyOwnerOnly(m_app, {m_rename, m_destroy}); }

} // namespace dynodesk::ideplugin
