#pragma once

#include "core/routetable.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace dynodesk::router {

// A failure the router answers itself, with the platform's code (H10, H14, ...).
struct RouteError final {
    std::string code;  // H14
    std::string desc;  // No web dynos running
    int status = 503;
    std::string sock; // the side whose socket failed: `backend` (H18), `client` (H27, H28)
};

// Everything one request gathers on its way through the steps, and what the log line says.
struct RequestContext final {
    // From the request.
    std::string method, path, host, requestId, fwd, protocol = "http";
    size_t requestLineBytes = 0, largestHeaderLineBytes = 0;
    // Found by the steps.
    const core::RouteApp *app = nullptr;
    std::optional<core::RouteDyno> dyno;
    // Filled by the proxy.
    std::optional<RouteError> error;
    int status = 0;
    uint64_t bytes = 0;
    std::chrono::milliseconds connect{0}, service{0};
};

namespace steps {

// Request line and header lines within the limits; the Host header present.
std::optional<RouteError> validate(const RequestContext &ctx, size_t maxLineBytes);
// The app the Host header names (`<app>.localhost`, a custom domain or a wildcard).
std::optional<RouteError> findApp(RequestContext &ctx, const core::RouteSnapshot &routes);
// H80 while the app is in maintenance mode.
std::optional<RouteError> maintenance(const RequestContext &ctx);

// What picking a dyno found: one `up` dyno, or none yet because some are starting, or an error.
struct Pick final {
    std::optional<core::RouteDyno> dyno;
    bool starting = false; // none up yet, but one is starting or asleep: worth waiting for
    bool asleep = false;   // one sleeps (idling) and must be woken
    std::optional<RouteError> error;
};
// A random `up` web dyno; H10 when every web dyno crashed, H14 when there are none.
Pick pickDyno(const core::RouteApp &app, std::mt19937_64 &random);

} // namespace steps

// The router's error codes with the platform's descriptions.
RouteError routeError(std::string_view code);
// X-Request-Id into `id`: the client's when it has 20 to 200 characters, else a new UUID.
void assignRequestId(std::string &id, std::string_view clientId);
// Into `line`: `at=info method=GET path="/" host=... status=200 bytes=12 protocol=http`, or
// `at=error code=..` (after `sock=backend` or `sock=client` when a socket failed, as the platform
// writes it). Both write into a caller's string, which keeps its capacity from one request to the next.
void writeLogLine(std::string &line, const RequestContext &ctx);
// Appends `n` in decimal, without a temporary string (the router's header and log line writers).
void appendNumber(std::string &out, long long n);
// The HTML page of a failure: the maintenance page for H80, the application error page else;
// `customUrl` (MAINTENANCE_PAGE_URL / ERROR_PAGE_URL) is shown in place of the default.
std::string errorPage(std::string_view code, const std::string &customUrl);

} // namespace dynodesk::router
