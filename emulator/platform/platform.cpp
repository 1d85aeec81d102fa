#include "platform.h"

#include "store/store.h"

namespace dynodesk::platform {

Platform::Platform(store::Store &store, const core::IClock &clock, core::Settings settings, core::NameGenerator names)
    : m_env{store, clock, std::move(settings), std::move(names), nullptr, std::make_unique<PlatformEvents>()},
      m_accounts(m_env), m_quotas(m_env), m_formation(m_env, m_quotas), m_releases(m_env, m_formation), m_access(m_env),
      m_builds(m_env, m_releases, m_formation), m_features(m_env), m_drains(m_env), m_domains(m_env),
      m_addonResolver(m_env), m_attachments(m_env, m_releases, m_addonResolver, m_planCatalog),
      m_addonJobs(m_env, m_releases, m_accounts, m_attachments, m_planCatalog),
      m_addons(m_env, m_releases, m_addonResolver, m_attachments, m_addonJobs, m_planCatalog, m_quotas),
      m_data(m_env, m_addonResolver, m_attachments, m_addonJobs, m_releases, m_planCatalog), m_dynos(m_env, m_formation, m_quotas),
      m_teams(m_env), m_roster(m_env, m_accounts, m_teams), m_teamApps(m_env), m_pipelines(m_env, m_teamApps),
      m_apps(m_env, m_releases, m_attachments, m_addonJobs, m_data, m_quotas), m_setups(m_env)
{
}

Platform::~Platform() = default;

} // namespace dynodesk::platform
