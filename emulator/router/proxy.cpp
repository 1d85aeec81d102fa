#include "proxy.h"

#include "routersteps.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <limits>
#include <random>

namespace dynodesk::router::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using Request = http::request<http::buffer_body>;
using Response = http::response<http::buffer_body>;

// Beast 1.74 treats an empty optional body limit as "over the limit".
static constexpr std::uint64_t kNoLimit = std::numeric_limits<std::uint64_t>::max();
static constexpr size_t kChunk = 16 * 1024;

static auto withError(beast::error_code &ec) { return asio::redirect_error(asio::use_awaitable, ec); }

static std::chrono::milliseconds since(Clock::time_point t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t);
}

std::optional<beast::tcp_stream> DynoPool::take(const std::string &key)
{
    std::lock_guard lock(m_mutex);
    auto it = m_idle.find(key);
    if (it == m_idle.end() || it->second.empty())
        return std::nullopt;
    beast::tcp_stream s = std::move(it->second.back());
    it->second.pop_back();
    return s;
}

void DynoPool::give(const std::string &key, beast::tcp_stream stream)
{
    std::lock_guard lock(m_mutex);
    auto &idle = m_idle[key];
    if (idle.size() < m_perDyno)
        idle.push_back(std::move(stream));
}

void DynoPool::retain(const std::set<std::string> &keep)
{
    std::vector<beast::tcp_stream> dropped; // closed outside the lock
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_idle.begin(); it != m_idle.end();) {
            if (keep.count(it->first)) {
                ++it;
                continue;
            }
            for (auto &s : it->second)
                dropped.push_back(std::move(s));
            it = m_idle.erase(it);
        }
    }
    for (auto &s : dropped) {
        beast::error_code ec;
        s.socket().shutdown(tcp::socket::shutdown_both, ec);
        s.socket().close(ec);
    }
}

std::string poolKey(const core::RouteDyno &dyno) { return dyno.host + ":" + std::to_string(dyno.port); }

asio::awaitable<void> sweepPool(RouterState &st)
{
    core::RouteTable::Reader reader(st.routes);
    const core::RouteSnapshot *seen = nullptr;
    asio::steady_timer timer(co_await asio::this_coro::executor);
    while (!st.stopping) {
        const core::RouteSnapshot *now = reader.get();
        if (now != seen) {
            seen = now;
            std::set<std::string> up;
            for (const auto &app : now->apps)
                for (const core::RouteDyno &d : app->webDynos)
                    if (d.state == "up")
                        up.insert(poolKey(d));
            st.pool.retain(up);
        }
        timer.expires_after(st.settings.poolSweep);
        beast::error_code ec;
        co_await timer.async_wait(withError(ec));
    }
}

void DynoPool::clear()
{
    std::lock_guard lock(m_mutex);
    m_idle.clear();
}

// The client sent something that is not HTTP (as opposed to going away or going quiet).
static bool isParseError(const beast::error_code &ec)
{
    return ec.category() == http::make_error_code(http::error::bad_method).category() && ec != http::error::end_of_stream
            && ec != http::error::partial_message;
}

// One request on its way: the client's connection, its parser and what the steps found.
struct Exchange final {
    RouterState &st;
    beast::tcp_stream &client;
    beast::flat_buffer &clientBuffer;
    http::request_parser<http::buffer_body> &parser;
    RequestContext ctx;
    Clock::time_point started = Clock::now();
};

static size_t longestHeaderLine(const Request &req)
{
    size_t longest = 0;
    for (const auto &field : req)
        longest = std::max(longest, field.name_string().size() + 2 + field.value().size());
    return longest;
}

static RequestContext contextFor(const Request &req, const std::string &fwd)
{
    RequestContext ctx;
    ctx.method = std::string(req.method_string());
    ctx.path = std::string(req.target());
    ctx.host = std::string(req[http::field::host]);
    ctx.requestId = requestIdFor(std::string(req["X-Request-Id"]));
    ctx.fwd = fwd;
    ctx.requestLineBytes = req.method_string().size() + req.target().size() + 10;
    ctx.largestHeaderLineBytes = longestHeaderLine(req);
    return ctx;
}

