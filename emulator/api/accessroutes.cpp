// Links of the collaborator and app-transfer resources.
#include "apirouter.h"
#include "routehelpers.h"
#include "routes.h"
#include "views.h"

namespace dynodesk::api {

using core::ApiError;
using detail::reply;
using detail::replyList;

void addAccessRoutes(ApiRouter &r, platform::Platform &p)
{
    r.add("GET", "/apps/{app}/collaborators", "collaborator", "List", [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        auto access = p.apps().app(ctx.who(), ctx.param("app"));
        if (!access)
            return access.error();
        nlohmann::json items = nlohmann::json::array({views::ownerCollaborator(access->app)});
        if (access->app.teamId) {
            // A team app lists its collaborators with their roles and permissions.
            auto list = p.teamApps().collaborators(ctx.who(), ctx.param("app"));
            if (!list)
                return list.error();
            for (const auto &c : list.value())
                items.push_back(views::teamAppCollaborator(c));
            return ApiReply::list(std::move(items), {"email", "id"});
        }
        auto list = p.access().collaborators(ctx.who(), ctx.param("app"));
        if (!list)
            return list.error();
        for (const auto &c : list.value())
            items.push_back(views::collaborator(c));
        return ApiReply::list(std::move(items), {"email", "id"});
    });
    r.add("GET", "/apps/{app}/collaborators/{who}", "collaborator", "Info",
          [&p](ApiContext &ctx) -> core::Result<ApiReply> {
              auto access = p.apps().app(ctx.who(), ctx.param("app"));
              if (!access)
                  return access.error();
              const auto &who = ctx.param("who");
              if (access->app.teamId)
                  return reply(p.teamApps().collaborator(ctx.who(), ctx.param("app"), who), views::teamAppCollaborator);
              if (who == access->app.ownerEmail || who == access->app.ownerId)
                  return ApiReply{200, views::ownerCollaborator(access->app), {}};
              return reply(p.access().collaborator(ctx.who(), ctx.param("app"), who), views::collaborator);
          });
    r.add("POST", "/apps/{app}/collaborators", "collaborator", "Create", [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        auto access = p.apps().app(ctx.who(), ctx.param("app"));
        if (access && access->app.teamId)
            return reply(p.teamApps().addCollaborator(ctx.who(), ctx.param("app"), requiredString(ctx.body, "user"),
                                                      std::nullopt),
                         views::teamAppCollaborator, 201);
        return reply(p.access().addCollaborator(ctx.who(), ctx.param("app"), requiredString(ctx.body, "user")),
                     views::collaborator, 201);
    });
    r.add("DELETE", "/apps/{app}/collaborators/{who}", "collaborator", "Delete",
          [&p](ApiContext &ctx) -> core::Result<ApiReply> {
              auto access = p.apps().app(ctx.who(), ctx.param("app"));
              if (!access)
                  return access.error();
              const auto &who = ctx.param("who");
              if (access->app.teamId)
                  return reply(p.teamApps().removeCollaborator(ctx.who(), ctx.param("app"), who),
                               views::teamAppCollaborator);
              if (who == access->app.ownerEmail || who == access->app.ownerId)
                  return ApiError::invalidParams("The owner of " + access->app.name
                                                 + " cannot be removed; transfer the app first.");
              return reply(p.access().removeCollaborator(ctx.who(), ctx.param("app"), who), views::collaborator);
          });

    r.add("POST", "/account/app-transfers", "app-transfer", "Create", [&p](ApiContext &ctx) {
        return reply(p.access().createTransfer(ctx.who(), requiredString(ctx.body, "app"), requiredString(ctx.body, "recipient")),
                     views::transfer, 201);
    });
    r.add("GET", "/account/app-transfers", "app-transfer", "List",
          [&p](ApiContext &ctx) { return replyList(p.access().transfers(ctx.who()), views::transfer, {"id"}); });
    r.add("GET", "/account/app-transfers/{transfer}", "app-transfer", "Info",
          [&p](ApiContext &ctx) { return reply(p.access().transfer(ctx.who(), ctx.param("transfer")), views::transfer); });
    r.add("PATCH", "/account/app-transfers/{transfer}", "app-transfer", "Update", [&p](ApiContext &ctx) {
        return reply(p.access().updateTransfer(ctx.who(), ctx.param("transfer"), requiredString(ctx.body, "state")),
                     views::transfer);
    });
    r.add("DELETE", "/account/app-transfers/{transfer}", "app-transfer", "Delete",
          [&p](ApiContext &ctx) { return reply(p.access().deleteTransfer(ctx.who(), ctx.param("transfer")), views::transfer); });
}

} // namespace dynodesk::api
