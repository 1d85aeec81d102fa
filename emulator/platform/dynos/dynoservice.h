#pragma once

#include "platform/service.h"

#include "dynos/supervisor.h"

#include <string>
#include <utility>
#include <vector>

namespace dynodesk::platform {

class FormationService;
class QuotaService;

// A one-off dyno just started: the dyno, its app's name and, for an attached one, the secret
// its client brings to the rendezvous.
struct StartedDyno final {
    dynos::DynoInfo dyno;
    std::string appName, secret;
};

// Dynos as the API sees them: listed, restarted, stopped and run one-off, with the caller's
// rights checked here; the dyno manager (an ISupervisor) does the work. Without one (a platform
// that runs no dynos), there are none, and actions on them answer 503.
class DynoService final : public detail::Service {
public:
    DynoService(detail::Environment &env, FormationService &formation, QuotaService &quotas);

    // Also tells the quotas, which count one-off dynos.
    void setSupervisor(dynos::ISupervisor *supervisor);
    // How dynos are isolated here (`heroku ps --extended`'s execution plane).
    std::string isolation() const { return m_supervisor ? m_supervisor->isolation() : std::string(); }

    Result<std::pair<App, std::vector<dynos::DynoInfo>>> dynos(const Actor &actor, const std::string &app);
    Result<std::pair<App, dynos::DynoInfo>> dyno(const Actor &actor, const std::string &app, const std::string &nameOrId);
    // `which` is empty (every dyno), a process type (`web`) or a dyno (`web.1`).
    Status restart(const Actor &actor, const std::string &app, const std::string &which);
    Status stop(const Actor &actor, const std::string &app, const std::string &which);
    Result<StartedDyno> runOneOff(const Actor &actor, const std::string &app, const dynos::OneOffRequest &request);

private:
    Status act(const Actor &actor, const std::string &app, const std::string &which, bool stop);

    FormationService &m_formation;
    QuotaService &m_quotas;
    dynos::ISupervisor *m_supervisor = nullptr;
};

} // namespace dynodesk::platform