static void log(const RouterState &st, const RequestContext &ctx)
{
    if (st.logs && ctx.app)
        st.logs->append(ctx.app->id, "heroku", "router", logLine(ctx));
}

// The platform's answer to a failure before anything reached the client: status, HTML page,
// the request id. Keeps the connection when the request was read whole.
static asio::awaitable<bool> answerError(Exchange &ex, const RouteError &error)
{
    ex.ctx.error = error;
    ex.ctx.status = error.status;
    if (error.status == 499)
        co_return false; // the client is gone, or idle: nobody to answer
    std::string custom;
    if (ex.ctx.app)
        custom = error.code == "H80" ? ex.ctx.app->maintenancePageUrl : ex.ctx.app->errorPageUrl;
    http::response<http::string_body> res{static_cast<http::status>(error.status), 11};
    res.set(http::field::content_type, "text/html; charset=utf-8");
    res.set(http::field::cache_control, "no-cache, no-store");
    res.set("X-Request-Id", ex.ctx.requestId);
    res.body() = errorPage(error.code, custom);
    const bool keep = ex.parser.is_done() && ex.parser.get().keep_alive() && error.code != "H25";
    res.keep_alive(keep);
    res.prepare_payload();
    ex.ctx.bytes = res.body().size();
    beast::error_code ec;
    ex.client.expires_after(ex.st.settings.idleTimeout);
    co_await http::async_write(ex.client, res, withError(ec));
    co_return keep && !ec;
}

// The steps before the proxy: validate, find the app, maintenance, pick a dyno (waiting for a
// starting one up to the boot wait). Returns the error to answer with, if any.
static asio::awaitable<std::optional<RouteError>> route(Exchange &ex, core::RouteTable::Reader &reader,
                                                         std::mt19937_64 &random)
{
    if (auto e = steps::validate(ex.ctx, ex.st.settings.maxLineBytes))
        co_return e;
    const auto deadline = Clock::now() + ex.st.settings.bootWait;
    for (;;) {
        if (auto e = steps::findApp(ex.ctx, *reader.get()))
            co_return e;
        if (auto e = steps::maintenance(ex.ctx))
            co_return e;
        steps::Pick pick = steps::pickDyno(*ex.ctx.app, random);
        if (pick.error || pick.dyno) {
            ex.ctx.dyno = pick.dyno;
            co_return pick.error;
        }
        if (Clock::now() >= deadline)
            co_return routeError("H20");
        asio::steady_timer timer(ex.client.get_executor(), std::chrono::milliseconds(50));
        beast::error_code ec;
        co_await timer.async_wait(withError(ec));
    }
}

static void addPlatformHeaders(Exchange &ex)
{
    Request &req = ex.parser.get();
    const std::string forwarded(req["X-Forwarded-For"]);
    req.set("X-Forwarded-For", forwarded.empty() ? ex.ctx.fwd : forwarded + ", " + ex.ctx.fwd);
    req.set("X-Forwarded-Proto", "http");
    req.set("X-Forwarded-Port", std::to_string(ex.st.port));
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch());
    req.set("X-Request-Start", std::to_string(ms.count()));
    req.set("X-Request-Id", ex.ctx.requestId);
    req.set(http::field::via, "1.1 vegur");
}

// A connection to the dyno: an idle one from the pool, else a new one (H19 on timeout, H21 on
// refusal).
struct Backend final {
    std::optional<beast::tcp_stream> stream;
    bool reused = false;
    std::optional<RouteError> error;
};

