#include "httpserver.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <optional>
#include <thread>
#include <vector>

namespace dynodesk::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace detail {

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

class Session final : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, const HttpServer::Handler &handler, size_t maxBody)
        : m_stream(std::move(socket)), m_handler(handler), m_maxBody(maxBody)
    {
    }

    void start() { asio::dispatch(m_stream.get_executor(), [self = shared_from_this()] { self->read(); }); }

private:
    void read()
    {
        m_parser.emplace();
        m_parser->body_limit(m_maxBody);
        m_parser->header_limit(64 * 1024);
        m_stream.expires_after(std::chrono::minutes(5));
        http::async_read(m_stream, m_buffer, *m_parser,
                         [self = shared_from_this()](beast::error_code ec, size_t) { self->onRead(ec); });
    }

    void onRead(beast::error_code ec)
    {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::connection_reset
            || ec == asio::error::operation_aborted)
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
        HttpRequest req;
        req.method = std::string(msg.method_string());
        req.target = std::string(msg.target());
        for (const auto &field : msg)
            req.headers.emplace_back(lower(std::string_view(field.name_string().data(), field.name_string().size())), std::string(field.value()));
        req.body = std::move(msg.body());
        beast::error_code ignored;
        req.remoteAddress = m_stream.socket().remote_endpoint(ignored).address().to_string();
        const bool keepAlive = msg.keep_alive();
        m_handler(std::move(req), [self = shared_from_this(), keepAlive](HttpResponse response) {
            asio::post(self->m_stream.get_executor(), [self, keepAlive, response = std::move(response)]() mutable {
                self->write(std::move(response), keepAlive);
            });
        });
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

    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::array<char, 16384> m_scratch;
    std::optional<http::request_parser<http::string_body>> m_parser;
    const HttpServer::Handler &m_handler;
    size_t m_maxBody;
};

} // namespace detail

struct HttpServer::Impl {
    Impl(Handler h, size_t maxBody, int threadCount)
        : handler(std::move(h)), maxBody(maxBody), threads(std::max(1, threadCount)), work(asio::make_work_guard(ioc))
    {
    }

    void accept()
    {
        acceptor->async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted || !acceptor->is_open())
                return;
            if (!ec) {
                socket.set_option(tcp::no_delay(true), ec);
                std::make_shared<detail::Session>(std::move(socket), handler, maxBody)->start();
            }
            accept();
        });
    }

    Handler handler;
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
    const uint16_t bound = d->acceptor->local_endpoint().port();
    d->accept();
    for (int i = 0; i < d->threads; ++i)
        d->pool.emplace_back([this] { d->ioc.run(); });
    return bound;
}

void HttpServer::stop()
{
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

} // namespace dynodesk::api
