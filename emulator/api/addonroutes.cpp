// Links of the add-on catalog: the addon-service and plan resources.
#include "apirouter.h"
#include "routehelpers.h"
#include "routes.h"

#include "addons/plancatalog.h"
#include "platform/platform.h"

#include <QUuid>

namespace dynodesk::api {

using core::ApiError;
using nlohmann::json;

// Catalog entries have stable ids, derived from their names.
static std::string catalogId(const std::string &name)
{
    static const QUuid ns(QStringLiteral("6f1c2a5e-8d4b-4c8e-9a57-2b1d3e4f5a60"));
    return QUuid::createUuidV5(ns, QString::fromStdString(name)).toString(QUuid::WithoutBraces).toStdString();
}

static const char *const CatalogTime = "2024-05-01T00:00:00Z";

static json serviceView(const addons::Service &s)
{
    return {{"id", catalogId(s.name)}, {"name", s.name}, {"human_name", s.humanName}, {"cli_plugin_name", nullptr},
            {"state", "ga"}, {"supports_multiple_installations", true}, {"supports_sharing", true},
            {"supported_generations", json::array({{{"id", catalogId("cedar")}, {"name", "cedar"}}})},
            {"created_at", CatalogTime}, {"updated_at", CatalogTime}};
}

static json planView(const addons::Service &s, const addons::Plan &p)
{
    const std::string name = p.qualifiedName(s.name);
    const std::string storage = std::to_string(p.storageBytes / (1024LL * 1024 * 1024)) + " GB storage";
    return {{"id", catalogId(name)}, {"name", name}, {"human_name", p.humanName},
            {"description", p.humanName + ": " + std::to_string(p.connectionLimit) + " connections, " + storage},
            {"default", p.isDefault}, {"state", "public"}, {"visible", true}, {"compliance", nullptr},
            {"installable_inside_private_network", false}, {"installable_outside_private_network", true},
            {"space_default", false},
            {"price", {{"cents", p.priceCents}, {"unit", "month"}, {"contract", false}}},
            {"addon_service", {{"id", catalogId(s.name)}, {"name", s.name}}},
            {"created_at", CatalogTime}, {"updated_at", CatalogTime}};
}

static const addons::Service *findService(const addons::PlanCatalog &c, const std::string &idOrName)
{
    for (const addons::Service &s : c.services()) {
        if (s.name == idOrName || catalogId(s.name) == idOrName)
            return &s;
    }
    return nullptr;
}

static core::Result<ApiReply> planReply(const addons::PlanCatalog &c, const addons::Service *only, const std::string &idOrName)
{
    for (const addons::Service &s : c.services()) {
        if (only && only != &s)
            continue;
        for (const addons::Plan &p : s.plans) {
            const std::string name = p.qualifiedName(s.name);
            if (idOrName == name || idOrName == catalogId(name) || (only && idOrName == p.name))
                return ApiReply{200, planView(s, p), {}};
        }
    }
    return ApiError::notFound("Couldn't find that plan.");
}

void addAddonCatalogRoutes(ApiRouter &r, const addons::PlanCatalog &catalog)
{
    r.add("GET", "/addon-services", "add-on-service", "List", [&catalog](ApiContext &) {
        json items = json::array();
        for (const addons::Service &s : catalog.services())
            items.push_back(serviceView(s));
        return core::Result<ApiReply>(ApiReply::list(std::move(items), {"id", "name"}));
    });
    r.add("GET", "/addon-services/{service}", "add-on-service", "Info", [&catalog](ApiContext &ctx) -> core::Result<ApiReply> {
        const addons::Service *s = findService(catalog, ctx.param("service"));
        if (!s)
            return ApiError::notFound("Couldn't find that add-on service.");
        return ApiReply{200, serviceView(*s), {}};
    });
    r.add("GET", "/addon-services/{service}/plans", "plan", "List By Add-on", [&catalog](ApiContext &ctx) -> core::Result<ApiReply> {
        const addons::Service *s = findService(catalog, ctx.param("service"));
        if (!s)
            return ApiError::notFound("Couldn't find that add-on service.");
        json items = json::array();
        for (const addons::Plan &p : s->plans)
            items.push_back(planView(*s, p));
        return ApiReply::list(std::move(items), {"id", "name"});
    });
    r.add("GET", "/addon-services/{service}/plans/{plan}", "plan", "Info By Add-on",
          [&catalog](ApiContext &ctx) -> core::Result<ApiReply> {
              const addons::Service *s = findService(catalog, ctx.param("service"));
              if (!s)
                  return ApiError::notFound("Couldn't find that add-on service.");
              return planReply(catalog, s, ctx.param("plan"));
          });
    r.add("GET", "/plans/{plan}", "plan", "Info",
          [&catalog](ApiContext &ctx) { return planReply(catalog, nullptr, ctx.param("plan")); });
}

} // namespace dynodesk::api

