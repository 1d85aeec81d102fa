#pragma once

#include "teamtypes.h"

#include "platform/access/accesstypes.h"
#include "platform/apps/apptypes.h"
#include "platform/service.h"

#include <optional>
#include <string>
#include <vector>

namespace dynodesk::platform {

// A team's apps: locking, moving apps into and out of a team, and who holds which permission on
// them (`team-app-collaborator`). The rule itself is the common one (Service::app).
class TeamAppService final : public detail::Service {
public:
    explicit TeamAppService(detail::Environment &env);

    Result<App> teamApp(const Actor &actor, const std::string &app);
    Result<App> updateApp(const Actor &actor, const std::string &app, const TeamAppUpdate &update);

    Result<std::vector<TeamAppCollaborator>> collaborators(const Actor &actor, const std::string &app);
    Result<TeamAppCollaborator> collaborator(const Actor &actor, const std::string &app, const std::string &who);
    // Without permissions, a team member joining the app (`apps:join`) gets view, deploy, operate.
    Result<TeamAppCollaborator> addCollaborator(const Actor &actor, const std::string &app, const std::string &email,
                                                const std::optional<std::vector<std::string>> &permissions);
    Result<TeamAppCollaborator> updateCollaborator(const Actor &actor, const std::string &app, const std::string &who,
                                                   const std::vector<std::string> &permissions);
    Result<TeamAppCollaborator> removeCollaborator(const Actor &actor, const std::string &app, const std::string &who);

private:
    Result<App> lock(const Actor &actor, const std::string &app, bool locked);
    Result<App> moveToTeam(const Actor &actor, const std::string &app, const Team &team);
    Result<App> moveToAccount(const Actor &actor, const std::string &app, const std::string &account);
    Result<AppAccess> teamAppAccess(const Actor &actor, const std::string &app, Action action);
    TeamAppCollaborator view(const Collaborator &c, const App &app) const;
};

} // namespace dynodesk::platform
