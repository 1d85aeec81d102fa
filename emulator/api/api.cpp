#include "api.h"
#include "range.h"
#include "routes.h"

#include "core/ids.h"
#include "platform/builds/deployer.h"
#include "platform/platform.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <memory>
#include <optional>

namespace dynodesk::api {

using core::ApiError;
using nlohmann::json;

static constexpr const char *kJsonType = "application/json; charset=utf-8";

Api::Api(platform::Platform &platform, platform::Deployer &deployer, platform::SetupRunner &setups,
         logs::Logplex &logplex, const core::IClock &clock, const core::Settings &settings)
    : m_platform(platform), m_limiter(clock, settings.rateLimitPerHour)
{
    addAccountRoutes(m_router, platform);
    addAppRoutes(m_router, platform);
    addReleaseRoutes(m_router, platform, deployer);
    addAccessRoutes(m_router, platform);
    addTeamRoutes(m_router, platform);
    addFormationRoutes(m_router, platform);
    addBuildRoutes(m_router, platform, deployer);
    addSetupRoutes(m_router, platform, setups);
    addRegistryRoutes(m_router, deployer.paths().builtinBuildpacks);
    addDomainRoutes(m_router, platform);
    addLogRoutes(m_router, platform, logplex);
    addDynoRoutes(m_router, platform,
                  "rendezvous://" + settings.host + ":" + std::to_string(settings.rendezvousPort));
    addAddonCatalogRoutes(m_router, platform.planCatalog());
    addAddonRoutes(m_router, platform);
    addDataRoutes(m_router, platform);
    addPipelineRoutes(m_router, platform, deployer);
    m_router.add("GET", "/schema", "schema", "Info", [this](ApiContext &) -> core::Result<ApiReply> {
        return ApiReply{200, schema(), {}};
    }, true);
}

json Api::schema() const
{
    json definitions = json::object();
    for (const auto &route : m_router.routes()) {
        if (!route.inSchema)
            continue;
        auto &def = definitions[route.resource];
        def["title"] = "Dynodesk Platform API - " + route.resource;
        def["links"].push_back({{"href", route.pattern}, {"method", route.method}, {"title", route.title}});
    }
    return {{"$schema", "http://json-schema.org/draft-04/hyper-schema"},
            {"title", "Dynodesk emulator of the Platform API v3"},
            {"description", "The links this server implements, with the official schema's resource names."},
            {"definitions", definitions}};
}

// `application/vnd.heroku+json; version=3` and its variants (`3.sdk`, extra parameters) are v3.
static std::optional<ApiError> checkAccept(const HttpRequest &request)
{
    const std::string *accept = request.header("accept");
    if (!accept || accept->find("application/vnd.heroku+json") == std::string::npos)
        return std::nullopt;
    const size_t v = accept->find("version=");
    if (v == std::string::npos)
        return ApiError{400, "missing_version",
                        "Please specify a version along with Heroku's API MIME type. For example, "
                        "`Accept: application/vnd.heroku+json; version=3`."};
    if (accept->compare(v + 8, 1, "3") != 0)
        return ApiError{400, "bad_request", "This server implements version 3 of the Platform API only."};
    return std::nullopt;
}

static std::optional<std::pair<std::string, std::string>> basicCredentials(const std::string &value)
{
    const QByteArray decoded = QByteArray::fromBase64(QByteArray::fromStdString(value.substr(6)));
    const qsizetype colon = decoded.indexOf(':');
    if (colon < 0)
        return std::nullopt;
    return std::pair{decoded.left(colon).toStdString(), decoded.mid(colon + 1).toStdString()};
}

core::Result<platform::Actor> Api::authenticate(const HttpRequest &request, const Route &route)
{
    const std::string *auth = request.header("authorization");
    if (!auth)
        return ApiError::unauthorized();
    if (auth->rfind("Bearer ", 0) == 0)
        return m_platform.accounts().authenticateToken(auth->substr(7));
    if (auth->rfind("Basic ", 0) == 0) {
        const auto creds = basicCredentials(*auth);
        if (!creds)
            return ApiError::unauthorized();
        auto byToken = m_platform.accounts().authenticateToken(creds->second);
        if (byToken)
            return byToken;
        // Email and password are accepted where a login makes a token.
        if (route.resource == "oauth-authorization" || route.resource == "account")
            return m_platform.accounts().authenticatePassword(creds->first, creds->second);
    }
    return ApiError::unauthorized();
}

HttpResponse Api::handle(const HttpRequest &request)
{
    // Shared: a link that answers later must not write into this frame.
    auto answer = std::make_shared<std::optional<HttpResponse>>();
    handle(request, [answer](HttpResponse r) { *answer = std::move(r); });
    if (*answer)
        return std::move(**answer);
    HttpResponse r;
    r.status = 500;
    r.setHeader("Content-Type", kJsonType);
    r.body = json{{"id", "internal_server_error"}, {"message", "This link answers asynchronously."}}.dump();
    return r;
}

void Api::handle(const HttpRequest &request, std::function<void(HttpResponse)> reply)
{
    const std::string *clientId = request.header("request-id");
    const std::string requestId = clientId && !clientId->empty() && clientId->size() <= 200 ? *clientId : core::newId();
    std::string account;
    auto answer = [&](core::Result<ApiReply> r) { reply(respond(request, requestId, account, std::move(r))); };

    std::string method = request.method;
    if (const std::string *override = request.header("x-http-method-override"); override && method == "POST")
        method = QByteArray::fromStdString(*override).toUpper().toStdString();

    if (auto error = checkAccept(request))
        return answer(*error);

    const auto match = m_router.match(method, request.path());
    if (!match.route) {
        return answer(ApiError::notFound("The requested API endpoint was not found. Are you using the right HTTP "
                                         "verb (e.g. `GET` vs. `POST`), and did you specify your intended version "
                                         "with the `Accept` header?"));
    }
    std::optional<platform::Actor> actor;
    if (!match.route->isPublic) {
        auto who = authenticate(request, *match.route);
        if (!who)
            return answer(who.error());
        actor = who.value();
        account = actor->id;
        if (!m_limiter.take(actor->id))
            return answer(ApiError{429, "rate_limit",
                                   "Your account reached the API rate limit. Please wait a few minutes before "
                                   "making new requests."});
    }

    json body = json::object();
    if (!request.body.empty()) {
        body = json::parse(request.body, nullptr, false);
        if (body.is_discarded() || !body.is_object())
            return answer(ApiError::badRequest("Request body must be a JSON object."));
    }
    if (const BodyType *type = m_bodies.find(match.route->method, match.route->pattern)) {
        if (auto bad = type->check(body))
            return answer(ApiError::invalidParams(*bad));
    }
    ApiContext ctx{request, actor ? &*actor : nullptr, match.params, body};
    try {
        if (match.route->asyncHandler) {
            // The answer comes later: keep what it needs.
            match.route->asyncHandler(ctx, [this, request, requestId, account, reply](core::Result<ApiReply> r) {
                reply(respond(request, requestId, account, std::move(r)));
            });
            return;
        }
        return answer(match.route->handler(ctx));
    } catch (const ParamError &e) {
        return answer(ApiError::invalidParams(e.what()));
    } catch (const json::exception &e) {
        return answer(ApiError::invalidParams(std::string("Invalid request body: ") + e.what()));
    } catch (const std::exception &e) {
        return answer(ApiError::internal(e.what()));
    }
}

static std::string etagOf(const std::string &body)
{
    return "\"" + QCryptographicHash::hash(QByteArray::fromStdString(body), QCryptographicHash::Md5).toHex().toStdString()
            + "\"";
}

static bool etagMatches(const std::string &ifNoneMatch, const std::string &etag)
{
    if (ifNoneMatch == "*")
        return true;
    for (const auto &candidate : QByteArray::fromStdString(ifNoneMatch).split(',')) {
        QByteArray c = candidate.trimmed();
        if (c.startsWith("W/"))
            c = c.mid(2);
        if (c.toStdString() == etag)
            return true;
    }
    return false;
}

HttpResponse Api::respond(const HttpRequest &request, const std::string &requestId, const std::string &account,
                          core::Result<ApiReply> reply)
{
    HttpResponse r;
    r.setHeader("Request-Id", requestId);
    r.setHeader("Content-Type", kJsonType);
    r.setHeader("Cache-Control", "private, no-cache");
    if (!account.empty())
        r.setHeader("RateLimit-Remaining", std::to_string(m_limiter.remaining(account)));

    if (reply && !reply->rangeFields.empty()) {
        const std::string *rangeHeader = request.header("range");
        auto range = parseRange(rangeHeader ? *rangeHeader : std::string(), reply->rangeFields);
        if (!range) {
            reply = range.error();
        } else {
            Page page = paginate(std::move(reply->body), *range);
            reply->body = std::move(page.items);
            r.setHeader("Content-Range", page.contentRange);
            r.setHeader("Accept-Ranges", [&] {
                std::string fields;
                for (const auto &f : reply->rangeFields)
                    fields += (fields.empty() ? "" : ", ") + f;
                return fields;
            }());
            if (page.nextRange) {
                r.setHeader("Next-Range", *page.nextRange);
                reply->status = 206;
            }
        }
    }
    if (!reply) {
        const ApiError &e = reply.error();
        r.status = e.status;
        json error{{"id", e.id}, {"message", e.message}, {"url", "https://devcenter.heroku.com/articles/platform-api-reference"}};
        if (!e.resource.empty())
            error["resource"] = e.resource;
        r.body = error.dump();
        if (e.status == 401)
            r.setHeader("WWW-Authenticate", "Bearer realm=\"Dynodesk\"");
        return r;
    }
    r.status = reply->status;
    r.body = reply->body.dump();
    const std::string etag = etagOf(r.body);
    r.setHeader("ETag", etag);
    const std::string *ifNoneMatch = request.header("if-none-match");
    if (request.method == "GET" && ifNoneMatch && etagMatches(*ifNoneMatch, etag)) {
        r.status = 304;
        r.body.clear();
    }
    return r;
}

} // namespace dynodesk::api
