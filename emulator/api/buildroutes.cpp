// Links of the build, slug, buildpack-installation and source resources.
#include "apirouter.h"
#include "routehelpers.h"
#include "routes.h"
#include "sourceaccess.h"
#include "views.h"

#include "build/buildpacks.h"
#include "platform/builds/deployer.h"

#include <QFileInfo>
#include <QUrl>

namespace dynodesk::api {

using core::ApiError;
using detail::reply;
using detail::replyList;

// A source blob URL the emulator can read: one of its own /sources URLs, or a file:// URL.
static core::Result<std::string> sourceFile(platform::Platform &p, const platform::Actor &who, const std::string &url)
{
    const QUrl u(QString::fromStdString(url));
    if (u.scheme() == QLatin1String("file"))
        return localSource(p, who, u);
    if (auto own = ownSource(p, u))
        return *own;
    return ApiError::invalidParams("source_blob.url must be a put_url from POST /sources or a file:// URL "
                                   "on this machine.");
}

void addBuildRoutes(ApiRouter &r, platform::Platform &p, platform::Deployer &deployer)
{
    auto base = [&p] { return "http://" + p.settings().host + ":" + std::to_string(p.settings().apiPort); };
    auto buildView = [base](const platform::Build &b) { return views::build(b, base()); };

    r.add("GET", "/apps/{app}/builds", "build", "List", [&p, buildView](ApiContext &ctx) {
        return replyList(p.builds().builds(ctx.who(), ctx.param("app")), buildView, {"id", "created_at"});
    });
    r.add("GET", "/apps/{app}/builds/{build}", "build", "Info", [&p, buildView](ApiContext &ctx) {
        return reply(p.builds().build(ctx.who(), ctx.param("app"), ctx.param("build")), buildView);
    });
    r.add("POST", "/apps/{app}/builds", "build", "Create", [&p, &deployer, buildView](ApiContext &ctx) -> core::Result<ApiReply> {
        if (!ctx.body.contains("source_blob") || !ctx.body["source_blob"].is_object())
            return ApiError::invalidParams("source_blob is required, with the url of a source tarball.");
        const auto &blob = ctx.body["source_blob"];
        platform::BuildRequest request;
        request.sourceUrl = requiredString(blob, "url");
        request.version = optionalString(blob, "version");
        if (ctx.body.contains("buildpacks") && ctx.body["buildpacks"].is_array())
            for (const auto &bp : ctx.body["buildpacks"]) {
                auto url = optionalString(bp, "url");
                request.buildpacks.push_back(url ? *url : requiredString(bp, "name"));
            }
        auto access = p.apps().app(ctx.who(), ctx.param("app"), platform::Action::Deploy);
        if (!access)
            return access.error();
        auto file = sourceFile(p, ctx.who(), *request.sourceUrl);
        if (!file)
            return file.error();
        auto started = deployer.deploySource(ctx.who(), ctx.param("app"), request, *file);
        if (!started)
            return started.error();
        return ApiReply{201, buildView(started->build), {}};
    });
    r.add("DELETE", "/apps/{app}/build-cache", "build", "Delete cache", [&deployer](ApiContext &ctx) -> core::Result<ApiReply> {
        auto cleared = deployer.clearCache(ctx.who(), ctx.param("app"));
        if (!cleared)
            return cleared.error();
        return ApiReply{202, nlohmann::json::object(), {}};
    });

    r.add("GET", "/apps/{app}/slugs/{slug}", "slug", "Info", [&p, base](ApiContext &ctx) {
        return reply(p.builds().slug(ctx.who(), ctx.param("app"), ctx.param("slug")),
                     [&](const platform::Slug &s) { return views::slug(s, base()); });
    });
    r.add("POST", "/apps/{app}/slugs", "slug", "Create", [&p, &deployer, base](ApiContext &ctx) -> core::Result<ApiReply> {
        if (!ctx.body.contains("process_types"))
            return ApiError::invalidParams("process_types is required: the process types and their commands, "
                                           "e.g. {\"web\": \"node server.js\"}.");
        platform::SlugCreate request{ctx.body["process_types"].get<std::map<std::string, std::string>>(),
                                     optionalString(ctx.body, "commit"), optionalString(ctx.body, "commit_description"),
                                     optionalString(ctx.body, "stack"),
                                     optionalString(ctx.body, "buildpack_provided_description"),
                                     optionalString(ctx.body, "checksum")};
        return reply(p.builds().createSlug(ctx.who(), ctx.param("app"), request, deployer.paths().slugs()),
                     [&](const platform::Slug &s) { return views::slug(s, base()); }, 201);
    });

    auto installations = [](const std::vector<std::string> &urls) {
        nlohmann::json items = nlohmann::json::array();
        for (size_t i = 0; i < urls.size(); ++i)
            items.push_back(views::buildpackInstallation(urls[i], static_cast<int>(i)));
        return items;
    };
    r.add("GET", "/apps/{app}/buildpack-installations", "buildpack-installation", "List",
          [&p, installations](ApiContext &ctx) -> core::Result<ApiReply> {
              auto list = p.builds().buildpacks(ctx.who(), ctx.param("app"));
              if (!list)
                  return list.error();
              return ApiReply{200, installations(list.value()), {}};
          });
    r.add("PUT", "/apps/{app}/buildpack-installations", "buildpack-installation", "Update",
          [&p, &deployer, installations](ApiContext &ctx) -> core::Result<ApiReply> {
              if (!ctx.body.contains("updates") || !ctx.body["updates"].is_array())
                  return ApiError::invalidParams("updates must be an array of {buildpack: url or name}.");
              std::vector<std::string> urls;
              for (const auto &u : ctx.body["updates"])
                  urls.push_back(requiredString(u, "buildpack"));
              // A buildpack on this machine (a directory, or a file:// repository to clone) is
              // read as the server: only the built-in ones and what the account may read.
              for (const auto &url : urls) {
                  const QString spec = QString::fromStdString(url).section(QLatin1Char('#'), 0, 0);
                  const bool local = spec.startsWith(QStringLiteral("file:")) || spec.startsWith(QLatin1Char('/'))
                          || spec.startsWith(QLatin1Char('.'))
                          || (!spec.contains(QStringLiteral("://")) && build::registryBlobUrl(url).empty()
                              && QFileInfo::exists(spec));
                  const QString path = spec.startsWith(QStringLiteral("file:")) ? QUrl(spec).toLocalFile() : spec;
                  if (local && !mayRead(p, ctx.who(), path, deployer.paths().builtinBuildpacks))
                      return ApiError::forbidden("You do not have access to the buildpack " + url
                                                 + ". Buildpacks on this machine must be under a path the server allows.");
              }
              auto set = p.builds().setBuildpacks(ctx.who(), ctx.param("app"), urls);
              if (!set)
                  return set.error();
              return ApiReply{200, installations(set.value()), {}};
          });

    r.add("POST", "/apps/{app}/sources", "source", "Create - Deprecated", [&p, &deployer, base](ApiContext &ctx) {
        return reply(p.builds().createSource(ctx.who(), ctx.param("app"), deployer.paths().sources()),
                     [&](const platform::Source &s) { return views::source(s, base()); }, 201);
    });
    r.add("POST", "/sources", "source", "Create", [&p, &deployer, base](ApiContext &ctx) {
        return reply(p.builds().createAccountSource(ctx.who(), deployer.paths().sources()),
                     [&](const platform::Source &s) { return views::source(s, base()); }, 201);
    });
}

} // namespace dynodesk::api
