// Links of the app, region and stack resources.
#include "apirouter.h"
#include "routehelpers.h"
#include "routes.h"
#include "views.h"

namespace dynodesk::api {

using core::ApiError;
using detail::reply;
using detail::replyList;

void addAppRoutes(ApiRouter &r, platform::Platform &p)
{
    auto appView = [&p](const platform::App &a) { return views::app(a, p); };
    auto create = [&p, appView](ApiContext &ctx) {
        platform::AppCreate params{optionalString(ctx.body, "name"), optionalString(ctx.body, "region"),
                                   optionalString(ctx.body, "stack")};
        return reply(p.apps().createApp(ctx.who(), params), appView, 201);
    };
    r.add("POST", "/apps", "app", "Create", create);
    r.add("GET", "/apps", "app", "List",
          [&p, appView](ApiContext &ctx) { return replyList(p.apps().visibleApps(ctx.who()), appView, {"id", "name"}); });
    r.add("GET", "/users/{user}/apps", "app", "List Owned and Collaborated",
          [&p, appView](ApiContext &ctx) -> core::Result<ApiReply> {
              const auto &user = ctx.param("user");
              if (user != "~" && user != ctx.who().id && user != ctx.who().email)
                  return ApiError::forbidden("You can only list your own apps.");
              return replyList(p.apps().apps(ctx.who()), appView, {"id", "name"});
          });
    r.add("GET", "/apps/{app}", "app", "Info", [&p, appView](ApiContext &ctx) -> core::Result<ApiReply> {
        auto access = p.apps().app(ctx.who(), ctx.param("app"));
        if (!access)
            return access.error();
        return ApiReply{200, appView(access->app), {}};
    });
    r.add("PATCH", "/apps/{app}", "app", "Update", [&p, appView](ApiContext &ctx) {
        platform::AppUpdate update{optionalString(ctx.body, "name"), optionalBool(ctx.body, "maintenance"),
                                   optionalString(ctx.body, "build_stack")};
        return reply(p.apps().updateApp(ctx.who(), ctx.param("app"), update), appView);
    });
    r.add("DELETE", "/apps/{app}", "app", "Delete",
          [&p, appView](ApiContext &ctx) { return reply(p.apps().destroyApp(ctx.who(), ctx.param("app")), appView); });

    r.add("GET", "/regions", "region", "List",
          [](ApiContext &) { return replyList(platform::regions(), views::region, {"id", "name"}); });
    r.add("GET", "/regions/{region}", "region", "Info", [](ApiContext &ctx) -> core::Result<ApiReply> {
        auto found = platform::findRegion(ctx.param("region"));
        if (!found)
            return ApiError::notFound("Couldn't find that region.");
        return ApiReply{200, views::region(*found), {}};
    });
    auto stacks = [&p] { return std::vector{platform::stack(p.settings().stackName)}; };
    r.add("GET", "/stacks", "stack", "List",
          [stacks](ApiContext &) { return replyList(stacks(), views::stack, {"id", "name"}); });
    r.add("GET", "/stacks/{stack}", "stack", "Info", [stacks](ApiContext &ctx) -> core::Result<ApiReply> {
        for (const auto &s : stacks())
            if (s.name == ctx.param("stack") || s.id == ctx.param("stack"))
                return ApiReply{200, views::stack(s), {}};
        return ApiError::notFound("Couldn't find that stack.");
    });
    r.add("GET", "/apps/{app}/available-stacks", "stack", "List by App",
          [&p, stacks](ApiContext &ctx) -> core::Result<ApiReply> {
              auto access = p.apps().app(ctx.who(), ctx.param("app"));
              if (!access)
                  return access.error();
              return replyList(stacks(), views::stack, {"id", "name"});
          });
}

} // namespace dynodesk::api
