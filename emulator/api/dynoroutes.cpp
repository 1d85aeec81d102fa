// Links of the dyno resource: list, info, restart, stop and one-off runs, through the dyno service.
#include "apirouter.h"
#include "routehelpers.h"
#include "routes.h"

#include "core/names.h"
#include "platform/catalog.h"
#include "platform/platform.h"

namespace dynodesk::api {

using core::ApiError;

static nlohmann::json dynoJson(const dynos::DynoInfo &d, const std::string &appName, const std::string &attachUrl = {})
{
    return {{"app", {{"id", d.appId}, {"name", appName}}},
            {"attach_url", attachUrl.empty() ? nlohmann::json(nullptr) : nlohmann::json(attachUrl)}, {"command", d.command},
            {"created_at", core::formatTimestamp(d.createdAt)}, {"id", d.id}, {"name", d.name},
            {"release", {{"id", d.releaseId}, {"version", d.releaseVersion}}}, {"size", d.size}, {"state", d.state},
            {"type", d.type}, {"updated_at", core::formatTimestamp(d.updatedAt)}};
}

// `?extended=true` (`heroku ps --extended`): where the dyno runs. Here: this machine, and how
// the dyno is isolated (sandboxed, or why not).
static bool wantsExtended(const ApiContext &ctx)
{
    const auto &t = ctx.request.target;
    const auto q = t.find('?');
    return q != std::string::npos && t.find("extended=true", q) != std::string::npos;
}

static nlohmann::json withExtended(nlohmann::json dyno, const dynos::DynoInfo &d, const std::string &isolation)
{
    dyno["extended"] = {{"region", "us"}, {"execution_plane", isolation}, {"fleet", "dynodesk"}, {"instance", d.id},
                        {"ip", "127.0.0.1"}, {"port", d.port}, {"az", nullptr}, {"route", nullptr}};
    return dyno;
}

// The body of a one-off dyno's POST: {command, attach, size, env, force_no_tty}.
static core::Result<dynos::OneOffRequest> oneOffRequest(const nlohmann::json &body)
{
    dynos::OneOffRequest request;
    auto command = optionalString(body, "command");
    if (!command || command->find_first_not_of(" \t") == std::string::npos)
        return ApiError::invalidParams("Command must be given.");
    request.command = *command;
    const std::string size = optionalString(body, "size").value_or(std::string(platform::kDefaultDynoSize));
    auto known = platform::findDynoSize(size);
    if (!known)
        return ApiError::invalidParams("No such size as " + size
                                       + ". Use eco, basic, standard-1X, standard-2X, performance-M or performance-L.");
    request.size = known->name;
    request.memoryMb = known->memoryMb;
    request.attach = optionalBool(body, "attach").value_or(false);
    request.tty = !optionalBool(body, "force_no_tty").value_or(false);
    if (body.contains("env") && !body["env"].is_null()) {
        if (!body["env"].is_object())
            return ApiError::invalidParams("env must be an object of names and values.");
        for (const auto &[k, v] : body["env"].items()) {
            if (core::configKeyError(k))
                return ApiError::invalidParams("Invalid env name " + k + ".");
            if (!v.is_null())
                request.env[k] = v.is_string() ? v.get<std::string>() : v.dump();
        }
    }
    return request;
}

static nlohmann::json featureJson(const platform::AppFeature &f)
{
    return {{"created_at", f.createdAt}, {"description", f.description}, {"display_name", f.displayName},
            {"doc_url", f.docUrl}, {"enabled", f.enabled}, {"feedback_email", "labs@dynodesk.invalid"}, {"id", f.id},
            {"name", f.name}, {"state", f.state}, {"updated_at", f.updatedAt}};
}

static void addFeatureRoutes(ApiRouter &r, platform::Platform &p)
{
    r.add("GET", "/apps/{app}/features", "app-feature", "List", [&p](ApiContext &ctx) {
        return detail::replyList(p.features().features(ctx.who(), ctx.param("app")), featureJson, {"name", "id"});
    });
    r.add("GET", "/apps/{app}/features/{feature}", "app-feature", "Info", [&p](ApiContext &ctx) {
        return detail::reply(p.features().feature(ctx.who(), ctx.param("app"), ctx.param("feature")), featureJson);
    });
    r.add("PATCH", "/apps/{app}/features/{feature}", "app-feature", "Update", [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        auto enabled = optionalBool(ctx.body, "enabled");
        if (!enabled)
            return ApiError::invalidParams("enabled must be given: true or false.");
        return detail::reply(p.features().setFeature(ctx.who(), ctx.param("app"), ctx.param("feature"), *enabled), featureJson);
    });
}

void addDynoRoutes(ApiRouter &r, platform::Platform &p, const std::string &rendezvous)
{
    addFeatureRoutes(r, p);
    r.add("POST", "/apps/{app}/dynos", "dyno", "Create", [&p, rendezvous](ApiContext &ctx) -> core::Result<ApiReply> {
        auto request = oneOffRequest(ctx.body);
        if (!request)
            return request.error();
        auto started = p.dynos().runOneOff(ctx.who(), ctx.param("app"), request.value());
        if (!started)
            return started.error();
        const std::string attachUrl = started->secret.empty() ? std::string() : rendezvous + "/" + started->secret;
        return ApiReply{201, dynoJson(started->dyno, started->appName, attachUrl), {}};
    });
    r.add("GET", "/apps/{app}/dynos", "dyno", "List", [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        auto all = p.dynos().dynos(ctx.who(), ctx.param("app"));
        if (!all)
            return all.error();
        nlohmann::json items = nlohmann::json::array();
        const bool extended = wantsExtended(ctx);
        for (const auto &d : all->second)
            items.push_back(extended ? withExtended(dynoJson(d, all->first.name), d, p.dynos().isolation())
                                     : dynoJson(d, all->first.name));
        return ApiReply::list(std::move(items), {"name", "id"});
    });
    r.add("GET", "/apps/{app}/dynos/{dyno}", "dyno", "Info", [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        auto found = p.dynos().dyno(ctx.who(), ctx.param("app"), ctx.param("dyno"));
        if (!found)
            return found.error();
        auto json = dynoJson(found->second, found->first.name);
        return ApiReply{200, wantsExtended(ctx) ? withExtended(std::move(json), found->second, p.dynos().isolation()) : json, {}};
    });
    auto act = [&p](bool stop, const char *param) {
        return [&p, stop, param](ApiContext &ctx) -> core::Result<ApiReply> {
            const std::string which = param ? ctx.param(param) : std::string();
            auto done = stop ? p.dynos().stop(ctx.who(), ctx.param("app"), which)
                             : p.dynos().restart(ctx.who(), ctx.param("app"), which);
            if (!done)
                return done.error();
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
