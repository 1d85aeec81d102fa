#include "proxy.h"

#include "drainingread.h"
#include "routersteps.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <limits>
#include <memory_resource>
#include <random>

#include <sys/socket.h>

namespace dynodesk::router::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace std::string_view_literals; // "..."sv: appended with no strlen at run time
using Timer = asio::basic_waitable_timer<Clock, asio::wait_traits<Clock>, Executor>;
// Header fields come from an arena per client connection, emptied for each request: Beast's
// basic_fields otherwise allocates once for every field (Beast's http_server_fast does the same).
using FieldsAlloc = std::pmr::polymorphic_allocator<char>;
using Fields = http::basic_fields<FieldsAlloc>;
using Request = http::request<http::buffer_body, Fields>;
using Response = http::response<http::buffer_body, Fields>;
using RequestParser = http::request_parser<http::buffer_body, FieldsAlloc>;
using ResponseParser = http::response_parser<http::buffer_body, FieldsAlloc>;

// Beast 1.74 treats an empty optional body limit as "over the limit".
static constexpr std::uint64_t kNoLimit = std::numeric_limits<std::uint64_t>::max();
static constexpr size_t kChunk = 16 * 1024;

static auto withError(beast::error_code &ec) { return asio::redirect_error(asio::use_awaitable_t<Executor>{}, ec); }

static std::chrono::milliseconds since(Clock::time_point t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t);
}

Conn::Conn(const Executor &executor) : Conn(Socket(executor)) {}

Conn::Conn(Socket socket) : m_watch(std::make_shared<Watch>(std::move(socket))) {}

Conn &Conn::operator=(Conn &&other) noexcept
{
    if (this != &other) {
        close();
        m_watch = std::move(other.m_watch);
    }
    return *this;
}

Conn::~Conn() { close(); }

void Conn::close()
{
    if (!m_watch)
        return;
    m_watch->released = true;
    beast::error_code ec;
    m_watch->socket.close(ec);
    m_watch->timer.cancel();
}

void Conn::Watch::arm()
{
    armed = deadline;
    timer.expires_at(deadline); // lets go of a wait for a later time
    timer.async_wait([self = shared_from_this()](const beast::error_code &ec) {
        if (!ec)
            self->check();
    });
}

void Conn::Watch::check()
{
    armed = Clock::time_point::max();
    if (released || deadline == Clock::time_point::max())
        return;
    if (Clock::now() < deadline) {
        arm(); // the deadline moved on since the timer was set
        return;
    }
    timedOut = true;
    beast::error_code ec;
    socket.close(ec);
}

// An operation's error, or a timeout when the connection's deadline ended it.
static beast::error_code failure(const Conn &conn, const beast::error_code &ec)
{
    return ec && conn.timedOut() ? beast::error_code(beast::error::timeout) : ec;
}

std::optional<Conn> DynoPool::take(const std::string &key)
{
    auto it = m_idle.find(key);
    if (it == m_idle.end() || it->second.empty())
        return std::nullopt;
    Conn s = std::move(it->second.back());
    it->second.pop_back();
    return s;
}

void DynoPool::give(const std::string &key, Conn stream)
{
    stream.expiresNever(); // idle: no request of its own to time out
    auto &idle = m_idle[key];
    if (idle.size() < m_perDyno)
        idle.push_back(std::move(stream));
}