static asio::awaitable<Backend> connectDyno(Exchange &ex, const std::string &key, bool mayReuse)
{
    if (mayReuse)
        if (auto pooled = ex.st.pool.take(key))
            co_return Backend{std::move(pooled), true, std::nullopt};
    const auto t0 = Clock::now();
    Backend b;
    b.stream.emplace(ex.client.get_executor());
    b.stream->expires_after(ex.st.settings.connectTimeout);
    beast::error_code ec;
    const tcp::endpoint endpoint(asio::ip::make_address(ex.ctx.dyno->host, ec), static_cast<uint16_t>(ex.ctx.dyno->port));
    if (!ec)
        co_await b.stream->async_connect(endpoint, withError(ec));
    ex.ctx.connect = since(t0);
    if (ec == beast::error::timeout)
        b.error = routeError("H19");
    else if (ec)
        b.error = routeError("H21");
    else
        b.stream->socket().set_option(tcp::no_delay(true), ec);
    co_return b;
}

// Streams the request's header and body to the dyno as the client sends it. Returns the error
// code when a side fails: H27/H28 for the client, H18 for the dyno.
static asio::awaitable<std::optional<RouteError>> sendRequest(Exchange &ex, beast::tcp_stream &dyno)
{
    Request &req = ex.parser.get();
    std::array<char, kChunk> chunk;
    req.body().data = nullptr;
    req.body().more = !ex.parser.is_done();
    http::request_serializer<http::buffer_body> sr{req};
    beast::error_code ec;
    dyno.expires_after(ex.st.settings.idleTimeout);
    co_await http::async_write_header(dyno, sr, withError(ec));
    if (ec)
        co_return routeError("H13");
    while (!sr.is_done()) {
        if (!ex.parser.is_done()) {
            req.body().data = chunk.data();
            req.body().size = chunk.size();
            ex.client.expires_after(ex.st.settings.idleTimeout);
            co_await http::async_read(ex.client, ex.clientBuffer, ex.parser, withError(ec));
            if (ec == http::error::need_buffer)
                ec = {};
            if (ec)
                co_return routeError(isParseError(ec) ? "H25" : ec == beast::error::timeout ? "H28" : "H27");
            req.body().size = chunk.size() - req.body().size;
            req.body().data = chunk.data();
            req.body().more = !ex.parser.is_done();
        } else {
            req.body().data = nullptr;
            req.body().size = 0;
            req.body().more = false;
        }
        dyno.expires_after(ex.st.settings.idleTimeout);
        co_await http::async_write(dyno, sr, withError(ec));
        if (ec == http::error::need_buffer)
            ec = {};
        if (ec)
            co_return routeError("H18");
    }
    co_return std::nullopt;
}

// Copies bytes one way of a WebSocket (or any upgraded) connection until a side closes or the
// rolling window passes with no data either way.
static asio::awaitable<void> pump(beast::tcp_stream &from, beast::tcp_stream &to, std::string leftover,
                                  std::shared_ptr<std::atomic<int64_t>> lastActivity, std::chrono::milliseconds idle)
{
    beast::error_code ec;
    if (!leftover.empty())
        co_await asio::async_write(to, asio::buffer(leftover), withError(ec));
    std::array<char, kChunk> chunk;
    while (!ec) {
        from.expires_after(idle);
        const size_t n = co_await from.async_read_some(asio::buffer(chunk), withError(ec));
        if (ec == beast::error::timeout
            && Clock::now().time_since_epoch().count() - lastActivity->load() < std::chrono::nanoseconds(idle).count()) {
            ec = {};
            continue;
        }
        if (ec)
            break;
        lastActivity->store(Clock::now().time_since_epoch().count());
        to.expires_never();
        co_await asio::async_write(to, asio::buffer(chunk.data(), n), withError(ec));
    }
    from.socket().close(ec);
    to.socket().close(ec);
}

static std::string drain(beast::flat_buffer &buffer)
{
    std::string out = beast::buffers_to_string(buffer.data());
    buffer.consume(buffer.size());
    return out;
}

static asio::awaitable<void> tunnel(Exchange &ex, beast::tcp_stream dyno, beast::flat_buffer &dynoBuffer)
{
    auto last = std::make_shared<std::atomic<int64_t>>(Clock::now().time_since_epoch().count());
    auto shared = std::make_shared<beast::tcp_stream>(std::move(dyno));
    const auto idle = ex.st.settings.idleTimeout;
    auto clientSide = std::make_shared<beast::tcp_stream>(std::move(ex.client));
    asio::co_spawn(clientSide->get_executor(),
                   [shared, clientSide, last, idle, left = drain(dynoBuffer)]() -> asio::awaitable<void> {
                       co_await pump(*shared, *clientSide, left, last, idle);
                   },
                   asio::detached);
    co_await pump(*clientSide, *shared, drain(ex.clientBuffer), last, idle);
}

