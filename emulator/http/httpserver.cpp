#include "httpserver.h"
#include "requesttarget.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <deque>
#include <limits>
#include <atomic>
#include <cctype>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <vector>

namespace dynodesk::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace detail {

// Beast 1.74 compares the body length with an empty optional as "over the limit", so "no
// limit" is the largest number rather than boost::none.
static constexpr std::uint64_t kNoLimit = std::numeric_limits<std::uint64_t>::max();

static std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

static std::string errorJson(std::string_view id, std::string_view message)
{
    return std::string(R"({"id":")") + std::string(id) + R"(","message":")" + std::string(message) + "\"}";
}

struct Routes {
    HttpServer::Handler handler;
    std::vector<std::pair<HttpServer::PathMatcher, HttpServer::StreamHandler>> streams;
    // False once the server stops: exchanges then fail at once instead of posting to a stopped
    // I/O loop (a thread waiting on one would wait forever).
    std::shared_ptr<std::atomic<bool>> alive = std::make_shared<std::atomic<bool>>(true);
};

class Session final : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, const Routes &routes, size_t maxBody)
        : m_stream(std::move(socket)), m_routes(routes), m_maxBody(maxBody)
    {
    }

    void start() { asio::dispatch(m_stream.get_executor(), [self = shared_from_this()] { self->read(); }); }

    // Used by Exchange, which lives on the same strand.

    void read()
    {
        m_parser.emplace();
        m_parser->body_limit(kNoLimit); // each kind of route sets its own limit below
        m_parser->header_limit(64 * 1024);
        m_stream.expires_after(std::chrono::minutes(5));
        http::async_read_header(m_stream, m_buffer, *m_parser,
                                [self = shared_from_this()](beast::error_code ec, size_t) { self->onHeader(ec); });
    }

    void onHeader(beast::error_code ec)
    {
        if (ec)
            return onRead(ec);
        const auto target = m_parser->get().target();
        if (auto problem = checkRequestTarget(std::string_view(target.data(), target.size()))) {
            HttpResponse r{problem->status, {{"Content-Type", "application/json"}}, errorJson(problem->id, problem->message)};
            return write(std::move(r), false);
        }
        const std::string_view path(target.data(), std::min(target.size(), target.find('?')));
        for (const auto &route : m_routes.streams) {
            if (route.first(path))
                return startExchange(route.second);
        }
        m_parser->body_limit(m_maxBody);
        if (const auto length = m_parser->content_length(); length && *length > m_maxBody)
            return onRead(http::error::body_limit);
        http::async_read(m_stream, m_buffer, *m_parser,
                         [self = shared_from_this()](beast::error_code ec, size_t) { self->onRead(ec); });
    }

    void startExchange(const HttpServer::StreamHandler &handler);

    void onRead(beast::error_code ec)
    {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::connection_reset
            || ec == asio::error::operation_aborted || ec == asio::error::eof)
            return close();
        if (ec == http::error::body_limit) {
            HttpResponse r{413, {{"Content-Type", "application/json"}},
                           errorJson("request_entity_too_large", "Request body is larger than the "
                                                                 + std::to_string(m_maxBody / 1024) + " kB limit.")};
            return write(std::move(r), false);
        }
        if (ec) {
            HttpResponse r{400, {{"Content-Type", "application/json"}},
                           errorJson("bad_request", "Malformed HTTP request: " + ec.message())};
            return write(std::move(r), false);
        }
        auto msg = m_parser->release();
        HttpRequest req = toRequest(msg);
        req.body = std::move(msg.body());
        const bool keepAlive = msg.keep_alive();
        m_routes.handler(std::move(req), [self = shared_from_this(), keepAlive](HttpResponse response) {
            asio::post(self->m_stream.get_executor(), [self, keepAlive, response = std::move(response)]() mutable {
                self->write(std::move(response), keepAlive);
            });
        });
    }

    template <typename Message>
    HttpRequest toRequest(const Message &msg)
    {
        HttpRequest req;
        req.method = std::string(msg.method_string());
        req.target = std::string(msg.target());
        for (const auto &field : msg)
            req.headers.emplace_back(lower(std::string_view(field.name_string().data(), field.name_string().size())),
                                     std::string(field.value()));
        beast::error_code ignored;
        req.remoteAddress = m_stream.socket().remote_endpoint(ignored).address().to_string();
        return req;
    }

    void write(HttpResponse response, bool keepAlive)
    {
        auto msg = std::make_shared<http::response<http::string_body>>();
        msg->version(11);
        msg->result(static_cast<unsigned>(response.status));
        for (auto &[k, v] : response.headers)
            msg->set(k, v);
        msg->body() = std::move(response.body);
        msg->keep_alive(keepAlive);
        msg->prepare_payload();
        http::async_write(m_stream, *msg, [self = shared_from_this(), msg, keepAlive](beast::error_code ec, size_t) {
            if (ec)
                return self->close();
            if (!keepAlive)
                return self->lingeringClose();
            self->read();
        });
    }

    // After an answer sent before the whole request was read (413, 400): stop sending, then read
    // and drop what the client still sends, so closing does not reset the connection before the
    // client has read the answer.
    void lingeringClose()
    {
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        m_stream.expires_after(std::chrono::seconds(5));
        drain();
    }

    void drain()
    {
        m_stream.async_read_some(asio::buffer(m_scratch), [self = shared_from_this()](beast::error_code ec, size_t) {
            if (ec)
                return self->close();
            self->drain();
        });
    }

    void close()
    {
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        m_stream.close();
    }