void DynoPool::retain(const std::set<std::string> &keep)
{
    for (auto it = m_idle.begin(); it != m_idle.end();) {
        if (keep.count(it->first)) {
            ++it;
            continue;
        }
        for (auto &s : it->second) {
            beast::error_code ec;
            s.socket().shutdown(tcp::socket::shutdown_both, ec);
        }
        it = m_idle.erase(it); // closes them
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

void DynoPool::clear() { m_idle.clear(); }

// The client sent something that is not HTTP (as opposed to going away or going quiet).
static bool isParseError(const beast::error_code &ec)
{
    return ec.category() == http::make_error_code(http::error::bad_method).category() && ec != http::error::end_of_stream
            && ec != http::error::partial_message;
}

// Reading a message the way Beast's async_read_header and async_read_some do (same errors:
// end_of_stream, partial_message, the parser's), but with one plain read on the socket at a time
// in the caller's coroutine: Beast's composed operations stack two layers of handlers on each
// read, each tracking work on the I/O context, and a helper coroutine would cost a frame.
//   for (bool parse = buffer.size() > 0; needRead(buffer, parser, wholeHeader, parse, ec); parse = true)
//       if (!tookRead(conn, buffer, parser, co_await <read_some into readSpace(buffer)>, ec)) break;
// leaves the header parsed (`wholeHeader`), or else some more of the message, or `ec` set.

// Parses what `buffer` holds (when `parse`). True when the caller must read more first.
template <bool isRequest>
static bool needRead(beast::flat_buffer &buffer, http::basic_parser<isRequest> &parser, bool wholeHeader, bool parse,
                     beast::error_code &ec)
{
    ec = {};
    if (parse) {
        buffer.consume(parser.put(buffer.data(), ec));
        if (ec != http::error::need_more && (ec || !wholeHeader || parser.is_header_done()))
            return false;
        ec = {};
    }
    if (beast::read_size(buffer, 65536) == 0) {
        ec = http::error::buffer_overflow;
        return false;
    }
    return true;
}

static asio::mutable_buffer readSpace(beast::flat_buffer &buffer) { return buffer.prepare(beast::read_size(buffer, 65536)); }

// Takes in `n` bytes read (with the read's error). False when the read ended it: an error, or the
// end of the stream (which ends a body delimited by the close, and is partial_message for the rest).
template <bool isRequest>
static bool tookRead(Conn &conn, beast::flat_buffer &buffer, http::basic_parser<isRequest> &parser, size_t n,
                     beast::error_code &ec)
{
    buffer.commit(n);
    ec = failure(conn, ec);
    if (ec != asio::error::eof)
        return !ec;
    ec = {};
    if (parser.got_some())
        parser.put_eof(ec);
    else
        ec = http::error::end_of_stream;
    return false;
}

// One request on its way: the client's connection, its parser and what the steps found.
struct Exchange final {
    RouterState &st;
    Worker &worker;
    Conn &client;
    beast::flat_buffer &clientBuffer;
    std::string &wire; // a header on its way out, kept for its capacity
    std::array<char, kChunk> &chunk; // a piece of body on its way, kept out of the coroutine frames
    // The dyno's answer: its parser, and what was read from its connection.
    std::optional<ResponseParser> &response;
    FieldsAlloc fieldsAlloc; // the connection's arena, for the response's fields
    beast::flat_buffer &dynoBuffer;
    RequestParser &parser;
    RequestContext &ctx; // the connection's, started over for each request
    Clock::time_point started = Clock::now();
    // How the client wants its connection.
    bool clientKeepAlive = parser.keep_alive();
    bool clientHttp11 = parser.get().version() >= 11;
};

// Appends a header's fields as they go on, less two kinds. Hop-by-hop ones (RFC 9110 §7.6.1)
// concern one connection, the client's with the router or the router's with the dyno; the router
// keeps each connection on its own terms, so neither side's go to the other (Upgrade excepted,
// which a WebSocket handshake needs). And those named in `replaced`, which the router sets itself.
// `skipTransferEncoding` drops Transfer-Encoding, for a caller that writes its own.
template <class Fields>
static void appendFields(std::string &out, const Fields &fields, std::initializer_list<std::string_view> replaced,
                         bool skipTransferEncoding = false)
{
    // The names Connection lists, looked through for each field only when it lists any besides
    // `close` and `keep-alive` (Keep-Alive is dropped anyway); Upgrade stays.
    const beast::string_view connection = fields[http::field::connection];
    const http::token_list tokens(connection);
    const bool namesAny = std::any_of(tokens.begin(), tokens.end(), [](beast::string_view token) {
        return !beast::iequals(token, "close") && !beast::iequals(token, "keep-alive") && !beast::iequals(token, "upgrade");
    });
    const auto namedByConnection = [&](beast::string_view name) {
        return namesAny && !beast::iequals(name, "upgrade")
                && std::any_of(tokens.begin(), tokens.end(), [&name](beast::string_view t) { return beast::iequals(t, name); });
    };
    for (const auto &field : fields) {
        switch (field.name()) {
        case http::field::connection:
        case http::field::keep_alive:
        case http::field::proxy_connection:
        case http::field::te:
            continue;
        case http::field::transfer_encoding:
            if (skipTransferEncoding)
                continue;
            break;
        default:
            break;
        }
        const beast::string_view name = field.name_string();
        if (std::any_of(replaced.begin(), replaced.end(),
                        [&name](std::string_view r) { return beast::iequals(name, beast::string_view(r.data(), r.size())); })
            || namedByConnection(name))
            continue;
        out.append(name.data(), name.size()).append(": "sv);
        out.append(field.value().data(), field.value().size()).append("\r\n"sv);
    }
}

static bool isUpgrade(const Request &req) { return beast::iequals(req[http::field::upgrade], "websocket"); }

static size_t longestHeaderLine(const Request &req)
{
    size_t longest = 0;
    for (const auto &field : req)
        longest = std::max(longest, field.name_string().size() + 2 + field.value().size());
    return longest;
}

// Starts `ctx` over for the request: every field as a new context has it, but the strings keep
// their capacity, so the requests of a kept-alive connection do not allocate for them.
static void startContext(RequestContext &ctx, const Request &req, const std::string &fwd)
{
    RequestContext fresh;
    fresh.method = std::move(ctx.method);
    fresh.path = std::move(ctx.path);
    fresh.host = std::move(ctx.host);
    fresh.requestId = std::move(ctx.requestId);
    ctx = std::move(fresh);
    ctx.method.assign(req.method_string().data(), req.method_string().size());
    ctx.path.assign(req.target().data(), req.target().size());
    const beast::string_view host = req[http::field::host];
    ctx.host.assign(host.data(), host.size());
    const beast::string_view clientId = req["X-Request-Id"];
    assignRequestId(ctx.requestId, std::string_view(clientId.data(), clientId.size()));
    ctx.fwd = fwd;
    ctx.requestLineBytes = req.method_string().size() + req.target().size() + 10;
    ctx.largestHeaderLineBytes = longestHeaderLine(req);
}

static void log(const RouterState &st, const RequestContext &ctx)
{
    if (!st.logs || !ctx.app)
        return;
    static const std::string source = "heroku", process = "router";
    thread_local std::string line; // keeps its capacity: the worker's lines allocate nothing here
    writeLogLine(line, ctx);
    st.logs->append(ctx.app->id, source, process, line);
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
    ex.client.expiresAfter(ex.st.settings.idleTimeout);
    co_await http::async_write(ex.client.socket(), res, withError(ec));
    co_return keep && !ec;
}

// One pass of the steps after validation: find the app, maintenance, pick a dyno. Sets `error`
// to the answer for a request that cannot go on. Returns false when no dyno is `up` yet but one
// is starting (or asleep, and asked to wake): the caller waits and tries again.
static bool routeOnce(Exchange &ex, const core::RouteSnapshot &routes, std::mt19937_64 &random,
                      std::optional<RouteError> &error)
{
    if ((error = steps::findApp(ex.ctx, routes)))
        return true;
    if (ex.st.settings.beforeRoute)
        ex.st.settings.beforeRoute(ex.ctx.host);
    if ((error = steps::maintenance(ex.ctx)))
        return true;
    steps::Pick pick = steps::pickDyno(*ex.ctx.app, random);
    if (pick.error || pick.dyno) {
        ex.ctx.dyno = pick.dyno;
        error = pick.error;
        return true;
    }
    if (pick.asleep && ex.st.settings.wake)
        ex.st.settings.wake(ex.ctx.app->id); // the dynos' side ignores a second ask
    return false;
}

// Waits for a starting dyno up to the boot wait (H20 after it), routing again every 50 ms.
static Task<std::optional<RouteError>> waitForDyno(Exchange &ex, core::RouteTable::Reader &reader,
                                                   std::mt19937_64 &random)
{
    const auto deadline = Clock::now() + ex.st.settings.bootWait;
    Timer timer(ex.client.executor());
    std::optional<RouteError> error;
    while (Clock::now() < deadline) {
        timer.expires_after(std::chrono::milliseconds(50));
        beast::error_code ec;
        co_await timer.async_wait(withError(ec));
        if (routeOnce(ex, *reader.get(), random, error))
            co_return error;
    }
    co_return routeError("H20");
}

static void appendField(std::string &out, std::string_view name, std::string_view value)
{
    out.append(name).append(": "sv).append(value).append("\r\n"sv);
}

static void appendField(std::string &out, std::string_view name, long long value)
{
    out.append(name).append(": "sv);
    appendNumber(out, value);
    out.append("\r\n"sv);
}

// The request as it goes to the dyno: HTTP/1.1 on the router's kept-alive connection, with the
// headers the router adds (platform-facts §7). Built straight into `out` rather than by editing
// the parsed fields, which would allocate for every field set.
static void requestHeader(std::string &out, const Exchange &ex)
{
    const Request &req = ex.parser.get();
    out.clear();
    out.append(req.method_string().data(), req.method_string().size()).append(" "sv);
    out.append(req.target().data(), req.target().size()).append(" HTTP/1.1\r\n"sv);
    appendFields(out, req,
                 {"X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Request-Start", "X-Request-Id", "Via"});
    const beast::string_view forwarded = req["X-Forwarded-For"];
    out.append("X-Forwarded-For: "sv);
    if (!forwarded.empty())
        out.append(forwarded.data(), forwarded.size()).append(", "sv);
    out.append(ex.ctx.fwd).append("\r\n"sv);
    appendField(out, "X-Forwarded-Proto", "http");
    appendField(out, "X-Forwarded-Port", ex.st.port);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch());
    appendField(out, "X-Request-Start", ms.count());
    appendField(out, "X-Request-Id", ex.ctx.requestId);
    appendField(out, "Via", "1.1 vegur");
    if (isUpgrade(req))
        appendField(out, "Connection", "Upgrade");
    out.append("\r\n"sv);
}

// A connection to the dyno: an idle one from the pool (takePooled), else a new one (connectDyno:
// H19 on timeout, H21 on refusal).
struct Backend final {
    std::optional<Conn> stream;
    bool reused = false;
    std::optional<RouteError> error;
};

// A connection's options: no Nagle delay, non-blocking for the relay's straight-away writes, and
// reads that tell when they left it drained (drainingread.h).
static void startConnection(Socket &socket)
{
    beast::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    socket.non_blocking(true, ec);
    watchDrain(socket);
}

// A request a client may send again by itself when a connection fails under it (RFC 9110
// 9.2.2): the dyno acting on it twice is as acting on it once.
static bool idempotent(http::verb method)
{
    switch (method) {
    case http::verb::get:
    case http::verb::head:
    case http::verb::options:
    case http::verb::trace:
    case http::verb::put:
    case http::verb::delete_:
        return true;
    default:
        return false;
    }
}

// An idle connection to the dyno from the worker's pool, if there is one fit for reuse: one the
// dyno has neither closed nor written to since its last answer. Bytes waiting belong to no request
// (a dyno that answered more than it was asked), so they would reach the next client.
// A connection the reactor has had no news of since the answer's last read left it drained
// (quietSinceDrained: no bytes, no close) is taken as it is for an idempotent request without a
// body; were the dyno's close on its way all the same, that request fails before any answer and
// goes once more on a new connection (proxyOnce's retry). For any other request, and for a
// connection with news, the router looks first: one peek, which finds nothing on a connection fit
// for reuse. (A body is the client's stream and cannot go twice; a POST must not be acted on twice.)
static std::optional<Conn> takePooled(Exchange &ex, const std::string &key)
{
    const bool mayGoAgain = ex.parser.is_done() && idempotent(ex.parser.get().method());
    while (auto pooled = ex.worker.pool.take(key)) {
        if (mayGoAgain && quietSinceDrained(pooled->socket()))
            return pooled;
        char byte;
        if (::recv(pooled->socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT) < 0
            && (errno == EAGAIN || errno == EWOULDBLOCK))
            return pooled;
    }
    return std::nullopt;
}

static Task<Backend> connectDyno(Exchange &ex)
{
    const auto t0 = Clock::now();
    Backend b;
    b.stream.emplace(ex.client.executor());
    b.stream->expiresAfter(ex.st.settings.connectTimeout);
    beast::error_code ec;
    const tcp::endpoint endpoint(asio::ip::make_address(ex.ctx.dyno->host, ec), static_cast<uint16_t>(ex.ctx.dyno->port));
    if (ec) {
        // The route table names an address nobody can connect to: the platform's fault, not the app's.
        b.error = routeError("H99");
        co_return b;
    }
    co_await b.stream->socket().async_connect(endpoint, withError(ec));
    ec = failure(*b.stream, ec);
    ex.ctx.connect = since(t0);
    if (ec == beast::error::timeout)
        b.error = routeError("H19");
    else if (ec)
        b.error = routeError("H21");
    else
        startConnection(b.stream->socket());
    co_return b;
}

// How relaying one message went: which side failed, and whether anything reached the other side.
struct Relayed final {
    enum Side { none, reading, writing } failed = none;
    beast::error_code ec;
    bool wroteAny = false;
    uint64_t bodyBytes = 0;
};

// Writing straight away first: a socket that takes it all, as a loopback one mostly does, needs
// no trip through the I/O context. writeStraight returns what the socket took (`ec` set if it
// failed); writeRest sends what it did not take, asynchronously.
template <class Buffers>
static size_t writeStraight(Conn &to, const Buffers &out, beast::error_code &ec)
{
    if (!to.socket().non_blocking())
        return 0;
    const size_t sent = to.socket().write_some(out, ec);
    if (ec == asio::error::would_block)
        ec = {};
    return sent;
}

template <class Buffers>
static Task<void> writeRest(Conn &to, const Buffers &out, size_t sent, std::chrono::milliseconds idle,
                            beast::error_code &ec)
{
    beast::buffers_suffix<Buffers> rest(out);
    rest.consume(sent);
    to.expiresAfter(idle);
    co_await asio::async_write(to.socket(), rest, withError(ec));
    ec = failure(to, ec);
}

// Moves a message from one side to the other as it arrives: the header, then each piece of body
// the moment it is read (up to kChunk bytes), without holding the whole body; a chunked body is
// framed again piece by piece. Body bytes that arrived with the header go out with it in one
// write, and the end of a chunked body with its last piece; a header with nothing behind it yet
// goes out alone, so a streamed answer is not held back. `header` is the start line and fields as
// they go out, written as one flat buffer rather than through Beast's serializer, which costs
// more than the rest of the relay; `chunkedOut` says whether the body goes out in chunks.
template <bool isRequest>
static Task<Relayed> relay(Conn &from, beast::flat_buffer &fromBuffer,
                           http::parser<isRequest, http::buffer_body, FieldsAlloc> &parser, Conn &to,
                           std::chrono::milliseconds idle, const std::string &header, bool chunkedOut,
                           std::array<char, kChunk> &chunk)
{
    auto &message = parser.get();
    const bool hasBody = !parser.is_done(); // none after a HEAD, a 204 or 304, or Content-Length: 0
    const bool chunked = hasBody && chunkedOut;
    std::array<char, 24> sizeLine;
    static constexpr std::string_view crlf = "\r\n", lastChunk = "0\r\n\r\n";
    Relayed r;
    parser.eager(true); // a read takes every whole piece already buffered (chunk header, data, end)
    for (bool first = true;; first = false) {
        size_t n = 0;
        if (!parser.is_done() && (!first || fromBuffer.size() > 0)) {
            message.body().data = chunk.data();
            message.body().size = chunk.size();
            // Bytes read already (a body that came with its header) are parsed without a read.
            for (bool parse = fromBuffer.size() > 0; needRead(fromBuffer, parser, false, parse, r.ec); parse = true) {
                from.expiresAfter(idle);
                const size_t got = co_await from.socket().async_read_some(DrainingRead(readSpace(fromBuffer)),
                                                                           withError(r.ec));
                if (!tookRead(from, fromBuffer, parser, got, r.ec))
                    break;
            }
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
            char *end = std::to_chars(sizeLine.data(), sizeLine.data() + sizeLine.size() - 2, n, 16).ptr;
            *end++ = '\r';
            *end++ = '\n';
            out[k++] = asio::buffer(sizeLine.data(), static_cast<size_t>(end - sizeLine.data()));
        }
        if (n > 0)
            out[k++] = asio::buffer(chunk.data(), n);
        if (n > 0 && chunked)
            out[k++] = asio::buffer(crlf.data(), crlf.size());
        if (done && chunked)
            out[k++] = asio::buffer(lastChunk.data(), lastChunk.size());
        if (const size_t sent = writeStraight(to, out, r.ec); !r.ec && sent < asio::buffer_size(out))
            co_await writeRest(to, out, sent, idle, r.ec);
        if (r.ec) {
            r.failed = Relayed::writing;
            co_return r;
        }
        r.wroteAny = true;
        if (done)
            co_return r;
    }
}

// The error code for a request that did not reach the dyno whole: H25/H27/H28 for the client,
// H13 when the dyno took nothing, H18 when it stopped taking the body. Null when it did.
static const char *requestError(const Relayed &sent)
{
    if (sent.failed == Relayed::reading)
        return isParseError(sent.ec) ? "H25" : sent.ec == beast::error::timeout ? "H28" : "H27";
    if (sent.failed == Relayed::writing)
        return sent.wroteAny ? "H18" : "H13";
    return nullptr;
}

// Copies bytes one way of a WebSocket (or any upgraded) connection until a side closes or the
// rolling window passes with no data in either direction: data either way moves both
// connections' deadlines on.
static Task<void> pump(Conn &from, Conn &to, std::string leftover, std::chrono::milliseconds idle)
{
    beast::error_code ec;
    if (!leftover.empty())
        co_await asio::async_write(to.socket(), asio::buffer(leftover), withError(ec));
    std::array<char, kChunk> chunk;
    while (!ec) {
        const size_t n = co_await from.socket().async_read_some(DrainingRead(asio::buffer(chunk)), withError(ec));
        if (ec)
            break;
        from.expiresAfter(idle);
        to.expiresAfter(idle);
        co_await asio::async_write(to.socket(), asio::buffer(chunk.data(), n), withError(ec));
    }
    from.close();
    to.close();
}

static std::string drain(beast::flat_buffer &buffer)
{
    std::string out = beast::buffers_to_string(buffer.data());
    buffer.consume(buffer.size());
    return out;
}

static Task<void> tunnel(Exchange &ex, Conn dyno)
{
    const auto idle = ex.st.settings.idleTimeout;
    auto dynoSide = std::make_shared<Conn>(std::move(dyno));
    auto clientSide = std::make_shared<Conn>(std::move(ex.client));
    dynoSide->expiresAfter(idle);
    clientSide->expiresAfter(idle);
    asio::co_spawn(clientSide->executor(),
                   [dynoSide, clientSide, idle, left = drain(ex.dynoBuffer)]() -> Task<void> {
                       co_await pump(*dynoSide, *clientSide, left, idle);
                   },
                   asio::detached);
    co_await pump(*clientSide, *dynoSide, drain(ex.clientBuffer), idle);
}

// The response as it goes to the client: HTTP/1.1 whatever the dyno's version, with the
// request id and `Via`; `reframe` puts a body the dyno ends by closing into chunks, and the
// `Connection` header says what `keep` decided. Built like requestHeader.
static void responseHeader(std::string &out, const Exchange &ex, const Response &res, bool keep, bool reframe)
{
    out.clear();
    out.append("HTTP/1.1 "sv);
    appendNumber(out, res.result_int());
    out.append(" "sv);
    const beast::string_view reason = res.reason().empty() ? http::obsolete_reason(res.result()) : res.reason();
    out.append(reason.data(), reason.size()).append("\r\n"sv);
    appendFields(out, res, {"X-Request-Id", "Via"}, reframe);
    appendField(out, "X-Request-Id", ex.ctx.requestId);
    appendField(out, "Via", "1.1 vegur");
    if (reframe) {
        const beast::string_view coding = res[http::field::transfer_encoding];
        out.append("Transfer-Encoding: "sv);
        if (!coding.empty())
            out.append(coding.data(), coding.size()).append(", "sv);
        out.append("chunked\r\n"sv);
    }
    if (!keep)
        appendField(out, "Connection", "close");
    else if (!ex.clientHttp11)
        appendField(out, "Connection", "keep-alive");
    out.append("\r\n"sv);
}

// How the dyno's response goes to the client, into `ex.wire`: returns whether the body is to be
// framed in chunks (`reframe`: one the dyno ends by closing, for an HTTP/1.1 client), and sets
// `keep` to whether the client connection can serve another request.
static bool responseFraming(Exchange &ex, const ResponseParser &rp, bool &keep)
{
    keep = ex.clientKeepAlive;
    bool reframe = false;
    if (rp.need_eof()) {
        // An HTTP/1.1 client's connection then lives on; an HTTP/1.0 one gets the close.
        if (keep && ex.clientHttp11)
            reframe = true;
        else
            keep = false;
    }
    responseHeader(ex.wire, ex, rp.get(), keep, reframe);
    return reframe;
}

// The dyno switched protocols (a WebSocket handshake): its 101 goes to the client, then bytes
// flow both ways until either side closes.
static Task<void> upgrade(Exchange &ex, Conn dyno)
{
    http::response<http::empty_body, Fields> res;
    res.base() = ex.response->get().base();
    res.version(11); // the router speaks its own HTTP version, whatever the dyno's
    res.set("X-Request-Id", ex.ctx.requestId);
    beast::error_code ec;
    co_await http::async_write(ex.client.socket(), res, withError(ec));
    log(ex.st, ex.ctx);
    if (!ec)
        co_await tunnel(ex, std::move(dyno));
    ex.ctx.app = nullptr; // logged already
}

// One try at the dyno: the request to it, its response to the client. Returns whether the client
// connection can serve another request. `retry` is set when a pooled connection turned out
// closed before any answer, so a fresh one may be tried.
static Task<bool> proxyOnce(Exchange &ex, bool mayReuse, bool &retry)
{
    const std::string key = poolKey(*ex.ctx.dyno);
    Backend b;
    if (mayReuse && (b.stream = takePooled(ex, key)))
        b.reused = true;
    else if ((b = co_await connectDyno(ex)).error)
        co_return co_await answerError(ex, *b.error);
    Conn &dyno = *b.stream;
    const auto t0 = Clock::now();
    // The request goes to the dyno as the client sends it.
    requestHeader(ex.wire, ex);
    Relayed sent;
    if (ex.parser.is_done()) {
        // No body (a GET, mostly): the header goes as relay would send it, without its frame.
        const auto out = asio::buffer(ex.wire);
        if (const size_t n = writeStraight(dyno, out, sent.ec); !sent.ec && n < out.size())
            co_await writeRest(dyno, out, n, ex.st.settings.idleTimeout, sent.ec);
        sent.failed = sent.ec ? Relayed::writing : Relayed::none;
        sent.wroteAny = !sent.ec;
    } else {
        sent = co_await relay(ex.client, ex.clientBuffer, ex.parser, dyno, ex.st.settings.idleTimeout, ex.wire,
                              ex.parser.chunked(), ex.chunk);
    }
    if (const char *code = requestError(sent)) {
        retry = b.reused && std::string_view(code) == "H13" && sent.bodyBytes == 0;
        co_return retry ? false : co_await answerError(ex, routeError(code));
    }
    ex.client.expiresNever(); // the client waits for the dyno's first byte as long as it takes (H12)
    // The response. Its parser and buffer live with the client connection, which keeps this
    // frame small (see Exchange).
    auto &parsed = ex.response;
    beast::flat_buffer &dynoBuffer = ex.dynoBuffer;
    dynoBuffer.clear();
    beast::error_code ec;
    dyno.expiresAt(t0 + ex.st.settings.responseTimeout);
    for (;;) {
        parsed.emplace(std::piecewise_construct, std::make_tuple(), std::make_tuple(ex.fieldsAlloc));
        parsed->body_limit(kNoLimit);
        if (ex.parser.get().method() == http::verb::head)
            parsed->skip(true);
        // Reads into a DrainingRead (drainingread.h), as every read on a proxied connection does:
        // on a pooled connection the end of the previous answer left the socket drained, so the
        // answer's first read waits for it without a read that finds nothing yet.
        for (bool parse = dynoBuffer.size() > 0; needRead(dynoBuffer, *parsed, true, parse, ec); parse = true)
            if (!tookRead(dyno, dynoBuffer, *parsed,
                          co_await dyno.socket().async_read_some(DrainingRead(readSpace(dynoBuffer)), withError(ec)),
                          ec))
                break;
        const unsigned status = ec ? 0 : parsed->get().result_int();
        if (status < 100 || status > 199 || status == 101)
            break;
        // An interim answer (100 Continue, 103 Early Hints): the final one follows on the same
        // connection, and that is what the client gets.
    }
    auto &rp = *parsed;
    const char *failed = nullptr;
    if (ec) {
        const bool closed = ec == http::error::end_of_stream || ec == asio::error::connection_reset
                || ec == asio::error::eof;
        retry = b.reused && closed && dynoBuffer.size() == 0 && sent.bodyBytes == 0;
        if (retry)
            co_return false;
        failed = ec == beast::error::timeout ? "H12" : closed ? "H13" : "H17";
    } else {
        ex.ctx.status = rp.get().result_int();
        if (ex.ctx.status < 100 || ex.ctx.status > 599) // not an HTTP status, though three digits
            failed = "H17";
        else if (ex.ctx.status == 101 && !isUpgrade(ex.parser.get())) // a switch of protocols nobody asked for
            failed = "H17";
    }
    if (failed || ex.ctx.status == 101) // else the service time is taken once the response is through
        ex.ctx.service = since(t0);
    if (failed)
        co_return co_await answerError(ex, routeError(failed));
    if (ex.ctx.status == 101) {
        co_await upgrade(ex, std::move(dyno));
        co_return false;
    }
    // The response streams to the client.
    bool keep = false;
    const bool reframe = responseFraming(ex, rp, keep);
    const Relayed r = co_await relay(dyno, dynoBuffer, rp, ex.client, ex.st.settings.idleTimeout, ex.wire,
                                     reframe || rp.chunked(), ex.chunk);
    ex.ctx.bytes = r.bodyBytes;
    ex.ctx.service = since(t0);
    if (r.failed == Relayed::reading) {
        const RouteError error =
                routeError(r.ec == beast::error::timeout ? "H15" : isParseError(r.ec) ? "H17" : "H18");
        if (!r.wroteAny) // the client has had nothing yet: it gets the error page
            co_await answerError(ex, error);
        ex.ctx.error = error;
        co_return false;
    }
    if (r.failed == Relayed::writing) {
        ex.ctx.error = routeError("H27");
        co_return false;
    }
    if (rp.keep_alive() && dynoBuffer.size() == 0) // nothing read past the response
        ex.worker.pool.give(key, std::move(dyno));
    co_return keep;
}

// A request the parser refused: the platform's 400 page (H25) when there is a client to answer.
static Task<void> answerBadRequest(RouterState &st, Conn &client)
{
    http::response<http::string_body> res{http::status::bad_request, 11};
    res.set(http::field::content_type, "text/html; charset=utf-8");
    res.body() = errorPage("H25", {});
    res.keep_alive(false);
    res.prepare_payload();
    beast::error_code ec;
    client.expiresAfter(st.settings.idleTimeout);
    co_await http::async_write(client.socket(), res, withError(ec));
}


// After an answer sent before the whole request was read (H18, H25): stop sending, then read and
// drop what the client still sends, so closing does not reset the connection before the client
// has read the answer.
static Task<void> lingeringClose(RouterState &st, Conn &client)
{
    beast::error_code ec;
    client.socket().shutdown(tcp::socket::shutdown_send, ec);
    client.expiresAfter(st.settings.lingerTimeout);
    std::array<char, kChunk> scratch;
    while (!ec)
        co_await client.socket().async_read_some(asio::buffer(scratch), withError(ec));
}

Task<void> serveClient(RouterState &st, Worker &worker, Socket socket)
{
    beast::error_code ec;
    const std::string fwd = socket.remote_endpoint(ec).address().to_string(ec);
    startConnection(socket);
    Conn client(std::move(socket));
    beast::flat_buffer buffer;
    std::string wire;
    std::array<char, kChunk> chunk;
    std::array<std::byte, 4096> arenaStart;
    std::pmr::monotonic_buffer_resource arena(arenaStart.data(), arenaStart.size());
    std::optional<ResponseParser> response;
    beast::flat_buffer dynoBuffer;
    core::RouteTable::Reader reader(st.routes);
    std::mt19937_64 random(std::random_device{}());
    RequestContext ctx;
    bool readWhole = true; // the last request was read to its end
    for (bool keep = true; keep && !st.stopping;) {
        response.reset(); // the last request's fields are done with
        arena.release();
        RequestParser parser(std::piecewise_construct, std::make_tuple(), std::make_tuple(FieldsAlloc(&arena)));
        parser.header_limit(static_cast<std::uint32_t>(st.settings.maxHeaderBytes));
        parser.body_limit(kNoLimit);
        client.expiresAfter(st.settings.idleTimeout);
        for (bool parse = buffer.size() > 0; needRead(buffer, parser, true, parse, ec); parse = true)
            if (!tookRead(client, buffer, parser,
                          co_await client.socket().async_read_some(DrainingRead(readSpace(buffer)), withError(ec)),
                          ec))
                break;
        if (ec) {
            if (isParseError(ec)) {
                co_await answerBadRequest(st, client);
                readWhole = false;
            }
            break;
        }
        // From here each read and write on the client sets its own deadline; none runs while the
        // router waits on a starting dyno (the boot wait) or for the dyno's first byte.
        client.expiresNever();
        startContext(ctx, parser.get(), fwd);
        Exchange ex{st, worker, client, buffer, wire, chunk, response, FieldsAlloc(&arena), dynoBuffer, parser, ctx};
        bool failed = false;
        try {
            std::optional<RouteError> error = steps::validate(ex.ctx, st.settings.maxLineBytes);
            if (!error && !routeOnce(ex, *reader.get(), random, error))
                error = co_await waitForDyno(ex, reader, random);
            if (error) {
                keep = co_await answerError(ex, *error);
            } else {
                bool retry = false;
                keep = co_await proxyOnce(ex, true, retry);
                if (retry) // a pooled connection the dyno had closed: once more on a new one
                    keep = co_await proxyOnce(ex, false, retry);
            }
        } catch (const std::exception &) {
            failed = true; // answered below: no co_await inside a handler
        }
        if (failed) {
            // The router itself failed on this request (H99). A client that has had nothing yet
            // gets the error page; one in the middle of a response can only be cut off.
            if (ex.ctx.status == 0 && client.isOpen())
                co_await answerError(ex, routeError("H99"));
            ex.ctx.error = routeError("H99");
            ex.ctx.status = 503;
            keep = false;
        }
        if (ex.ctx.service.count() == 0)
            ex.ctx.service = since(ex.started);
        log(st, ex.ctx);
        readWhole = parser.is_done();
        if (!client.isOpen())
            break;
    }
    if (client.isOpen() && !readWhole && !st.stopping)
        co_await lingeringClose(st, client);
    else if (client.isOpen())
        client.socket().shutdown(tcp::socket::shutdown_send, ec);
}

} // namespace dynodesk::router::detail
