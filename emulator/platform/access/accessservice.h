#pragma once

#include "accesstypes.h"

#include "platform/service.h"

#include <string>
#include <vector>

namespace dynodesk::platform {

// Who else works on an app: collaborators, and transfers of an app to another account.
class AccessService final : public detail::Service {
public:
    explicit AccessService(detail::Environment &env);

    Result<std::vector<Collaborator>> collaborators(const Actor &actor, const std::string &app);
    Result<Collaborator> collaborator(const Actor &actor, const std::string &app, const std::string &who);
    Result<Collaborator> addCollaborator(const Actor &actor, const std::string &app, const std::string &email);
    Result<Collaborator> removeCollaborator(const Actor &actor, const std::string &app, const std::string &who);
    Result<AppTransfer> createTransfer(const Actor &actor, const std::string &app, const std::string &recipient);
    std::vector<AppTransfer> transfers(const Actor &actor);
    Result<AppTransfer> transfer(const Actor &actor, const std::string &idOrApp);
    Result<AppTransfer> updateTransfer(const Actor &actor, const std::string &idOrApp, const std::string &state);
    Result<AppTransfer> deleteTransfer(const Actor &actor, const std::string &idOrApp);
};

} // namespace dynodesk::platform
