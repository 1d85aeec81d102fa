#pragma once

#include "platformevents.h"

#include "platform/access/accessservice.h"
#include "platform/accounts/accountservice.h"
#include "platform/accounts/rosterimport.h"
#include "platform/addons/addonjobs.h"
#include "platform/addons/addonresolver.h"
#include "platform/addons/addonservice.h"
#include "platform/addons/attachmentservice.h"
#include "platform/apps/appservice.h"
#include "platform/builds/buildservice.h"
#include "platform/data/dataservice.h"
#include "platform/domains/domainservice.h"
#include "platform/drains/drainservice.h"
#include "platform/dynos/dynoservice.h"
#include "platform/features/featureservice.h"
#include "platform/formation/formationservice.h"
#include "platform/pipelines/pipelineservice.h"
#include "platform/quotas/quotaservice.h"
#include "platform/releases/releaseservice.h"
#include "platform/setups/appsetupservice.h"
#include "platform/teams/teamappservice.h"
#include "platform/teams/teamservice.h"

#include "addons/plancatalog.h"
#include "core/clock.h"
#include "core/coresettings.h"
#include "core/ilogsink.h"
#include "core/names.h"

#include <memory>

namespace dynodesk::store {
class Store;
}

namespace dynodesk::platform {

// The one place that changes the emulator's state (DESIGN rule 1): one service per resource,
// each in its own folder with its own types, sharing the store, the clock and the events. Every
// action runs on the core thread, checks what the actor may do, and applies its change in one
// store transaction: a failure leaves nothing half-applied and comes back as an ApiError value.
// A new resource is a new service folder and one member here.
class Platform final {
public:
    Platform(store::Store &store, const core::IClock &clock, core::Settings settings,
             core::NameGenerator names = core::NameGenerator());
    ~Platform();
    Platform(const Platform &) = delete;
    Platform &operator=(const Platform &) = delete;

    const core::Settings &settings() const { return m_env.settings; }
    void setRouterPort(uint16_t port) { m_env.settings.routerPort = port; }
    void setApiPort(uint16_t port) { m_env.settings.apiPort = port; }
    // Where the services write their own log lines (`app[api]: ...`); none by default.
    void setLogSink(core::ILogSink *sink) { m_env.log = sink; }
    // What the services tell the components that converge actual state to the desired one.
    PlatformEvents &events() { return *m_env.events; }

    AccountService &accounts() { return m_accounts; }
    const AccountService &accounts() const { return m_accounts; }
    AppService &apps() { return m_apps; }
    const AppService &apps() const { return m_apps; }
    AccessService &access() { return m_access; }
    const AccessService &access() const { return m_access; }
    ReleaseService &releases() { return m_releases; }
    const ReleaseService &releases() const { return m_releases; }
    FormationService &formation() { return m_formation; }
    const FormationService &formation() const { return m_formation; }
    BuildService &builds() { return m_builds; }
    const BuildService &builds() const { return m_builds; }
    FeatureService &features() { return m_features; }
    const FeatureService &features() const { return m_features; }
    DrainService &drains() { return m_drains; }
    const DrainService &drains() const { return m_drains; }
    DomainService &domains() { return m_domains; }
    const DomainService &domains() const { return m_domains; }
    // Add-ons: the add-ons themselves, their attachments, what an identifier names, and the
    // providers' work with the plans they offer.
    AddonService &addons() { return m_addons; }
    const AddonService &addons() const { return m_addons; }
    AttachmentService &attachments() { return m_attachments; }
    const AttachmentService &attachments() const { return m_attachments; }
    AddonResolver &addonResolver() { return m_addonResolver; }
    const AddonResolver &addonResolver() const { return m_addonResolver; }
    AddonJobs &addonJobs() { return m_addonJobs; }
    const AddonJobs &addonJobs() const { return m_addonJobs; }
    const addons::PlanCatalog &planCatalog() const { return m_planCatalog; }
    DataService &data() { return m_data; }
    DynoService &dynos() { return m_dynos; }
    // Teams, their members, and their apps' locks, moves and permissions.
    // Per-account quotas set per team, and class rosters (both for the server's operator).
    QuotaService &quotas() { return m_quotas; }
    RosterImport &roster() { return m_roster; }
    TeamService &teams() { return m_teams; }
    const TeamService &teams() const { return m_teams; }
    TeamAppService &teamApps() { return m_teamApps; }
    const TeamAppService &teamApps() const { return m_teamApps; }
    const DataService &data() const { return m_data; }
    // App setups (`/app-setups`); the SetupRunner does their work.
    AppSetupService &setups() { return m_setups; }
    // Pipelines, their couplings and promotions.
    PipelineService &pipelines() { return m_pipelines; }
    const PipelineService &pipelines() const { return m_pipelines; }

private:
    detail::Environment m_env;
    const addons::PlanCatalog m_planCatalog;
    AccountService m_accounts;
    QuotaService m_quotas;
    FormationService m_formation;
    ReleaseService m_releases;
    AccessService m_access;
    BuildService m_builds;
    FeatureService m_features;
    DrainService m_drains;
    DomainService m_domains;
    AddonResolver m_addonResolver;
    AttachmentService m_attachments;
    AddonJobs m_addonJobs;
    AddonService m_addons;
    DataService m_data;
    DynoService m_dynos;
    TeamService m_teams;
    RosterImport m_roster;
    TeamAppService m_teamApps;
    PipelineService m_pipelines;
    AppService m_apps;
    AppSetupService m_setups;
};

} // namespace dynodesk::platform
