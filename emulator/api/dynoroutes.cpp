// Links of the dyno resource: list, info, restart and stop, served from the supervisor.
#include "apirouter.h"
#include "routes.h"

#include "dynos/supervisor.h"
#include "platform/platform.h"

namespace dynodesk::api {

using core::ApiError;

static nlohmann::json dynoJson(const dynos::DynoInfo &d, const std::string &appName)
{
    return {{"app", {{"id", d.appId}, {"name", appName}}}, {"attach_url", nullptr}, {"command", d.command},
            {"created_at", core::formatTimestamp(d.createdAt)}, {"id", d.id}, {"name", d.name},
            {"release", {{"id", d.releaseId}, {"version", d.releaseVersion}}}, {"size", d.size}, {"state", d.state},
            {"type", d.type}, {"updated_at", core::formatTimestamp(d.updatedAt)}};
}

void addDynoRoutes(ApiRouter &r, platform::Platform &p, dynos::Supervisor &s)
{
    r.add("GET", "/apps/{app}/dynos", "dyno", "List", [&p, &s](ApiContext &ctx) -> core::Result<ApiReply> {
        auto access = p.app(ctx.who(), ctx.param("app"));
        if (!access)
            return access.error();
        nlohmann::json items = nlohmann::json::array();
        for (const auto &d : s.dynos(access->app.id))
            items.push_back(dynoJson(d, access->app.name));
        return ApiReply::list(std::move(items), {"name", "id"});
    });
    r.add("GET", "/apps/{app}/dynos/{dyno}", "dyno", "Info", [&p, &s](ApiContext &ctx) -> core::Result<ApiReply> {
        auto access = p.app(ctx.who(), ctx.param("app"));
        if (!access)
            return access.error();
        for (const auto &d : s.dynos(access->app.id))
            if (d.name == ctx.param("dyno") || d.id == ctx.param("dyno"))
                return ApiReply{200, dynoJson(d, access->app.name), {}};
        return ApiError::notFound("Couldn't find that dyno.");
    });
    auto act = [&p, &s](bool stop, const char *param) {
        return [&p, &s, stop, param](ApiContext &ctx) -> core::Result<ApiReply> {
            auto access = p.app(ctx.who(), ctx.param("app"), platform::Action::Scale);
            if (!access)
                return access.error();
            const std::string which = param ? ctx.param(param) : std::string();
            const bool any = stop ? s.stop(access->app.id, which) : s.restart(access->app.id, which);
            if (!any && !which.empty())
                return ApiError::notFound("Couldn't find that " + std::string(which.find('.') != std::string::npos ? "dyno" : "process type") + ".");
            return ApiReply{202, nlohmann::json::object(), {}};
        };
    };
    r.add("DELETE", "/apps/{app}/dynos", "dyno", "Restart all", act(false, nullptr));
    r.add("DELETE", "/apps/{app}/dynos/{dyno}", "dyno", "Restart", act(false, "dyno"));
    r.add("DELETE", "/apps/{app}/formations/{type}", "dyno", "Restart formation", act(false, "type"));
    r.add("POST", "/apps/{app}/dynos/{dyno}/actions/stop", "dyno", "Stop", act(true, "dyno"));
    r.add("POST", "/apps/{app}/formations/{type}/actions/stop", "dyno", "Stop formation", act(true, "type"));
}

} // namespace dynodesk::api
