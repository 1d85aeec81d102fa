// Links of the pipeline resources (`pipeline`, `pipeline-coupling`, `pipeline-promotion`,
// `pipeline-promotion-target`, `pipeline-transfer`, `pipeline-release`) and the `filters/apps`
// action the CLI lists a pipeline's apps with.
#include "apirouter.h"
#include "routehelpers.h"
#include "routes.h"
#include "views.h"

#include "platform/builds/deployer.h"

#include <QUrlQuery>

namespace dynodesk::api {

using detail::reply;
using detail::replyList;
using nlohmann::json;

// A resource named in a body: its id or name as a string, or an object with either.
static std::string requiredIdentity(const json &body, const char *key)
{
    if (body.is_object() && body.contains(key)) {
        const auto &v = body.at(key);
        if (v.is_string())
            return v.get<std::string>();
        if (v.is_object()) {
            if (auto id = optionalString(v, "id"))
                return *id;
            if (auto name = optionalString(v, "name"))
                return *name;
        }
    }
    throw ParamError(std::string(key) + " must name a resource by id or name.");
}

static platform::PipelineOwner requiredOwner(const json &body, const char *key)
{
    if (!body.is_object() || !body.contains(key) || !body.at(key).is_object())
        throw ParamError(std::string(key) + " must be an object with id and type.");
    return {requiredString(body.at(key), "id"), optionalString(body.at(key), "type").value_or("user")};
}

// `GET /pipelines?eq[name]=<name>`, as `pipelines:info <name>` asks.
static std::optional<std::string> nameFilter(const ApiContext &ctx)
{
    const auto &target = ctx.request.target;
    const auto q = target.find('?');
    if (q == std::string::npos)
        return std::nullopt;
    const QUrlQuery query(QString::fromStdString(target.substr(q + 1)));
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        if (key == QLatin1String("eq[name]"))
            return value.toStdString();
    return std::nullopt;
}

static void addPipelineLinks(ApiRouter &r, platform::Platform &p)
{
    r.add("GET", "/pipelines", "pipeline", "List", [&p](ApiContext &ctx) {
        return replyList(p.pipelines().pipelines(ctx.who(), nameFilter(ctx)), views::pipeline, {"id", "name"});
    });
    r.add("POST", "/pipelines", "pipeline", "Create", [&p](ApiContext &ctx) {
        std::optional<platform::PipelineOwner> owner;
        if (ctx.body.contains("owner") && !ctx.body.at("owner").is_null())
            owner = requiredOwner(ctx.body, "owner");
        return reply(p.pipelines().createPipeline(ctx.who(), requiredString(ctx.body, "name"), owner),
                     views::pipeline, 201);
    });
    r.add("GET", "/pipelines/{pipeline}", "pipeline", "Info", [&p](ApiContext &ctx) {
        return reply(p.pipelines().pipeline(ctx.who(), ctx.param("pipeline")), views::pipeline);
    });
    r.add("PATCH", "/pipelines/{pipeline}", "pipeline", "Update", [&p](ApiContext &ctx) {
        return reply(p.pipelines().renamePipeline(ctx.who(), ctx.param("pipeline"), requiredString(ctx.body, "name")),
                     views::pipeline);
    });
    r.add("DELETE", "/pipelines/{pipeline}", "pipeline", "Delete", [&p](ApiContext &ctx) {
        return reply(p.pipelines().deletePipeline(ctx.who(), ctx.param("pipeline")), views::pipeline);
    });
    r.add("POST", "/pipeline-transfers", "pipeline-transfer", "Create", [&p](ApiContext &ctx) {
        return reply(p.pipelines().transfer(ctx.who(), requiredIdentity(ctx.body, "pipeline"),
                                            requiredOwner(ctx.body, "new_owner")),
                     views::pipelineTransfer, 201);
    });
    r.add("GET", "/pipelines/{pipeline}/latest-releases", "pipeline-release", "List", [&p](ApiContext &ctx) {
        return replyList(p.pipelines().latestReleases(ctx.who(), ctx.param("pipeline")), views::release,
                         {"id", "version"});
    });
}

static void addCouplingLinks(ApiRouter &r, platform::Platform &p)
{
    r.add("GET", "/pipelines/{pipeline}/pipeline-couplings", "pipeline-coupling", "List By Pipeline",
          [&p](ApiContext &ctx) {
              return replyList(p.pipelines().couplings(ctx.who(), ctx.param("pipeline")), views::pipelineCoupling,
                               {"id"});
          });
    r.add("POST", "/pipeline-couplings", "pipeline-coupling", "Create", [&p](ApiContext &ctx) {
        return reply(p.pipelines().couple(ctx.who(), requiredIdentity(ctx.body, "pipeline"),
                                          requiredIdentity(ctx.body, "app"), requiredString(ctx.body, "stage")),
                     views::pipelineCoupling, 201);
    });
    r.add("GET", "/pipeline-couplings/{coupling}", "pipeline-coupling", "Info", [&p](ApiContext &ctx) {
        return reply(p.pipelines().coupling(ctx.who(), ctx.param("coupling")), views::pipelineCoupling);
    });
    r.add("PATCH", "/pipeline-couplings/{coupling}", "pipeline-coupling", "Update", [&p](ApiContext &ctx) {
        return reply(p.pipelines().setStage(ctx.who(), ctx.param("coupling"), requiredString(ctx.body, "stage")),
                     views::pipelineCoupling);
    });
    r.add("DELETE", "/pipeline-couplings/{coupling}", "pipeline-coupling", "Delete", [&p](ApiContext &ctx) {
        return reply(p.pipelines().uncouple(ctx.who(), ctx.param("coupling")), views::pipelineCoupling);
    });
    r.add("GET", "/apps/{app}/pipeline-couplings", "pipeline-coupling", "Info By App", [&p](ApiContext &ctx) {
        return reply(p.pipelines().couplingOfApp(ctx.who(), ctx.param("app")), views::pipelineCoupling);
    });
    // The CLI lists a pipeline's apps by their ids through it.
    r.add("POST", "/filters/apps", "filter-apps", "Apps", [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        std::vector<std::string> ids;
        const auto &in = ctx.body.is_object() ? ctx.body.value("in", json::object()) : json::object();
        for (const auto &id : in.is_object() ? in.value("id", json::array()) : json::array())
            if (id.is_string())
                ids.push_back(id.get<std::string>());
        auto view = [&p](const platform::App &a) { return views::app(a, p); };
        return replyList(p.pipelines().visibleApps(ctx.who(), ids), view, {"id", "name"});
    });
}

static void addPromotionLinks(ApiRouter &r, platform::Platform &p, platform::Deployer &deployer)
{
    r.add("POST", "/pipeline-promotions", "pipeline-promotion", "Create", [&p, &deployer](ApiContext &ctx) {
        platform::PromotionRequest request{requiredIdentity(ctx.body, "pipeline"), {}, {}};
        const auto &source = ctx.body.value("source", json::object());
        request.sourceApp = requiredIdentity(source.is_object() ? source : json::object(), "app");
        for (const auto &target : ctx.body.value("targets", json::array()))
            request.targetApps.push_back(requiredIdentity(target, "app"));
        const platform::Actor who = ctx.who();
        auto release = [&deployer, who](const std::string &app, const std::string &slug, const std::string &text) {
            return deployer.releaseSlug(who, app, slug, text);
        };
        return reply(p.pipelines().promote(who, request, release), views::pipelinePromotion, 201);
    });
    r.add("GET", "/pipeline-promotions/{promotion}", "pipeline-promotion", "Info", [&p](ApiContext &ctx) {
        return reply(p.pipelines().promotion(ctx.who(), ctx.param("promotion")), views::pipelinePromotion);
    });
    r.add("GET", "/pipeline-promotions/{promotion}/promotion-targets", "pipeline-promotion-target", "List",
          [&p](ApiContext &ctx) -> core::Result<ApiReply> {
              auto promotion = p.pipelines().promotion(ctx.who(), ctx.param("promotion"));
              if (!promotion)
                  return promotion.error();
              return replyList(promotion->targets, views::promotionTarget, {"id"});
          });
}

void addPipelineRoutes(ApiRouter &router, platform::Platform &platform, platform::Deployer &deployer)
{
    addPipelineLinks(router, platform);
    addCouplingLinks(router, platform);
    addPromotionLinks(router, platform, deployer);
}

} // namespace dynodesk::api
