// Collaborators and app transfers.

#include "accessservice.h"

#include "platform/transaction.h"
#include "core/ids.h"
#include "store/store.h"

namespace dynodesk::platform {

using core::ApiError;

AccessService::AccessService(detail::Environment &env) : Service(env) {}

Result<std::vector<Collaborator>> AccessService::collaborators(const Actor &actor, const std::string &appName)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    return m_store.collaborators.list(access->app.id);
}

Result<Collaborator> AccessService::collaborator(const Actor &actor, const std::string &appName,
                                                  const std::string &who)
{
    auto access = app(actor, appName);
    if (!access)
        return access.error();
    auto found = m_store.collaborators.find(access->app.id, who);
    if (!found)
        return ApiError::notFound("Couldn't find that collaborator.");
    return *found;
}

Result<Collaborator> AccessService::addCollaborator(const Actor &actor, const std::string &appName,
                                                     const std::string &email)
{
    auto access = app(actor, appName, Action::AddCollaborator);
    if (!access)
        return access.error();
    auto user = m_store.accounts.byIdOrEmail(email);
    if (!user)
        return ApiError::notFound("Couldn't find that user.");
    if (user->id == access->app.ownerId)
        return ApiError::invalidParams(user->email + " is the owner of " + access->app.name + ".");
    if (m_store.collaborators.find(access->app.id, user->id))
        return ApiError::invalidParams(user->email + " is already a collaborator on " + access->app.name + ".");
    const std::string at = now();
    Collaborator c{core::newId(), access->app.id, access->app.name, user->id, user->email, at, at};
    return inTransaction([&]() -> Result<Collaborator> {
        m_store.collaborators.insert(c);
        return c;
    });
}

Result<Collaborator> AccessService::removeCollaborator(const Actor &actor, const std::string &appName,
                                                        const std::string &who)
{
    auto found = collaborator(actor, appName, who);
    if (!found)
        return found;
    // A collaborator may always leave; removing others needs the right to.
    if (found->accountId != actor.id) {
        auto access = app(actor, appName, Action::RemoveCollaborator);
        if (!access)
            return access.error();
    }
    return inTransaction([&]() -> Result<Collaborator> {
        m_store.collaborators.remove(found->id);
        return *found;
    });
}

Result<AppTransfer> AccessService::createTransfer(const Actor &actor, const std::string &appName,
                                                const std::string &recipient)
{
    auto access = app(actor, appName, Action::Transfer);
    if (!access)
        return access.error();
    auto user = m_store.accounts.byIdOrEmail(recipient);
    if (!user)
        return ApiError::notFound("Couldn't find that user.");
    if (user->id == access->app.ownerId)
        return ApiError::invalidParams(user->email + " already owns " + access->app.name + ".");
    if (m_store.transfers.byIdOrAppName(access->app.name))
        return ApiError::invalidParams(access->app.name + " already has a pending transfer.");
    const std::string at = now();
    AppTransfer t{core::newId(), access->app.id, access->app.name, actor.id, actor.email, user->id, user->email,
                     "pending", at, at};
    return inTransaction([&]() -> Result<AppTransfer> {
        m_store.transfers.insert(t);
        return t;
    });
}

std::vector<AppTransfer> AccessService::transfers(const Actor &actor) { return m_store.transfers.listFor(actor.id); }

Result<AppTransfer> AccessService::transfer(const Actor &actor, const std::string &idOrApp)
{
    auto found = m_store.transfers.byIdOrAppName(idOrApp);
    if (!found || (found->ownerId != actor.id && found->recipientId != actor.id))
        return ApiError::notFound("Couldn't find that app transfer.");
    return *found;
}

Result<AppTransfer> AccessService::updateTransfer(const Actor &actor, const std::string &idOrApp,
                                                const std::string &state)
{
    auto found = transfer(actor, idOrApp);
    if (!found)
        return found;
    if (state != "accepted" && state != "declined")
        return ApiError::invalidParams("state must be accepted or declined.");
    if (found->recipientId != actor.id)
        return ApiError::forbidden("Only the recipient can accept or decline an app transfer.");
    return inTransaction([&]() -> Result<AppTransfer> {
        found->state = state;
        found->updatedAt = now();
        m_store.transfers.update(*found);
        if (state == "accepted") {
            auto appRecord = m_store.apps.byIdOrName(found->appId);
            if (!appRecord)
                return ApiError::notFound("Couldn't find that app.");
            if (appRecord->teamId) {
                // A team app leaves its team for the recipient, without its collaborators (as
                // `PATCH /teams/apps/{app}` with an account does).
                m_store.collaborators.removeAll(appRecord->id);
                appRecord->teamId.reset();
                appRecord->teamName.reset();
                appRecord->locked = false;
            } else {
                // The new owner stops being a collaborator; the old owner becomes one.
                if (auto c = m_store.collaborators.find(appRecord->id, found->recipientId))
                    m_store.collaborators.remove(c->id);
                m_store.collaborators.insert({core::newId(), appRecord->id, appRecord->name, found->ownerId,
                                              found->ownerEmail, found->updatedAt, found->updatedAt});
            }
            appRecord->ownerId = found->recipientId;
            appRecord->updatedAt = found->updatedAt;
            m_store.apps.update(*appRecord);
        }
        return *found;
    });
}

Result<AppTransfer> AccessService::deleteTransfer(const Actor &actor, const std::string &idOrApp)
{
    auto found = transfer(actor, idOrApp);
    if (!found)
        return found;
    if (found->ownerId != actor.id)
        return ApiError::forbidden("Only the owner can cancel an app transfer.");
    return inTransaction([&]() -> Result<AppTransfer> {
        m_store.transfers.remove(found->id);
        return *found;
    });
}

} // namespace dynodesk::platform