// Streams the dyno's response to the client, in pieces of up to kChunk bytes (a piece is sent
// when it is full or the body ends). Returns whether the client connection can serve
// another request.
static asio::awaitable<bool> relayResponse(Exchange &ex, beast::tcp_stream &dyno, beast::flat_buffer &dynoBuffer,
                                           http::response_parser<http::buffer_body> &rp, bool &dynoReusable)
{
    Response &res = rp.get();
    res.set("X-Request-Id", ex.ctx.requestId);
    res.set(http::field::via, "1.1 vegur");
    std::array<char, kChunk> chunk;
    res.body().data = nullptr;
    res.body().more = !rp.is_done();
    http::response_serializer<http::buffer_body> sr{res};
    beast::error_code ec;
    ex.client.expires_after(ex.st.settings.idleTimeout);
    co_await http::async_write_header(ex.client, sr, withError(ec));
    while (!ec && !sr.is_done()) {
        if (!rp.is_done()) {
            res.body().data = chunk.data();
            res.body().size = chunk.size();
            dyno.expires_after(ex.st.settings.idleTimeout);
            co_await http::async_read(dyno, dynoBuffer, rp, withError(ec));
            if (ec == http::error::need_buffer)
                ec = {};
            if (ec) {
                ex.ctx.error = routeError(ec == beast::error::timeout ? "H15" : "H18");
                co_return false;
            }
            res.body().size = chunk.size() - res.body().size;
            res.body().data = chunk.data();
            res.body().more = !rp.is_done();
            ex.ctx.bytes += res.body().size;
        } else {
            res.body().data = nullptr;
            res.body().size = 0;
            res.body().more = false;
        }
        ex.client.expires_after(ex.st.settings.idleTimeout);
        co_await http::async_write(ex.client, sr, withError(ec));
        if (ec == http::error::need_buffer)
            ec = {};
    }
    if (ec) {
        ex.ctx.error = routeError("H27");
        co_return false;
    }
    dynoReusable = rp.keep_alive();
    co_return ex.parser.get().keep_alive() && res.keep_alive();
}

static bool isUpgrade(const Request &req) { return beast::iequals(req[http::field::upgrade], "websocket"); }

// One try at the dyno. `retry` is set when a pooled connection turned out closed before any
// answer, so a fresh one may be tried.
static asio::awaitable<bool> proxyOnce(Exchange &ex, bool mayReuse, bool &retry)
{
    const std::string key = poolKey(*ex.ctx.dyno);
    Backend b = co_await connectDyno(ex, key, mayReuse);
    if (b.error)
        co_return co_await answerError(ex, *b.error);
    beast::tcp_stream &dyno = *b.stream;
    const auto t0 = Clock::now();
    if (auto e = co_await sendRequest(ex, dyno)) {
        retry = b.reused && e->code == "H13";
        co_return retry ? false : co_await answerError(ex, *e);
    }
    http::response_parser<http::buffer_body> rp;
    rp.body_limit(kNoLimit);
    if (ex.parser.get().method() == http::verb::head)
        rp.skip(true);
    beast::flat_buffer dynoBuffer;
    beast::error_code ec;
    dyno.expires_after(ex.st.settings.responseTimeout);
    co_await http::async_read_header(dyno, dynoBuffer, rp, withError(ec));
    ex.ctx.service = since(t0);
    if (ec) {
        const bool closed = ec == http::error::end_of_stream || ec == asio::error::connection_reset
                || ec == asio::error::eof;
        retry = b.reused && closed && dynoBuffer.size() == 0 && ex.parser.get().body().size == 0;
        if (retry)
            co_return false;
        co_return co_await answerError(ex, routeError(ec == beast::error::timeout ? "H12" : closed ? "H13" : "H17"));
    }
    ex.ctx.status = rp.get().result_int();
    if (ex.ctx.status == 101 && isUpgrade(ex.parser.get())) {
        http::response<http::empty_body> res;
        res.base() = rp.get().base();
        res.set("X-Request-Id", ex.ctx.requestId);
        co_await http::async_write(ex.client, res, withError(ec));
        log(ex.st, ex.ctx);
        if (!ec)
            co_await tunnel(ex, std::move(dyno), dynoBuffer);
        ex.ctx.app = nullptr; // logged already
        co_return false;
    }
    bool dynoReusable = false;
    const bool keep = co_await relayResponse(ex, dyno, dynoBuffer, rp, dynoReusable);
    ex.ctx.service = since(t0);
    if (dynoReusable && !ex.ctx.error)
        ex.st.pool.give(key, std::move(dyno));
    co_return keep;
}

