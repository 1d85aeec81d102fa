#include "platformpreferences.h"

#include "client/netrc.h"
#include "credentialspage.h"
#include "platformpage.h"
#include "plugincontext.h"
#include "sshkeyspage.h"

#include <QPointer>
#include <QSettings>

namespace dynodesk::ideplugin {

PlatformPreferences::PlatformPreferences(PluginContext &ctx, QString netrcPath, QString sshDir, QObject *parent)
    : QObject(parent), m_ctx(ctx), m_netrcPath(std::move(netrcPath)), m_sshDir(std::move(sshDir))
{
}

QList<app::IPreferencesPage *> PlatformPreferences::makePages(QWidget *dialog)
{
    const PlatformSettings settings = PlatformSettings::load(m_ctx.host.settingsStore());
    auto *platform = new PlatformPage(settings, m_ctx.host.network(), m_netrcPath, dialog);
    connect(platform, &PlatformPage::accepted, this, [this, platform] { accepted(*platform); });
    auto *sshKeys = new SshKeysPage(m_ctx.client.isConnected() ? &m_ctx.client : nullptr, m_sshDir, dialog);
    sshKeys->refresh();
    return {platform, new CredentialsPage(m_netrcPath, dialog), sshKeys};
}

void PlatformPreferences::accepted(const PlatformPage &page)
{
    const PlatformSettings before = PlatformSettings::load(m_ctx.host.settingsStore());
    const PlatformSettings chosen = page.settings();
    chosen.save(m_ctx.host.settingsStore());
    const bool changed = chosen.kind != before.kind || chosen.chosenUrl() != before.chosenUrl() ||
                         page.token() != m_ctx.host.apiToken();
    if (!changed)
        return;
    if (chosen.kind == PlatformKind::Local)
        m_ctx.host.connectLocal();
    else
        connectRemote(chosen, page.token());
}

void PlatformPreferences::connectChosenPlatform()
{
    const PlatformSettings chosen = PlatformSettings::load(m_ctx.host.settingsStore());
    if (chosen.kind == PlatformKind::Local)
        return void(m_ctx.host.connectLocal());
    Netrc netrc(m_netrcPath);
    netrc.load();
    const auto entry = netrc.find(Netrc::machinesFor(chosen.chosenUrl()).first);
    connectRemote(chosen, entry ? entry->password : QString());
}

void PlatformPreferences::connectRemote(const PlatformSettings &settings, const QString &token)
{
    const QString url = settings.chosenUrl();
    const QString host = QUrl(url).authority();
    m_ctx.host.connectRemote(url, token,
                             settings.kind == PlatformKind::Real ? tr("Platform · %1").arg(host)
                                                                 : tr("Remote server · %1").arg(host));
    // Ask the remote platform who we are, so an unreachable server or a revoked key shows at once.
    auto *check = new PlatformClient(m_ctx.host.network(), this);
    check->setEndpoint(QUrl(url), token);
    check->get(QStringLiteral("/account"), this, [this, check, url](const Reply &reply) {
        check->deleteLater();
        if (!reply.ok() && m_ctx.host.apiUrl() == url)
            m_ctx.host.disconnectPlatform(reply.error);
    });
}

} // namespace dynodesk::ideplugin
