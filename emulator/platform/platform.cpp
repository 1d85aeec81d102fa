#include "platform.h"

#include "store/store.h"

namespace dynodesk::platform {

Platform::Platform(store::Store &store, const core::IClock &clock, core::Settings settings, core::NameGenerator names)
    : m_env{store, clock, std::move(settings), std::move(names), nullptr, std::make_unique<PlatformEvents>()},
      m_accounts(m_env), m_formation(m_env), m_releases(m_env, m_formation), m_access(m_env),
      m_builds(m_env, m_releases, m_formation), m_features(m_env), m_drains(m_env), m_domains(m_env),
      m_addons(m_env, m_releases, m_accounts), m_data(m_env, m_addons, m_releases), m_dynos(m_env, m_formation),
      m_apps(m_env, m_releases, m_addons, m_data)
{
}

Platform::~Platform() = default;

} // namespace dynodesk::platform
