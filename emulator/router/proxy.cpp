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
#include <cstdio>
#include <limits>
#include <random>

namespace dynodesk::router::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using Timer = asio::basic_waitable_timer<Clock, asio::wait_traits<Clock>, Executor>;
using Request = http::request<http::buffer_body>;
using Response = http::response<http::buffer_body>;

// Beast 1.74 treats an empty optional body limit as "over the limit".
static constexpr std::uint64_t kNoLimit = std::numeric_limits<std::uint64_t>::max();
static constexpr size_t kChunk = 16 * 1024;

static auto withError(beast::error_code &ec) { return asio::redirect_error(asio::use_awaitable_t<Executor>{}, ec); }

static std::chrono::milliseconds since(Clock::time_point t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t);
}

std::optional<Stream> DynoPool::take(const std::string &key)
{
    std::lock_guard lock(m_mutex);
    auto it = m_idle.find(key);
    if (it == m_idle.end() || it->second.empty())
        return std::nullopt;
    Stream s = std::move(it->second.back());
    it->second.pop_back();
    return s;
}

void DynoPool::give(const std::string &key, Stream stream)
{
    std::lock_guard lock(m_mutex);
    auto &idle = m_idle[key];
    if (idle.size() < m_perDyno)
        idle.push_back(std::move(stream));
}

