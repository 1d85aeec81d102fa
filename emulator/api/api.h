#pragma once

#include "apirouter.h"
#include "bodyschemas.h"

#include "http/httpmessage.h"
#include "ratelimiter.h"

#include "core/clock.h"
#include "core/coresettings.h"

#include <nlohmann/json.hpp>

#include <functional>

namespace dynodesk::platform {
class Deployer;
class SetupRunner;
class Platform;
}

namespace dynodesk::logs {
class Logplex;
}

namespace dynodesk::api {

using http::HttpRequest;
using http::HttpResponse;


// The Platform API v3 over HTTP, run on the core thread: the conventions every response keeps
// (Accept version, Request-Id, auth, rate limit, Range, ETag, error JSON, method override)
// around the table of links.
class Api final {
public:
    Api(platform::Platform &platform, platform::Deployer &deployer, platform::SetupRunner &setups, logs::Logplex &logplex,
        const core::IClock &clock, const core::Settings &settings);

    // Answers through `reply`, at once or (for links whose work runs off the core) later, always
    // on the core thread.
    void handle(const HttpRequest &request, std::function<void(HttpResponse)> reply);
    // The same for callers that need the answer now: a link that answers later gets 500.
    HttpResponse handle(const HttpRequest &request);
    // The JSON schema of what this server implements, as served at GET /schema.
    nlohmann::json schema() const;
    const ApiRouter &router() const { return m_router; }

private:
    core::Result<platform::Actor> authenticate(const HttpRequest &request, const Route &route);
    HttpResponse respond(const HttpRequest &request, const std::string &requestId, const std::string &account,
                         core::Result<ApiReply> reply);

    platform::Platform &m_platform;
    ApiRouter m_router;
    BodySchemas m_bodies;
    RateLimiter m_limiter;
};

} // namespace dynodesk::api
