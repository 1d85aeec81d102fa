#pragma once

#include "http/httpmessage.h"

#include "core/apierror.h"
#include "platform/platform.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace dynodesk::api {

using http::HttpRequest;
using http::HttpResponse;


// What a route handler gets: the request, the caller, the path parameters and the parsed body.
struct ApiContext final {
    const HttpRequest &request;
    const platform::Actor *actor = nullptr; // null only on public routes
    std::vector<std::pair<std::string, std::string>> params;
    const nlohmann::json &body;

    const std::string &param(std::string_view name) const;
    const platform::Actor &who() const { return *actor; }
};

// What a route handler answers: a status and a JSON body. A list names the fields its `Range`
// header may sort by; the API pages it.
struct ApiReply final {
    int status = 200;
    nlohmann::json body;
    std::vector<std::string> rangeFields;

    static ApiReply list(nlohmann::json items, std::vector<std::string> fields)
    {
        return {200, std::move(items), std::move(fields)};
    }
};

// A bad field in a request body; the API answers 422 invalid_params.
class ParamError final : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

using ApiHandler = std::function<core::Result<ApiReply>(ApiContext &)>;
// A handler that answers later (its work runs off the core thread): it calls `done` once, on the
// core thread. The context is valid only until the handler returns; copy what the answer needs.
using ApiDone = std::function<void(core::Result<ApiReply>)>;
using AsyncApiHandler = std::function<void(ApiContext &, ApiDone)>;

struct Route final {
    std::string method;
    std::string pattern; // `/apps/{app}/releases/{release}`
    std::string resource; // the schema resource it belongs to, e.g. `release`
    std::string title; // the schema link's title, e.g. `Info`
    ApiHandler handler;
    bool isPublic = false;
    std::vector<std::string> segments;
    AsyncApiHandler asyncHandler; // instead of `handler`
    bool inSchema = true; // false for links of the data API, which the Platform API schema has not
};

// The table of the API's links: method and path pattern to handler.
class ApiRouter final {
public:
    void add(std::string method, std::string pattern, std::string resource, std::string title, ApiHandler handler,
             bool isPublic = false);
    // A link of the data API (`/client/v11/...`, `/postgres/v0/...`): not in `GET /schema`.
    void addData(std::string method, std::string pattern, std::string resource, ApiHandler handler);
    void addDataAsync(std::string method, std::string pattern, std::string resource, AsyncApiHandler handler);

    struct Match {
        const Route *route = nullptr;
        std::vector<std::pair<std::string, std::string>> params;
    };
    Match match(std::string_view method, std::string_view path) const;
    const std::vector<Route> &routes() const { return m_routes; }

private:
    std::vector<Route> m_routes;
};

// Reading request bodies: a missing key is nullopt; a key of the wrong type throws ParamError.
std::optional<std::string> optionalString(const nlohmann::json &body, const char *key);
std::optional<bool> optionalBool(const nlohmann::json &body, const char *key);
// Accepts a number or a string of digits (the CLI sends formation quantities as strings).
std::optional<int64_t> optionalInteger(const nlohmann::json &body, const char *key);
std::string requiredString(const nlohmann::json &body, const char *key);

} // namespace dynodesk::api
