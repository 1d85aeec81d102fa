// Links of the app-setup resource: POST /app-setups and GET /app-setups/{id}.
#include "apirouter.h"
#include "routehelpers.h"
#include "routes.h"
#include "sourceaccess.h"
#include "views.h"

#include "platform/setups/setuprunner.h"

#include <QUrl>

namespace dynodesk::api {

using core::ApiError;
using nlohmann::json;

// The schema's app-setup: the app by id and name, the build by id, status and output stream.
static json setupView(platform::Platform &p, const platform::Actor &who, const platform::AppSetup &s,
                      const std::string &base)
{
    json build = nullptr;
    if (s.buildId && s.appId)
        if (auto b = p.builds().build(who, *s.appId, *s.buildId)) {
            const json full = views::build(*b, base);
            build = {{"id", full["id"]}, {"status", full["status"]}, {"output_stream_url", full["output_stream_url"]}};
        }
    json postdeploy = nullptr;
    if (s.postdeployExitCode)
        postdeploy = {{"output", s.postdeployOutput.value_or("")}, {"exit_code", *s.postdeployExitCode}};
    auto orNull = [](const std::optional<std::string> &v) { return v ? json(*v) : json(nullptr); };
    return {{"id", s.id}, {"created_at", s.createdAt}, {"updated_at", s.updatedAt}, {"status", s.status},
            {"failure_message", orNull(s.failureMessage)}, {"manifest_errors", s.manifestErrors},
            {"postdeploy", postdeploy}, {"resolved_success_url", orNull(s.resolvedSuccessUrl)},
            {"app", {{"id", orNull(s.appId)}, {"name", orNull(s.appName)}}}, {"build", build}};
}

// Where the tarball comes from: one of our own source URLs or an allowed file:// path (read
// from here), or any other http(s) URL (fetched by the server).
static core::Result<platform::SetupSource> setupSource(platform::Platform &p, const platform::Actor &who,
                                                       const std::string &url)
{
    const QUrl u(QString::fromStdString(url));
    platform::SetupSource source;
    if (u.scheme() == QLatin1String("file")) {
        auto file = localSource(p, who, u);
        if (!file)
            return file.error();
        source.file = *file;
    } else if (auto own = ownSource(p, u)) {
        source.file = *own;
    } else if (u.isValid() && (u.scheme() == QLatin1String("http") || u.scheme() == QLatin1String("https"))) {
        source.url = url;
    } else {
        return ApiError::invalidParams("source_blob.url must be an http(s) URL of a gzipped tarball, a get_url from "
                                       "POST /sources, or a file:// URL on this machine.");
    }
    return source;
}

static core::Result<platform::SetupRequest> setupRequest(platform::Platform &p, const ApiContext &ctx)
{
    if (!ctx.body.contains("source_blob") || !ctx.body["source_blob"].contains("url"))
        return ApiError::invalidParams("source_blob is required, with the url of a gzipped tarball holding app.json.");
    const auto &blob = ctx.body["source_blob"];
    platform::SetupRequest request;
    request.sourceUrl = requiredString(blob, "url");
    request.version = optionalString(blob, "version");
    auto source = setupSource(p, ctx.who(), request.sourceUrl);
    if (!source)
        return source.error();
    request.source = *source;
    request.source.checksum = optionalString(blob, "checksum");
    const json app = ctx.body.value("app", json::object());
    request.app.name = optionalString(app, "name");
    request.app.region = optionalString(app, "region");
    request.app.stack = optionalString(app, "stack");
    if (!optionalBool(app, "personal").value_or(false))
        request.app.team = optionalString(app, "organization");
    request.app.locked = optionalBool(app, "locked").value_or(false);
    const json overrides = ctx.body.value("overrides", json::object());
    if (overrides.contains("env"))
        request.env = overrides["env"].get<std::map<std::string, std::string>>();
    if (overrides.contains("buildpacks")) {
        request.buildpacks.emplace();
        for (const auto &bp : overrides["buildpacks"])
            request.buildpacks->push_back(requiredString(bp, "url"));
    }
    return request;
}

void addSetupRoutes(ApiRouter &r, platform::Platform &p, platform::SetupRunner &runner)
{
    auto base = [&p] { return "http://" + p.settings().host + ":" + std::to_string(p.settings().apiPort); };
    r.add("POST", "/app-setups", "app-setup", "Create", [&p, &runner, base](ApiContext &ctx) -> core::Result<ApiReply> {
        auto request = setupRequest(p, ctx);
        if (!request)
            return request.error();
        // A name that is taken is refused at once, as the platform does.
        if (request->app.name)
            if (auto existing = p.apps().app(ctx.who(), *request->app.name); existing || existing.error().status == 403)
                return ApiError::invalidParams("Name " + *request->app.name + " is already taken");
        auto setup = runner.start(ctx.who(), std::move(*request));
        if (!setup)
            return setup.error();
        return ApiReply{201, setupView(p, ctx.who(), *setup, base()), {}};
    });
    r.add("GET", "/app-setups/{setup}", "app-setup", "Info", [&p, base](ApiContext &ctx) -> core::Result<ApiReply> {
        auto setup = p.setups().setup(ctx.who(), ctx.param("setup"));
        if (!setup)
            return setup.error();
        return ApiReply{200, setupView(p, ctx.who(), *setup, base()), {}};
    });
}

} // namespace dynodesk::api