void DynoPool::retain(const std::set<std::string> &keep)
{
    std::vector<Stream> dropped; // closed outside the lock
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

Task<void> sweepPool(RouterState &st, Worker &worker)
{
    core::RouteTable::Reader reader(st.routes);
    const core::RouteSnapshot *seen = nullptr;
    Timer timer(co_await asio::this_coro::executor);
    while (!st.stopping) {
        const core::RouteSnapshot *now = reader.get();
        if (now != seen) {
            seen = now;
            std::set<std::string> up;
            for (const auto &app : now->apps)
                for (const core::RouteDyno &d : app->webDynos)
                    if (d.state == "up")
                        up.insert(poolKey(d));
            worker.pool.retain(up);
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
    Worker &worker;
    Stream &client;
    beast::flat_buffer &clientBuffer;
    http::request_parser<http::buffer_body> &parser;
    RequestContext ctx;
    Clock::time_point started = Clock::now();
    // How the client wants its connection, read before the router rewrites the header for the dyno.
    bool clientKeepAlive = parser.keep_alive();
    bool clientHttp11 = parser.get().version() >= 11;
};

// Hop-by-hop headers (RFC 9110 §7.6.1) concern one connection: the client's with the router,
// or the router's with the dyno. The router keeps each connection on its own terms, so neither
// side's go to the other.
template <class Fields>
static void stripHopByHop(Fields &fields)
{
    std::vector<std::string> named;
    for (const auto &token : http::token_list(fields[http::field::connection]))
        named.emplace_back(token);
    for (const std::string &name : named)
        if (!beast::iequals(name, "upgrade"))
            fields.erase(name);
    fields.erase(http::field::connection);
    fields.erase(http::field::keep_alive);
    fields.erase(http::field::proxy_connection);
    fields.erase(http::field::te);
}

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
static Task<bool> answerError(Exchange &ex, const RouteError &error)
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
    const bool keep = ex.parser.is_done() && ex.clientKeepAlive && error.code != "H25";
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
static Task<std::optional<RouteError>> route(Exchange &ex, core::RouteTable::Reader &reader,
                                                         std::mt19937_64 &random)
{
    if (auto e = steps::validate(ex.ctx, ex.st.settings.maxLineBytes))
        co_return e;
    const auto deadline = Clock::now() + ex.st.settings.bootWait;
    for (;;) {
        if (auto e = steps::findApp(ex.ctx, *reader.get()))
            co_return e;
        if (ex.st.settings.beforeRoute)
            ex.st.settings.beforeRoute(ex.ctx.host);
        if (auto e = steps::maintenance(ex.ctx))
            co_return e;
        steps::Pick pick = steps::pickDyno(*ex.ctx.app, random);
        if (pick.error || pick.dyno) {
            ex.ctx.dyno = pick.dyno;
            co_return pick.error;
        }
        if (pick.asleep && ex.st.settings.wake)
            ex.st.settings.wake(ex.ctx.app->id); // the dynos' side ignores a second ask
        if (Clock::now() >= deadline)
            co_return routeError("H20");
        Timer timer(ex.client.get_executor(), std::chrono::milliseconds(50));
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
    std::optional<Stream> stream;
    bool reused = false;
    std::optional<RouteError> error;
};

static Task<Backend> connectDyno(Exchange &ex, const std::string &key, bool mayReuse)
{
    while (mayReuse) {
        auto pooled = ex.worker.pool.take(key);
        if (!pooled)
            break;
        // Bytes waiting on an idle connection belong to no request (a dyno that answered more
        // than it was asked): the connection is not reused, or they would reach the next client.
        beast::error_code ec;
        if (pooled->socket().available(ec) == 0 && !ec)
            co_return Backend{std::move(pooled), true, std::nullopt};
        pooled->socket().close(ec);
    }
    const auto t0 = Clock::now();
    Backend b;
    b.stream.emplace(ex.client.get_executor());
    b.stream->expires_after(ex.st.settings.connectTimeout);
    beast::error_code ec;
    const tcp::endpoint endpoint(asio::ip::make_address(ex.ctx.dyno->host, ec), static_cast<uint16_t>(ex.ctx.dyno->port));
    if (ec) {
        // The route table names an address nobody can connect to: the platform's fault, not the app's.
        b.error = routeError("H99");
        co_return b;
    }
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

// How relaying one message went: which side failed, and whether anything reached the other side.
struct Relayed final {
    enum Side { none, reading, writing } failed = none;
    beast::error_code ec;
    bool wroteAny = false;
    uint64_t bodyBytes = 0;
};

// A message's start line and header fields as they go on the wire.
template <bool isRequest>
static std::string wireHeader(const http::message<isRequest, http::buffer_body> &m)
{
    std::string out;
    out.reserve(512);
    auto add = [&out](beast::string_view piece) -> std::string & { return out.append(piece.data(), piece.size()); };
    const std::string version = "HTTP/" + std::to_string(m.version() / 10) + "." + std::to_string(m.version() % 10);
    if constexpr (isRequest) {
        add(m.method_string()) += ' ';
        add(m.target()) += ' ';
        out += version;
    } else {
        out += version + " " + std::to_string(m.result_int()) + " ";
        add(m.reason().empty() ? http::obsolete_reason(m.result()) : m.reason());
    }
    out += "\r\n";
    for (const auto &field : m) {
        add(field.name_string()) += ": ";
        add(field.value()) += "\r\n";
    }
    out.append("\r\n");
    return out;
}

// Moves a message from one side to the other as it arrives: the header, then each piece of body
// the moment it is read (up to kChunk bytes), without holding the whole body; a chunked body is
// framed again piece by piece. Body bytes that arrived with the header go out with it in one
// write, and the end of a chunked body with its last piece; a header with nothing behind it yet
// goes out alone, so a streamed answer is not held back. The header is written as one flat
// buffer rather than through Beast's serializer, which costs more than the rest of the relay.
template <bool isRequest>
static Task<Relayed> relay(Stream &from, beast::flat_buffer &fromBuffer,
                           http::parser<isRequest, http::buffer_body> &parser, Stream &to,
                           std::chrono::milliseconds idle)
{
    auto &message = parser.get();
    const bool hasBody = !parser.is_done(); // none after a HEAD, a 204 or 304, or Content-Length: 0
    const bool chunked = hasBody && message.chunked();
    const std::string header = wireHeader(message);
    std::array<char, kChunk> chunk;
    std::array<char, 24> sizeLine;
    static constexpr std::string_view crlf = "\r\n", lastChunk = "0\r\n\r\n";
    Relayed r;
    parser.eager(true); // a read takes every whole piece already buffered (chunk header, data, end)
    for (bool first = true;; first = false) {
        size_t n = 0;
        if (!parser.is_done() && (!first || fromBuffer.size() > 0)) {
            message.body().data = chunk.data();
            message.body().size = chunk.size();
            from.expires_after(idle);
            co_await http::async_read_some(from, fromBuffer, parser, withError(r.ec));
            if (r.ec == http::error::need_buffer)
                r.ec = {};
            if (r.ec) {
                r.failed = Relayed::reading;
                co_return r;
            }
            n = chunk.size() - message.body().size;
            r.bodyBytes += n;
        }
        const bool done = parser.is_done();
        if (n == 0 && !done && r.wroteAny)
            continue; // nothing for the body yet (say, only a chunk header was read)
        std::array<asio::const_buffer, 5> out{};
        size_t k = 0;
        if (!r.wroteAny)
            out[k++] = asio::buffer(header);
        if (n > 0 && chunked) {
            const int len = std::snprintf(sizeLine.data(), sizeLine.size(), "%zx\r\n", n);
            out[k++] = asio::buffer(sizeLine.data(), static_cast<size_t>(len));
        }
        if (n > 0)
            out[k++] = asio::buffer(chunk.data(), n);
        if (n > 0 && chunked)
            out[k++] = asio::buffer(crlf.data(), crlf.size());
        if (done && chunked)
            out[k++] = asio::buffer(lastChunk.data(), lastChunk.size());
        to.expires_after(idle);
        co_await asio::async_write(to, out, withError(r.ec));
        if (r.ec) {
            r.failed = Relayed::writing;
            co_return r;
        }
        r.wroteAny = true;
        if (done)
            co_return r;
    }
}

// Sends the request to the dyno as the client sends it. Returns the error code when a side
// fails: H25/H27/H28 for the client, H13 when the dyno took nothing, H18 when it stopped taking
// the body.
static Task<std::optional<RouteError>> sendRequest(Exchange &ex, Stream &dyno, Relayed &sent)
{
    sent = co_await relay(ex.client, ex.clientBuffer, ex.parser, dyno, ex.st.settings.idleTimeout);
    if (sent.failed == Relayed::reading)
        co_return routeError(isParseError(sent.ec) ? "H25" : sent.ec == beast::error::timeout ? "H28" : "H27");
    if (sent.failed == Relayed::writing)
        co_return routeError(sent.wroteAny ? "H18" : "H13");
    co_return std::nullopt;
}

// Copies bytes one way of a WebSocket (or any upgraded) connection until a side closes or the
// rolling window passes with no data either way.
static Task<void> pump(Stream &from, Stream &to, std::string leftover,
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

static Task<void> tunnel(Exchange &ex, Stream dyno, beast::flat_buffer &dynoBuffer)
{
    auto last = std::make_shared<std::atomic<int64_t>>(Clock::now().time_since_epoch().count());
    auto shared = std::make_shared<Stream>(std::move(dyno));
    const auto idle = ex.st.settings.idleTimeout;
    auto clientSide = std::make_shared<Stream>(std::move(ex.client));
    asio::co_spawn(clientSide->get_executor(),
                   [shared, clientSide, last, idle, left = drain(dynoBuffer)]() -> Task<void> {
                       co_await pump(*shared, *clientSide, left, last, idle);
                   },
                   asio::detached);
    co_await pump(*clientSide, *shared, drain(ex.clientBuffer), last, idle);
}

// Streams the dyno's response to the client. Returns whether the client connection can serve
// another request.
static Task<bool> relayResponse(Exchange &ex, Stream &dyno, beast::flat_buffer &dynoBuffer,
                                           http::response_parser<http::buffer_body> &rp, bool &dynoReusable)
{
    Response &res = rp.get();
    res.version(11); // the router speaks its own HTTP version, whatever the dyno's
    res.set("X-Request-Id", ex.ctx.requestId);
    res.set(http::field::via, "1.1 vegur");
    stripHopByHop(res);
    bool keep = ex.clientKeepAlive;
    if (rp.need_eof()) {
        // The dyno ends its body by closing: framed in chunks for an HTTP/1.1 client, whose
        // connection then lives on; an HTTP/1.0 one gets the close.
        if (keep && ex.clientHttp11)
            res.chunked(true);
        else
            keep = false;
    }
    res.keep_alive(keep);
    if (keep && !ex.clientHttp11)
        res.set(http::field::connection, "keep-alive");
    const Relayed r = co_await relay(dyno, dynoBuffer, rp, ex.client, ex.st.settings.idleTimeout);
    ex.ctx.bytes = r.bodyBytes;
    if (r.failed == Relayed::reading) {
        const RouteError error =
                routeError(r.ec == beast::error::timeout ? "H15" : isParseError(r.ec) ? "H17" : "H18");
        if (!r.wroteAny) // the client has had nothing yet: it gets the error page
            co_await answerError(ex, error);
        ex.ctx.error = error;
        co_return false;
    }
    if (r.failed == Relayed::writing)
        ex.ctx.error = routeError("H27");
    if (r.failed)
        co_return false;
    dynoReusable = rp.keep_alive();
    co_return keep;
}

static bool isUpgrade(const Request &req) { return beast::iequals(req[http::field::upgrade], "websocket"); }

// One try at the dyno. `retry` is set when a pooled connection turned out closed before any
// answer, so a fresh one may be tried.
static Task<bool> proxyOnce(Exchange &ex, bool mayReuse, bool &retry)
{
    const std::string key = poolKey(*ex.ctx.dyno);
    Backend b = co_await connectDyno(ex, key, mayReuse);
    if (b.error)
        co_return co_await answerError(ex, *b.error);
    Stream &dyno = *b.stream;
    const auto t0 = Clock::now();
    Relayed sent;
    if (auto e = co_await sendRequest(ex, dyno, sent)) {
        retry = b.reused && e->code == "H13" && sent.bodyBytes == 0;
        co_return retry ? false : co_await answerError(ex, *e);
    }
    std::optional<http::response_parser<http::buffer_body>> parsed;
    beast::flat_buffer dynoBuffer;
    beast::error_code ec;
    dyno.expires_after(ex.st.settings.responseTimeout);
    for (;;) {
        parsed.emplace();
        parsed->body_limit(kNoLimit);
        if (ex.parser.get().method() == http::verb::head)
            parsed->skip(true);
        co_await http::async_read_header(dyno, dynoBuffer, *parsed, withError(ec));
        const unsigned status = ec ? 0 : parsed->get().result_int();
        if (status < 100 || status > 199 || status == 101)
            break;
        // An interim answer (100 Continue, 103 Early Hints): the final one follows on the same
        // connection, and that is what the client gets.
    }
    auto &rp = *parsed;
    ex.ctx.service = since(t0);
    if (ec) {
        const bool closed = ec == http::error::end_of_stream || ec == asio::error::connection_reset
                || ec == asio::error::eof;
        retry = b.reused && closed && dynoBuffer.size() == 0 && sent.bodyBytes == 0;
        if (retry)
            co_return false;
        co_return co_await answerError(ex, routeError(ec == beast::error::timeout ? "H12" : closed ? "H13" : "H17"));
    }
    ex.ctx.status = rp.get().result_int();
    if (ex.ctx.status < 100 || ex.ctx.status > 599) // not an HTTP status, though three digits
        co_return co_await answerError(ex, routeError("H17"));
    if (ex.ctx.status == 101 && !isUpgrade(ex.parser.get())) // a switch of protocols nobody asked for
        co_return co_await answerError(ex, routeError("H17"));
    if (ex.ctx.status == 101) {
        http::response<http::empty_body> res;
        res.base() = rp.get().base();
        res.version(11); // the router speaks its own HTTP version, whatever the dyno's
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
    if (dynoReusable && !ex.ctx.error && dynoBuffer.size() == 0) // nothing read past the response
        ex.worker.pool.give(key, std::move(dyno));
    co_return keep;
}

static Task<bool> proxy(Exchange &ex)
{
    addPlatformHeaders(ex);
    Request &req = ex.parser.get();
    const bool upgrade = isUpgrade(req);
    stripHopByHop(req);
    req.version(11); // and kept alive, whatever the client asked of its own connection
    if (upgrade)
        req.set(http::field::connection, "Upgrade");
    bool retry = false;
    const bool keep = co_await proxyOnce(ex, true, retry);
    if (!retry)
        co_return keep;
    bool again = false;
    co_return co_await proxyOnce(ex, false, again);
}

// A request the parser refused: the platform's 400 page (H25) when there is a client to answer.
static Task<void> answerBadRequest(RouterState &st, Stream &client)
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
static Task<void> lingeringClose(RouterState &st, Stream &client)
{
    beast::error_code ec;
    client.socket().shutdown(tcp::socket::shutdown_send, ec);
    client.expires_after(st.settings.lingerTimeout);
    std::array<char, kChunk> scratch;
    while (!ec)
        co_await client.async_read_some(asio::buffer(scratch), withError(ec));
}

Task<void> serveClient(RouterState &st, Worker &worker, Socket socket)
{
    beast::error_code ec;
    const std::string fwd = socket.remote_endpoint(ec).address().to_string(ec);
    Stream client(std::move(socket));
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
        Exchange ex{st, worker, client, buffer, parser, contextFor(parser.get(), fwd)};
        bool failed = false;
        try {
            if (auto error = co_await route(ex, reader, random))
                keep = co_await answerError(ex, *error);
            else
                keep = co_await proxy(ex);
        } catch (const std::exception &) {
            failed = true; // answered below: no co_await inside a handler
        }
        if (failed) {
            // The router itself failed on this request (H99). A client that has had nothing yet
            // gets the error page; one in the middle of a response can only be cut off.
            if (ex.ctx.status == 0 && client.socket().is_open())
                co_await answerError(ex, routeError("H99"));
            ex.ctx.error = routeError("H99");
            ex.ctx.status = 503;
            keep = false;
        }
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