public:
    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::array<char, 16384> m_scratch;
    std::optional<http::request_parser<http::string_body>> m_parser;
    const Routes &m_routes;
    size_t m_maxBody;
};

// A streaming exchange on a session's connection. All work runs on the connection's strand.
class Exchange final : public HttpExchange, public std::enable_shared_from_this<Exchange> {
public:
    Exchange(std::shared_ptr<Session> session, http::request_parser<http::string_body> &&header, HttpRequest request)
        : m_session(std::move(session)), m_alive(m_session->m_routes.alive), m_parser(std::move(header)),
          m_request(std::move(request))
    {
        m_parser.body_limit(kNoLimit);
    }

    const HttpRequest &request() const override { return m_request; }

    void readBody(BodyReader onData) override
    {
        if (!*m_alive)
            return onData({}, true, false);
        asio::post(executor(), [self = shared_from_this(), onData = std::move(onData)] {
            if (self->m_parser.is_done())
                return onData({}, true, true);
            auto &body = self->m_parser.get().body();
            body.data = self->m_piece.data();
            body.size = self->m_piece.size();
            http::async_read(self->m_session->m_stream, self->m_session->m_buffer, self->m_parser,
                             [self, onData](beast::error_code ec, size_t) {
                                 if (ec == http::error::need_buffer)
                                     ec = {};
                                 if (ec)
                                     return onData({}, true, false);
                                 const size_t got = self->m_piece.size() - self->m_parser.get().body().size;
                                 onData(std::string(self->m_piece.data(), got), self->m_parser.is_done(), true);
                             });
        });
    }

    void respond(HttpResponse response) override
    {
        if (!*m_alive)
            return;
        asio::post(executor(), [self = shared_from_this(), response = std::move(response)]() mutable {
            self->m_ended = true;
            self->m_session->write(std::move(response), false);
        });
    }

    void begin(int status, std::vector<std::pair<std::string, std::string>> headers) override
    {
        auto header = std::make_shared<http::response<http::empty_body>>();
        header->version(11);
        header->result(static_cast<unsigned>(status));
        for (auto &[k, v] : headers)
            header->set(k, v);
        header->chunked(true);
        header->keep_alive(false);
        enqueue({header, {}, {}, false});
    }

    void write(std::string data, std::function<void(bool)> written) override
    {
        if (data.empty()) {
            if (written)
                asio::post(executor(), [written] { written(true); });
            return;
        }
        enqueue({nullptr, std::move(data), std::move(written), false});
    }

    void end() override { enqueue({nullptr, {}, {}, true}); }

private:
    struct Item {
        std::shared_ptr<http::response<http::empty_body>> header;
        std::string data;
        std::function<void(bool)> written;
        bool last;
    };

    asio::any_io_executor executor() { return m_session->m_stream.get_executor(); }

    void enqueue(Item item)
    {
        if (!*m_alive) {
            if (item.written)
                item.written(false);
            return;
        }
        asio::post(executor(), [self = shared_from_this(), item = std::move(item)]() mutable {
            if (self->m_ended) {
                if (item.written)
                    item.written(false);
                return;
            }
            self->m_queue.push_back(std::move(item));
            if (!self->m_writing)
                self->writeNext();
        });
    }