namespace dynodesk::api {

using detail::reply;
using detail::replyList;

static json priceOf(const addons::Plan &p) { return {{"cents", p.priceCents}, {"unit", "month"}, {"contract", false}}; }

// An add-on with its plan expanded (`Accept-Expansion: plan`), as the CLI asks for.
static json addonView(const platform::Addon &a, platform::Platform &platform)
{
    const addons::Service *s = platform.planCatalog().service(a.service);
    const addons::Plan *p = nullptr;
    if (auto choice = platform.planCatalog().resolve(a.service + ":" + a.plan))
        p = choice->plan;
    const std::string planName = a.service + ":" + a.plan;
    json plan = {{"id", catalogId(planName)}, {"name", planName}};
    json billed = nullptr;
    if (p) {
        plan["price"] = priceOf(*p);
        billed = priceOf(*p);
    }
    return {{"actions", json::array()},
            {"addon_service", {{"id", catalogId(a.service)}, {"name", a.service}, {"human_name", s ? s->humanName : a.service}}},
            {"app", {{"id", a.appId}, {"name", a.appName}}},
            {"billed_price", billed},
            {"billing_entity", {{"id", a.appId}, {"name", a.appName}, {"type", "app"}}},
            {"config_vars", platform.attachments().addonConfigVars(a)},
            {"created_at", a.createdAt}, {"id", a.id}, {"name", a.name}, {"plan", plan},
            {"provider_id", a.providerId}, {"provision_message", a.provisionMessage.value_or("")},
            {"state", a.state}, {"updated_at", a.updatedAt}, {"web_url", nullptr}};
}

// An attachment with its add-on's plan and its config vars (`Accept-Inclusion: addon:plan,config_vars`).
static json attachmentView(const platform::Attachment &t, platform::Platform &platform)
{
    const std::string planName = t.addonService + ":" + t.addonPlan;
    json addon = {{"id", t.addonId}, {"name", t.addonName}, {"app", {{"id", t.addonAppId}, {"name", t.addonAppName}}},
                  {"plan", {{"id", catalogId(planName)}, {"name", planName}}}};
    return {{"addon", addon}, {"app", {{"id", t.appId}, {"name", t.appName}}}, {"config_vars", platform.attachments().attachmentConfigVars(t)},
            {"created_at", t.createdAt}, {"id", t.id}, {"log_input_url", nullptr}, {"name", t.name},
            {"namespace", t.ns ? json(*t.ns) : json(nullptr)}, {"updated_at", t.updatedAt}, {"web_url", nullptr}};
}

// A plan in a body: `{"name": "service:plan"}`, `{"id": ...}` or a bare string.
static std::optional<std::string> planOf(const json &body)
{
    if (!body.contains("plan") || body["plan"].is_null())
        return std::nullopt;
    const json &plan = body["plan"];
    if (plan.is_string())
        return plan.get<std::string>();
    if (plan.is_object()) {
        if (auto name = optionalString(plan, "name"))
            return name;
        if (auto id = optionalString(plan, "id"))
            return id;
    }
    throw ParamError("plan must name a plan, as {\"name\": \"heroku-postgresql:essential-0\"}.");
}

// `{"name": ...}`, `{"id": ...}` or a string: how bodies name an app or an add-on.
static std::optional<std::string> identityOf(const json &body, const char *key)
{
    if (!body.contains(key) || body[key].is_null())
        return std::nullopt;
    const json &v = body[key];
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_object()) {
        if (auto name = optionalString(v, "name"))
            return name;
        if (auto id = optionalString(v, "id"))
            return id;
    }
    throw ParamError(std::string(key) + " must name one, as {\"name\": ...}.");
}

