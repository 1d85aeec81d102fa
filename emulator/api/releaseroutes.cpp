// Links of the config-var and release resources.
#include "apirouter.h"
#include "routehelpers.h"
#include "routes.h"
#include "views.h"

#include "platform/builds/deployer.h"

namespace dynodesk::api {

using core::ApiError;
using detail::reply;
using detail::replyList;

void addReleaseRoutes(ApiRouter &r, platform::Platform &p, platform::Deployer &deployer)
{
    r.add("GET", "/apps/{app}/config-vars", "config-var", "Info for App",
          [&p](ApiContext &ctx) { return reply(p.releases().configVars(ctx.who(), ctx.param("app")), views::configVars); });
    r.add("PATCH", "/apps/{app}/config-vars", "config-var", "Update", [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        platform::ConfigPatch patch;
        for (const auto &[key, value] : ctx.body.items()) {
            if (value.is_null())
                patch.emplace_back(key, std::nullopt);
            else if (value.is_string())
                patch.emplace_back(key, value.get<std::string>());
            else if (value.is_number() || value.is_boolean())
                patch.emplace_back(key, value.dump());
            else
                return ApiError::invalidParams("The value of " + key + " must be a string or null.");
        }
        return reply(p.releases().updateConfigVars(ctx.who(), ctx.param("app"), patch), views::configVars);
    });
    r.add("GET", "/apps/{app}/releases/{release}/config-vars", "config-var", "Info for App Release",
          [&p](ApiContext &ctx) -> core::Result<ApiReply> {
              auto release = p.releases().release(ctx.who(), ctx.param("app"), ctx.param("release"), platform::Action::ReadConfig);
              if (!release)
                  return release.error();
              return ApiReply{200, views::configVars(release->config), {}};
          });

    // A release that ran a release phase streams its output, live or kept, as on the platform.
    auto releaseView = [&p, &deployer](const platform::Release &release) {
        auto view = views::release(release);
        if (deployer.hasReleaseOutput(release.id))
            view["output_stream_url"] = "http://" + p.settings().host + ":" + std::to_string(p.settings().apiPort)
                    + "/streams/releases/" + release.id + ".log";
        return view;
    };
    r.add("GET", "/apps/{app}/releases", "release", "List", [&p, releaseView](ApiContext &ctx) {
        return replyList(p.releases().releases(ctx.who(), ctx.param("app")), releaseView, {"version", "id"});
    });
    r.add("GET", "/apps/{app}/releases/{release}", "release", "Info", [&p, releaseView](ApiContext &ctx) {
        return reply(p.releases().release(ctx.who(), ctx.param("app"), ctx.param("release")), releaseView);
    });
    // Create (from a slug) and Rollback share the link; the body says which.
    r.add("POST", "/apps/{app}/releases", "release", "Create", [&p, &deployer, releaseView](ApiContext &ctx) -> core::Result<ApiReply> {
        if (ctx.body.contains("slug"))
            return reply(deployer.releaseSlug(ctx.who(), ctx.param("app"), requiredString(ctx.body, "slug"),
                                                  optionalString(ctx.body, "description")),
                         releaseView, 201);
        return reply(p.releases().rollback(ctx.who(), ctx.param("app"), requiredString(ctx.body, "release")), releaseView, 201);
    });
}

} // namespace dynodesk::api