    void writeNext()
    {
        if (m_queue.empty()) {
            m_writing = false;
            return;
        }
        m_writing = true;
        Item &item = m_queue.front();
        // Consecutive pieces go out as one chunk: one write for many log lines.
        size_t count = 1;
        if (!item.header && !item.last) {
            m_batch = std::move(item.data);
            for (auto it = m_queue.begin() + 1; it != m_queue.end() && !it->header && !it->last
                                                && m_batch.size() + it->data.size() <= kBatchBytes;
                 ++it, ++count)
                m_batch += it->data;
        }
        auto done = [self = shared_from_this(), count](beast::error_code ec, size_t) {
            bool last = false;
            for (size_t i = 0; i < count; ++i) {
                Item done = std::move(self->m_queue.front());
                self->m_queue.pop_front();
                if (done.written)
                    done.written(!ec);
                last = last || done.last;
            }
            if (ec || last) {
                self->m_ended = true;
                for (auto &rest : self->m_queue)
                    if (rest.written)
                        rest.written(false);
                self->m_queue.clear();
                self->m_writing = false;
                return ec ? self->m_session->close() : self->m_session->lingeringClose();
            }
            self->writeNext();
        };
        if (item.header) {
            m_serializer = std::make_shared<http::response_serializer<http::empty_body>>(*item.header);
            http::async_write_header(m_session->m_stream, *m_serializer, std::move(done));
        } else if (item.last) {
            asio::async_write(m_session->m_stream, http::make_chunk_last(), std::move(done));
        } else {
            asio::async_write(m_session->m_stream, http::make_chunk(asio::buffer(m_batch)), std::move(done));
        }
    }

    static constexpr size_t kBatchBytes = 256 * 1024;
    std::shared_ptr<Session> m_session;
    std::shared_ptr<std::atomic<bool>> m_alive;
    http::request_parser<http::buffer_body> m_parser;
    HttpRequest m_request;
    std::array<char, 65536> m_piece;
    std::deque<Item> m_queue;
    std::string m_batch;
    std::shared_ptr<http::response_serializer<http::empty_body>> m_serializer;
    bool m_writing = false;
    bool m_ended = false;
};

void Session::startExchange(const HttpServer::StreamHandler &handler)
{
    m_stream.expires_never();
    HttpRequest request = toRequest(m_parser->get());
    auto exchange = std::make_shared<Exchange>(shared_from_this(), std::move(*m_parser), std::move(request));
    m_parser.reset();
    handler(exchange);
}

} // namespace detail

struct HttpServer::Impl {
    Impl(Handler h, size_t maxBody, int threadCount)
        : routes{std::move(h), {}}, maxBody(maxBody), threads(std::max(1, threadCount)), work(asio::make_work_guard(ioc))
    {
    }

    void accept()
    {
        acceptor->async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted || !acceptor->is_open())
                return;
            if (!ec) {
                // Processes the emulator starts (git, buildpacks) must not hold client connections.
                ::fcntl(socket.native_handle(), F_SETFD, FD_CLOEXEC);
                socket.set_option(tcp::no_delay(true), ec);
                std::make_shared<detail::Session>(std::move(socket), routes, maxBody)->start();
            }
            accept();
        });
    }

    detail::Routes routes;
    size_t maxBody;
    int threads;
    asio::io_context ioc;
    asio::executor_work_guard<asio::io_context::executor_type> work;
    std::optional<tcp::acceptor> acceptor;
    std::vector<std::thread> pool;
};

HttpServer::HttpServer(Handler handler, size_t maxBodyBytes, int threads)
    : d(std::make_unique<Impl>(std::move(handler), maxBodyBytes, threads))
{
}

HttpServer::~HttpServer() { stop(); }

uint16_t HttpServer::listen(const std::string &host, uint16_t port)
{
    beast::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (ec)
        throw std::runtime_error("invalid listen address " + host + ": " + ec.message());
    tcp::endpoint endpoint(address, port);
    d->acceptor.emplace(d->ioc);
    d->acceptor->open(endpoint.protocol(), ec);
    if (!ec)
        d->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        d->acceptor->bind(endpoint, ec);
    if (!ec)
        d->acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
    ::fcntl(d->acceptor->native_handle(), F_SETFD, FD_CLOEXEC);
    const uint16_t bound = d->acceptor->local_endpoint().port();
    d->accept();
    for (int i = 0; i < d->threads; ++i)
        d->pool.emplace_back([this] { d->ioc.run(); });
    return bound;
}

void HttpServer::addStreamRoute(PathMatcher matches, StreamHandler handler)
{
    d->routes.streams.emplace_back(std::move(matches), std::move(handler));
}

void HttpServer::stop()
{
    *d->routes.alive = false;
    if (d->acceptor) {
        asio::post(d->ioc, [this] {
            beast::error_code ec;
            d->acceptor->close(ec);
        });
    }
    d->work.reset();
    d->ioc.stop();
    for (auto &t : d->pool)
        if (t.joinable())
            t.join();
    d->pool.clear();
}

} // namespace dynodesk::http