void addAddonRoutes(ApiRouter &r, platform::Platform &p)
{
    auto addon = [&p](const platform::Addon &a) { return addonView(a, p); };
    auto attachment = [&p](const platform::Attachment &t) { return attachmentView(t, p); };

    r.add("POST", "/apps/{app}/addons", "add-on", "Create", [&p, addon](ApiContext &ctx) -> core::Result<ApiReply> {
        platform::AddonCreate create;
        auto plan = planOf(ctx.body);
        if (!plan)
            return ApiError::invalidParams("Missing plan: name one, as heroku-postgresql:essential-0.");
        create.plan = *plan;
        if (ctx.body.contains("attachment") && ctx.body["attachment"].is_object())
            create.attachmentName = optionalString(ctx.body["attachment"], "name");
        create.name = optionalString(ctx.body, "name");
        if (ctx.body.contains("config") && ctx.body["config"].is_object()) {
            const json &config = ctx.body["config"];
            create.forkFrom = optionalString(config, "fork");
            if (config.contains("follow"))
                return ApiError::invalidParams("Followers are not supported by the emulator; --fork makes a copy.");
        }
        return reply(p.addons().createAddon(ctx.who(), ctx.param("app"), create), addon, 201);
    });
    r.add("GET", "/apps/{app}/addons", "add-on", "List By App", [&p, addon](ApiContext &ctx) {
        return replyList(p.addons().addons(ctx.who(), ctx.param("app")), addon, {"id", "name"});
    });
    r.add("GET", "/apps/{app}/addons/{addon}", "add-on", "Info By App", [&p, addon](ApiContext &ctx) {
        return reply(p.addonResolver().addon(ctx.who(), ctx.param("app"), ctx.param("addon")), addon);
    });
    r.add("PATCH", "/apps/{app}/addons/{addon}", "add-on", "Update", [&p, addon](ApiContext &ctx) {
        platform::AddonUpdate update{optionalString(ctx.body, "name"), planOf(ctx.body)};
        return reply(p.addons().updateAddon(ctx.who(), ctx.param("app"), ctx.param("addon"), update), addon);
    });
    r.add("DELETE", "/apps/{app}/addons/{addon}", "add-on", "Delete", [&p, addon](ApiContext &ctx) {
        return reply(p.addons().destroyAddon(ctx.who(), ctx.param("app"), ctx.param("addon")), addon);
    });
    r.add("GET", "/addons", "add-on", "List", [&p, addon](ApiContext &ctx) {
        return replyList(p.addons().allAddons(ctx.who()), addon, {"id", "name"});
    });
    r.add("GET", "/addons/{addon}", "add-on", "Info", [&p, addon](ApiContext &ctx) {
        return reply(p.addonResolver().addon(ctx.who(), std::nullopt, ctx.param("addon")), addon);
    });
    // The providers' reports (`add-on-action`). The emulator's providers are built in and report
    // their outcome themselves, so these confirm a state the add-on is in or on its way to.
    r.add("POST", "/addons/{addon}/actions/provision", "add-on-action", "Provision", [&p, addon](ApiContext &ctx) {
        return reply(p.addons().addonAction(ctx.who(), ctx.param("addon"), true), addon);
    });
    r.add("POST", "/addons/{addon}/actions/deprovision", "add-on-action", "Deprovision", [&p, addon](ApiContext &ctx) {
        return reply(p.addons().addonAction(ctx.who(), ctx.param("addon"), false), addon);
    });
    r.add("POST", "/actions/addons/resolve", "add-on", "Resolution", [&p, addon](ApiContext &ctx) -> core::Result<ApiReply> {
        auto id = optionalString(ctx.body, "addon");
        if (!id)
            return ApiError::invalidParams("Missing addon: name the add-on to resolve.");
        return replyList(p.addonResolver().resolveAddons(ctx.who(), optionalString(ctx.body, "app"), *id,
                                                         optionalString(ctx.body, "addon_service")),
                         addon, {"id", "name"});
    });

    r.add("POST", "/addon-attachments", "add-on-attachment", "Create",
          [&p, attachment](ApiContext &ctx) -> core::Result<ApiReply> {
              auto addonId = identityOf(ctx.body, "addon");
              auto appId = identityOf(ctx.body, "app");
              if (!addonId || !appId)
                  return ApiError::invalidParams("Missing addon or app: name the add-on and the app to attach it to.");
              platform::AttachmentCreate create{*addonId, *appId, optionalString(ctx.body, "name"),
                                                optionalString(ctx.body, "namespace"), optionalString(ctx.body, "confirm")};
              return reply(p.attachments().createAttachment(ctx.who(), create), attachment, 201);
          });
    r.add("GET", "/addon-attachments", "add-on-attachment", "List", [&p, attachment](ApiContext &ctx) {
        return replyList(p.attachments().allAttachments(ctx.who()), attachment, {"id", "name"});
    });
    r.add("GET", "/addon-attachments/{attachment}", "add-on-attachment", "Info", [&p, attachment](ApiContext &ctx) {
        return reply(p.attachments().attachment(ctx.who(), ctx.param("attachment")), attachment);
    });
    r.add("DELETE", "/addon-attachments/{attachment}", "add-on-attachment", "Delete", [&p, attachment](ApiContext &ctx) {
        return reply(p.attachments().deleteAttachment(ctx.who(), ctx.param("attachment")), attachment);
    });
    r.add("GET", "/apps/{app}/addon-attachments", "add-on-attachment", "List by App", [&p, attachment](ApiContext &ctx) {
        return replyList(p.attachments().attachments(ctx.who(), ctx.param("app")), attachment, {"id", "name"});
    });
    r.add("GET", "/apps/{app}/addon-attachments/{attachment}", "add-on-attachment", "Info by App",
          [&p, attachment](ApiContext &ctx) {
              return reply(p.attachments().appAttachment(ctx.who(), ctx.param("app"), ctx.param("attachment")), attachment);
          });
    r.add("GET", "/addons/{addon}/addon-attachments", "add-on-attachment", "List by Add-on", [&p, attachment](ApiContext &ctx) {
        return replyList(p.attachments().addonAttachments(ctx.who(), ctx.param("addon")), attachment, {"id", "name"});
    });
    r.add("POST", "/actions/addon-attachments/resolve", "add-on-attachment", "Resolution",
          [&p, attachment](ApiContext &ctx) -> core::Result<ApiReply> {
              auto id = optionalString(ctx.body, "addon_attachment");
              if (!id)
                  return ApiError::invalidParams("Missing addon_attachment: name the attachment to resolve.");
              return replyList(p.addonResolver().resolveAttachments(ctx.who(), optionalString(ctx.body, "app"), *id,
                                                                    optionalString(ctx.body, "addon_service")),
                               attachment, {"id", "name"});
          });
}

} // namespace dynodesk::api