static asio::awaitable<bool> proxy(Exchange &ex)
{
    addPlatformHeaders(ex);
    if (isUpgrade(ex.parser.get()))
        ex.parser.get().set(http::field::connection, "Upgrade");
    bool retry = false;
    const bool keep = co_await proxyOnce(ex, true, retry);
    if (!retry)
        co_return keep;
    bool again = false;
    co_return co_await proxyOnce(ex, false, again);
}

// A request the parser refused: the platform's 400 page (H25) when there is a client to answer.
static asio::awaitable<void> answerBadRequest(RouterState &st, beast::tcp_stream &client)
{
    http::response<http::string_body> res{http::status::bad_request, 11};
    res.set(http::field::content_type, "text/html; charset=utf-8");
    res.body() = errorPage("H25", {});
    res.keep_alive(false);
    res.prepare_payload();
    beast::error_code ec;
    client.expires_after(st.settings.idleTimeout);
    co_await http::async_write(client, res, withError(ec));
}


// After an answer sent before the whole request was read (H18, H25): stop sending, then read and
// drop what the client still sends, so closing does not reset the connection before the client
// has read the answer.
static asio::awaitable<void> lingeringClose(RouterState &st, beast::tcp_stream &client)
{
    beast::error_code ec;
    client.socket().shutdown(tcp::socket::shutdown_send, ec);
    client.expires_after(st.settings.lingerTimeout);
    std::array<char, kChunk> scratch;
    while (!ec)
        co_await client.async_read_some(asio::buffer(scratch), withError(ec));
}

asio::awaitable<void> serveClient(RouterState &st, tcp::socket socket)
{
    beast::error_code ec;
    const std::string fwd = socket.remote_endpoint(ec).address().to_string(ec);
    beast::tcp_stream client(std::move(socket));
    beast::flat_buffer buffer;
    core::RouteTable::Reader reader(st.routes);
    std::mt19937_64 random(std::random_device{}());
    bool readWhole = true; // the last request was read to its end
    for (bool keep = true; keep && !st.stopping;) {
        http::request_parser<http::buffer_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(st.settings.maxHeaderBytes));
        parser.body_limit(kNoLimit);
        client.expires_after(st.settings.idleTimeout);
        co_await http::async_read_header(client, buffer, parser, withError(ec));
        if (ec) {
            if (isParseError(ec)) {
                co_await answerBadRequest(st, client);
                readWhole = false;
            }
            break;
        }
        Exchange ex{st, client, buffer, parser, contextFor(parser.get(), fwd)};
        if (auto error = co_await route(ex, reader, random))
            keep = co_await answerError(ex, *error);
        else
            keep = co_await proxy(ex);
        if (ex.ctx.service.count() == 0)
            ex.ctx.service = since(ex.started);
        log(st, ex.ctx);
        readWhole = parser.is_done();
        if (!client.socket().is_open())
            break;
    }
    if (client.socket().is_open() && !readWhole && !st.stopping)
        co_await lingeringClose(st, client);
    else if (client.socket().is_open())
        client.socket().shutdown(tcp::socket::shutdown_send, ec);
}

} // namespace dynodesk::router::detail
