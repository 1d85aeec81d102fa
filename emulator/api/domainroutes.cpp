// Links of the domain resource, and the SNI endpoints the CLI reads before adding a domain.
#include "apirouter.h"
#include "routehelpers.h"
#include "routes.h"
#include "views.h"

#include "platform/platform.h"

namespace dynodesk::api {

using core::ApiError;
using detail::reply;
using detail::replyList;

void addDomainRoutes(ApiRouter &r, platform::Platform &p)
{
    // In the order they were added, so the default domain comes first (the app is older than any
    // of its custom domains); the CLI pages by id or hostname.
    r.add("GET", "/apps/{app}/domains", "domain", "List", [&p](ApiContext &ctx) {
        return replyList(p.domains().domains(ctx.who(), ctx.param("app")), views::domain, {"created_at", "hostname", "id"});
    });
    r.add("GET", "/apps/{app}/domains/{domain}", "domain", "Info", [&p](ApiContext &ctx) {
        return reply(p.domains().domain(ctx.who(), ctx.param("app"), ctx.param("domain")), views::domain);
    });
    r.add("POST", "/apps/{app}/domains", "domain", "Create", [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        auto hostname = optionalString(ctx.body, "hostname");
        if (!hostname)
            return ApiError::invalidParams("hostname must be given, such as www.example.com.");
        if (optionalString(ctx.body, "sni_endpoint"))
            return ApiError::notFound("Couldn't find that SNI endpoint.");
        return reply(p.domains().addDomain(ctx.who(), ctx.param("app"), *hostname), views::domain, 201);
    });
    r.add("PATCH", "/apps/{app}/domains/{domain}", "domain", "Update", [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        if (!ctx.body.is_object() || !ctx.body.contains("sni_endpoint"))
            return ApiError::invalidParams("sni_endpoint must be given: null or the SNI endpoint's id or name.");
        return reply(p.domains().updateDomain(ctx.who(), ctx.param("app"), ctx.param("domain"), optionalString(ctx.body, "sni_endpoint")),
                     views::domain);
    });
    r.add("DELETE", "/apps/{app}/domains/{domain}", "domain", "Delete", [&p](ApiContext &ctx) {
        return reply(p.domains().removeDomain(ctx.who(), ctx.param("app"), ctx.param("domain")), views::domain);
    });

    // The emulator serves plain HTTP and has no SNI endpoints (certificates) to offer.
    r.add("GET", "/apps/{app}/sni-endpoints", "sni-endpoint", "List", [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        auto access = p.apps().app(ctx.who(), ctx.param("app"));
        if (!access)
            return access.error();
        return ApiReply::list(nlohmann::json::array(), {"name", "id"});
    });
    r.add("GET", "/apps/{app}/sni-endpoints/{endpoint}", "sni-endpoint", "Info",
          [&p](ApiContext &ctx) -> core::Result<ApiReply> {
              auto access = p.apps().app(ctx.who(), ctx.param("app"));
              if (!access)
                  return access.error();
              return ApiError::notFound("Couldn't find that SNI endpoint.");
          });
}

} // namespace dynodesk::api
