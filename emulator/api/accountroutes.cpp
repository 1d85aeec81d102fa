// Links of the account, oauth-authorization and key resources.
#include "apirouter.h"
#include "routehelpers.h"
#include "routes.h"
#include "views.h"

namespace dynodesk::api {

using core::ApiError;
using detail::reply;
using detail::replyList;

// `/users/{user}` names the caller: `~`, its email or its id.
static bool isCaller(const ApiContext &ctx, const std::string &user)
{
    return user == "~" || user == ctx.who().id || user == ctx.who().email;
}

void addAccountRoutes(ApiRouter &r, platform::Platform &p)
{
    auto accountInfo = [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        if (!ctx.param("user").empty() && !isCaller(ctx, ctx.param("user")))
            return ApiError::forbidden("You can only see your own account.");
        return reply(p.accounts().account(ctx.who()), views::account);
    };
    auto accountUpdate = [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        if (!ctx.param("user").empty() && !isCaller(ctx, ctx.param("user")))
            return ApiError::forbidden("You can only change your own account.");
        return reply(p.accounts().updateAccount(ctx.who(), optionalString(ctx.body, "name")), views::account);
    };
    r.add("GET", "/account", "account", "Info", accountInfo);
    r.add("PATCH", "/account", "account", "Update", accountUpdate);
    r.add("GET", "/users/{user}", "account", "Info By User", accountInfo);
    r.add("PATCH", "/users/{user}", "account", "Update By User", accountUpdate);

    auto authView = [](const platform::Actor &who) {
        return [who](const platform::Authorization &a) { return views::authorization(a, who); };
    };
    r.add("POST", "/oauth/authorizations", "oauth-authorization", "Create",
          [&p, authView](ApiContext &ctx) -> core::Result<ApiReply> {
              std::string scope;
              if (ctx.body.contains("scope") && ctx.body["scope"].is_array()) {
                  for (const auto &s : ctx.body["scope"])
                      scope += (scope.empty() ? "" : ",") + s.get<std::string>();
              }
              return reply(p.accounts().createAuthorization(ctx.who(), optionalString(ctx.body, "description").value_or(""),
                                                 scope, optionalInteger(ctx.body, "expires_in")),
                           authView(ctx.who()), 201);
          });
    r.add("GET", "/oauth/authorizations", "oauth-authorization", "List",
          [&p, authView](ApiContext &ctx) { return replyList(p.accounts().authorizations(ctx.who()), authView(ctx.who()), {"id"}); });
    r.add("GET", "/oauth/authorizations/{id}", "oauth-authorization", "Info",
          [&p, authView](ApiContext &ctx) { return reply(p.accounts().authorization(ctx.who(), ctx.param("id")), authView(ctx.who())); });
    r.add("DELETE", "/oauth/authorizations/{id}", "oauth-authorization", "Delete",
          [&p, authView](ApiContext &ctx) {
              return reply(p.accounts().deleteAuthorization(ctx.who(), ctx.param("id")), authView(ctx.who()));
          });

    r.add("GET", "/account/keys", "key", "List",
          [&p](ApiContext &ctx) { return replyList(p.accounts().keys(ctx.who()), views::key, {"id"}); });
    r.add("GET", "/account/keys/{key}", "key", "Info",
          [&p](ApiContext &ctx) { return reply(p.accounts().key(ctx.who(), ctx.param("key")), views::key); });
    // Adding and removing keys is not in the current schema; the desktop client uses the
    // platform's former links for them.
    r.add("POST", "/account/keys", "key", "Create", [&p](ApiContext &ctx) {
        return reply(p.accounts().addKey(ctx.who(), {requiredString(ctx.body, "public_key")}), views::key, 201);
    });
    r.add("DELETE", "/account/keys/{key}", "key", "Delete",
          [&p](ApiContext &ctx) { return reply(p.accounts().removeKey(ctx.who(), ctx.param("key")), views::key); });
}

} // namespace dynodesk::api
