#include "routersteps.h"

#include <algorithm>
#include <charconv>
#include <iterator>

namespace dynodesk::router {

using namespace std::string_view_literals;

RouteError routeError(std::string_view code)
{
    // A constant table, nothing to destroy: a router thread may still be answering while the
    // process exits (the fuzzer's does).
    struct Known {
        std::string_view code, desc;
        int status;
    };
    static constexpr Known errors[] = {
            {"H10", "App crashed", 503},
            {"H12", "Request timeout", 503},
            {"H13", "Connection closed without response", 503},
            {"H14", "No web processes running", 503},
            {"H15", "Idle connection", 503},
            {"H17", "Poorly formatted HTTP response", 503},
            {"H18", "Server Request Interrupted", 503},
            {"H19", "Backend connection timeout", 503},
            {"H20", "App boot timeout", 503},
            {"H21", "Backend connection refused", 503},
            {"H25", "HTTP Restriction", 400},
            {"H27", "Client Request Interrupted", 499},
            {"H28", "Client Connection Idle", 499},
            {"H80", "Maintenance mode", 503},
            {"H99", "Platform error", 503},
    };
    const auto it = std::find_if(std::begin(errors), std::end(errors), [code](const Known &k) { return k.code == code; });
    const Known &known = it == std::end(errors) ? errors[std::size(errors) - 1] : *it;
    const char *sock = known.code == "H18" ? "backend" : known.code == "H27" || known.code == "H28" ? "client" : "";
    return {std::string(known.code), std::string(known.desc), known.status, sock};
}

namespace steps {

std::optional<RouteError> validate(const RequestContext &ctx, size_t maxLineBytes)
{
    if (ctx.requestLineBytes > maxLineBytes || ctx.largestHeaderLineBytes > maxLineBytes)
        return routeError("H25");
    if (ctx.host.empty())
        return routeError("H25");
    return std::nullopt;
}

std::optional<RouteError> findApp(RequestContext &ctx, const core::RouteSnapshot &routes)
{
    ctx.app = routes.find(ctx.host);
    if (!ctx.app)
        return RouteError{"H14", "No such app", 404, {}};
    // Keeps an idling app awake. A busy app's stamp is mostly current to the millisecond: then
    // the I/O threads only read the shared stamp instead of each writing it on every request.
    if (std::atomic<int64_t> *last = ctx.app->lastRequestMs.get())
        if (const int64_t now = core::steadyMs(); last->load(std::memory_order_relaxed) != now)
            last->store(now, std::memory_order_relaxed);
    return std::nullopt;
}

std::optional<RouteError> maintenance(const RequestContext &ctx)
{
    if (ctx.app && ctx.app->maintenance)
        return routeError("H80");
    return std::nullopt;
}

Pick pickDyno(const core::RouteApp &app, std::mt19937_64 &random)
{
    const auto isUp = [](const core::RouteDyno &d) { return d.state == "up" && d.port > 0; };
    size_t up = 0;
    bool starting = false, asleep = false, crashed = false;
    for (const core::RouteDyno &d : app.webDynos) {
        up += isUp(d);
        starting = starting || d.state == "starting";
        asleep = asleep || d.state == "idle";
        crashed = crashed || d.state == "crashed";
    }
    if (up > 0) {
        size_t k = std::uniform_int_distribution<size_t>(0, up - 1)(random);
        for (const core::RouteDyno &d : app.webDynos)
            if (isUp(d) && k-- == 0)
                return {d, false, false, std::nullopt};
    }
    if (starting || asleep)
        return {std::nullopt, true, asleep, std::nullopt};
    return {std::nullopt, false, false, routeError(crashed ? "H10" : "H14")};
}

} // namespace steps

void assignRequestId(std::string &id, std::string_view clientId)
{
    if (clientId.size() >= 20 && clientId.size() <= 200) {
        id.assign(clientId);
        return;
    }
    // A version 4 UUID. The router makes one per request, so it draws from a per-thread
    // generator rather than the system's: a request id must be unique, not unguessable.
    thread_local std::mt19937_64 random{std::random_device{}()};
    const uint64_t hi = (random() & ~0xf000ull) | 0x4000ull;
    const uint64_t lo = (random() & ~(3ull << 62)) | (2ull << 62);
    static constexpr char hex[] = "0123456789abcdef";
    id.assign(36, '-');
    size_t pos = 0;
    auto put = [&](uint64_t v, int nibbles) {
        for (int i = nibbles - 1; i >= 0; --i, ++pos) {
            if (pos == 8 || pos == 13 || pos == 18 || pos == 23)
                ++pos;
            id[pos] = hex[(v >> (4 * i)) & 0xf];
        }
    };
    put(hi, 16);
    put(lo, 16);
}

void appendNumber(std::string &out, long long n)
{
    char digits[24];
    const char *end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, static_cast<size_t>(end - digits));
}

// Appends `s` in double quotes, escaping quotes and backslashes and dropping control characters.
static void appendQuoted(std::string &out, std::string_view s)
{
    out += '"';
    for (char c : s)
        if (c == '"' || c == '\\')
            out += '\\', out += c;
        else if (static_cast<unsigned char>(c) >= 0x20)
            out += c;
    out += '"';
}

void writeLogLine(std::string &line, const RequestContext &ctx)
{
    line.clear();
    if (ctx.error && !ctx.error->sock.empty())
        line.append("sock="sv).append(ctx.error->sock).append(" "sv);
    if (ctx.error) {
        line.append("at=error code="sv).append(ctx.error->code).append(" desc="sv);
        appendQuoted(line, ctx.error->desc);
        line.append(" "sv);
    } else {
        line.append("at=info "sv);
    }
    line.append("method="sv).append(ctx.method).append(" path="sv);
    appendQuoted(line, ctx.path);
    line.append(" host="sv).append(ctx.host).append(" request_id="sv).append(ctx.requestId).append(" fwd="sv);
    appendQuoted(line, ctx.fwd);
    line.append(" dyno="sv);
    if (ctx.dyno)
        line.append(ctx.dyno->name);
    line.append(" connect="sv);
    appendNumber(line, ctx.connect.count());
    line.append("ms service="sv);
    appendNumber(line, ctx.service.count());
    line.append("ms status="sv);
    appendNumber(line, ctx.status);
    line.append(" bytes="sv);
    appendNumber(line, static_cast<long long>(ctx.bytes));
    line.append(" protocol="sv).append(ctx.protocol);
}

static std::string page(std::string_view title, std::string_view text, const std::string &customUrl)
{
    std::string body = customUrl.empty()
            ? "<h1>" + std::string(title) + "</h1>\n<p>" + std::string(text) + "</p>\n"
            : "<iframe src=\"" + customUrl + "\" style=\"border:0;width:100%;height:100%\"></iframe>\n";
    return "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" + std::string(title)
            + "</title>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
}

std::string errorPage(std::string_view code, const std::string &customUrl)
{
    if (code == "H80")
        return page("Offline for Maintenance", "This app is undergoing maintenance right now. Please check back later.",
                    customUrl);
    if (code == "H25")
        return page("Bad Request", "The request could not be understood.", {});
    return page("Application Error",
                "An error occurred in the application and your page could not be served. If you are the application "
                "owner, check your logs for details. You can do this from the Heroku CLI with the command "
                "<code>heroku logs --tail</code>",
                customUrl);
}

} // namespace dynodesk::router
