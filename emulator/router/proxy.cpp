#include "proxy.h"

#include "drainingread.h"
#include "exchange.h"
#include "headerwriter.h"
#include "reads.h"
#include "relay.h"
#include "routersteps.h"
#include "tunnel.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <cerrno>
#include <memory_resource>
#include <random>

#include <sys/socket.h>

// The request loop: each request of a client connection through the steps, to a dyno and back.
// The pieces it is made of: conn.h (the deadline socket), dynopool.h, reads.h, headerwriter.h,
// relay.h, tunnel.h.
namespace dynodesk::router::detail {

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
