// Links of the log-session and log-drain resources.
#include "apirouter.h"
#include "routehelpers.h"
#include "routes.h"

#include "core/clock.h"
#include "logs/logplex.h"
#include "platform/platform.h"

namespace dynodesk::api {

using core::ApiError;

static nlohmann::json drainJson(const platform::Drain &d)
{
    return {{"addon", nullptr},       {"app", {{"id", d.appId}, {"name", d.appName}}},
            {"created_at", d.createdAt}, {"id", d.id},
            {"token", d.token},         {"updated_at", d.updatedAt},
            {"url", d.url}};
}

static void addDrainRoutes(ApiRouter &r, platform::Platform &p)
{
    r.add("GET", "/apps/{app}/log-drains", "log-drain", "List", [&p](ApiContext &ctx) {
        return detail::replyList(p.drains().drains(ctx.who(), ctx.param("app")), drainJson, {"id"});
    });
    r.add("POST", "/apps/{app}/log-drains", "log-drain", "Create", [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        auto url = optionalString(ctx.body, "url");
        if (!url || url->empty())
            return ApiError::invalidParams("Url must be given: the syslog or HTTPS endpoint to drain to.");
        auto drain = p.drains().addDrain(ctx.who(), ctx.param("app"), *url);
        if (!drain)
            return drain.error();
        return ApiReply{201, drainJson(drain.value()), {}};
    });
    r.add("GET", "/apps/{app}/log-drains/{drain}", "log-drain", "Info", [&p](ApiContext &ctx) {
        return detail::reply(p.drains().drain(ctx.who(), ctx.param("app"), ctx.param("drain")), drainJson);
    });
    r.add("DELETE", "/apps/{app}/log-drains/{drain}", "log-drain", "Delete", [&p](ApiContext &ctx) {
        return detail::reply(p.drains().removeDrain(ctx.who(), ctx.param("app"), ctx.param("drain")), drainJson);
    });
}

void addLogRoutes(ApiRouter &r, platform::Platform &p, logs::Logplex &logplex)
{
    addDrainRoutes(r, p);
    r.add("POST", "/apps/{app}/log-sessions", "log-session", "Create", [&p, &logplex](ApiContext &ctx) -> core::Result<ApiReply> {
        auto access = p.apps().app(ctx.who(), ctx.param("app"));
        if (!access)
            return access.error();
        logs::LogSession session;
        session.appId = access->app.id;
        session.filter.source = optionalString(ctx.body, "source").value_or("");
        session.filter.dyno = optionalString(ctx.body, "dyno").value_or("");
        if (!session.filter.source.empty() && session.filter.source != "app" && session.filter.source != "heroku")
            return ApiError::invalidParams("source must be app or heroku.");
        session.lines = static_cast<int>(optionalInteger(ctx.body, "lines").value_or(100));
        if (session.lines < 0)
            return ApiError::invalidParams("lines must be zero or more.");
        session.lines = std::min(session.lines, static_cast<int>(logs::Logplex::kBufferLines));
        session.tail = optionalBool(ctx.body, "tail").value_or(false);
        const std::string id = logplex.createSession(session);
        const std::string at = core::formatTimestamp(std::chrono::system_clock::now());
        const std::string url = "http://" + p.settings().host + ":" + std::to_string(p.settings().apiPort) + "/log-sessions/" + id;
        return ApiReply{201, {{"created_at", at}, {"id", id}, {"logplex_url", url}, {"updated_at", at}}, {}};
    });
}

} // namespace dynodesk::api
