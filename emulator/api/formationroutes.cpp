// Links of the formation resource.
#include "apirouter.h"
#include "routehelpers.h"
#include "routes.h"
#include "views.h"

namespace dynodesk::api {

using core::ApiError;
using detail::reply;
using detail::replyList;

static platform::FormationUpdate readUpdate(const nlohmann::json &u, std::string type)
{
    if (!u.is_object())
        throw ParamError("Each formation update must be an object.");
    if (type.empty())
        type = requiredString(u, "type");
    auto size = optionalString(u, "size");
    if (!size)
        size = optionalString(u, "dyno_size");
    if (!size && u.contains("dyno_size") && u["dyno_size"].is_object())
        size = optionalString(u["dyno_size"], "name");
    // The CLI sends `"+2"` and `"-1"` for relative scaling, `"2"` for an absolute quantity.
    bool relative = false;
    std::optional<int64_t> quantity;
    if (u.contains("quantity") && u["quantity"].is_string()) {
        std::string q = u["quantity"].get<std::string>();
        relative = !q.empty() && (q[0] == '+' || q[0] == '-');
        if (!q.empty() && q[0] == '+')
            q.erase(0, 1);
        quantity = optionalInteger(nlohmann::json{{"quantity", q}}, "quantity");
    } else {
        quantity = optionalInteger(u, "quantity");
    }
    return {std::move(type), quantity, size, relative};
}

void addFormationRoutes(ApiRouter &r, platform::Platform &p)
{
    r.add("GET", "/apps/{app}/formation", "formation", "List", [&p](ApiContext &ctx) {
        return replyList(p.formation().formation(ctx.who(), ctx.param("app")), views::formation, {"type", "id"});
    });
    r.add("GET", "/apps/{app}/formation/{type}", "formation", "Info", [&p](ApiContext &ctx) {
        return reply(p.formation().formationType(ctx.who(), ctx.param("app"), ctx.param("type")), views::formation);
    });
    r.add("PATCH", "/apps/{app}/formation", "formation", "Batch Update", [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        if (!ctx.body.contains("updates") || !ctx.body["updates"].is_array())
            return ApiError::invalidParams("updates must be an array of formation updates.");
        std::vector<platform::FormationUpdate> updates;
        for (const auto &u : ctx.body["updates"])
            updates.push_back(readUpdate(u, {}));
        return replyList(p.formation().updateFormation(ctx.who(), ctx.param("app"), updates), views::formation, {"type", "id"});
    });
    r.add("PATCH", "/apps/{app}/formation/{type}", "formation", "Update", [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        auto updated = p.formation().updateFormation(ctx.who(), ctx.param("app"), {readUpdate(ctx.body, ctx.param("type"))});
        if (!updated)
            return updated.error();
        return ApiReply{200, views::formation(updated->front()), {}};
    });
}

} // namespace dynodesk::api
