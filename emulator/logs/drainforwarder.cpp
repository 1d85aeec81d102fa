#include "drainforwarder.h"

#include "core/ids.h"

#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace dynodesk::logs {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;
using std::chrono::milliseconds;

std::string syslogFrame(const LogLine &line, const std::string &token)
{
    // PRI 190 is local7.info; MSGID and STRUCTURED-DATA are left out as Logplex leaves them.
    std::string message = "<190>1 " + core::formatLogTimestamp(line.time) + " " + token + " " + line.source + " "
                          + line.process + " - " + line.message;
    return std::to_string(message.size()) + " " + message;
}

class Sink;

// The lines of one app, handed to each of its drains.
struct Fanout final {
    std::mutex mutex;
    std::vector<std::shared_ptr<Sink>> sinks;
    void push(const LogLine &line);
};

struct DrainForwarder::State final {
    State(Logplex &logplex, DrainSettings settings) : logplex(logplex), settings(settings)
    {
        // Like Logplex, the emulator does not verify a drain's certificate, so a local listener
        // with a self-signed one works.
        tls.set_verify_mode(ssl::verify_none);
    }
    Logplex &logplex;
    const DrainSettings settings;
    asio::io_context ioc{1};
    asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(ioc);
    ssl::context tls{ssl::context::tls_client};
    std::thread thread;
    std::mutex mutex;
    struct App {
        int subscription = 0;
        std::shared_ptr<Fanout> fanout;
    };
    std::map<std::string, App> apps;
    bool stopped = false;
};

// One drain: its queue, its connection and the coroutine that empties the one into the other.
class Sink final : public std::enable_shared_from_this<Sink> {
public:
    Sink(const std::shared_ptr<DrainForwarder::State> &state, DrainTarget target)
        : m_state(state), m_settings(state->settings), m_logplex(state->logplex), m_tls(state->tls),
          m_ioc(state->ioc), m_target(std::move(target)), m_wake(state->ioc)
    {
    }

    const DrainTarget &target() const { return m_target; }

    void start()
    {
        asio::co_spawn(m_ioc, [self = shared_from_this()] { return self->run(); }, asio::detached);
    }

    // Any thread. Never waits on the drain: a full queue drops the line and counts it.
    void push(const LogLine &line)
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_closed)
                return;
            // The L10 line itself always fits: it is how the user learns of the lost ones.
            if (m_queue.size() >= m_settings.bufferLines && !(line.source == "heroku" && line.process == "logplex")) {
                if (m_dropped++ == 0)
                    m_droppedSince = line.time;
                return;
            }
            m_queue.push_back(line);
            if (m_queue.size() != 1)
                return; // the coroutine is busy and will find the line
        }
        wake([](Sink &) {});
    }

    void close()
    {
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
            m_queue.clear();
        }
        wake([](Sink &s) { s.disconnect(); });
    }

private:
    enum class Outcome { Sent, Rejected, Failed };

    // Runs `fn` on the drain's thread and wakes the coroutine from its wait.
    template <typename F>
    void wake(F fn)
    {
        if (auto state = m_state.lock())
            asio::post(state->ioc, [self = shared_from_this(), fn] {
                fn(*self);
                self->m_wake.cancel();
            });
    }

    bool closed()
    {
        std::lock_guard lock(m_mutex);
        return m_closed;
    }

    asio::awaitable<void> run()
    {
        auto self = shared_from_this();
        int backoffMs = 0;
        for (;;) {
            std::vector<LogLine> batch;
            {
                std::lock_guard lock(m_mutex);
                if (m_closed)
                    co_return;
                const size_t n = std::min(m_queue.size(), m_settings.batchLines);
                batch.assign(std::make_move_iterator(m_queue.begin()), std::make_move_iterator(m_queue.begin() + n));
                m_queue.erase(m_queue.begin(), m_queue.begin() + n);
            }
            error_code ec;
            if (batch.empty()) {
                m_wake.expires_at(asio::steady_timer::time_point::max());
                co_await m_wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
                continue;
            }
            const Outcome outcome = co_await send(batch);
            if (outcome == Outcome::Failed) {
                requeue(std::move(batch));
                backoffMs = std::min(m_settings.maxBackoffMs, backoffMs == 0 ? 250 : backoffMs * 2);
                m_wake.expires_after(milliseconds(backoffMs));
                co_await m_wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
                continue;
            }
            backoffMs = 0;
            reportDrops();
        }
    }

    // The lines of a batch that could not be sent go back to the front, as many as fit.
    void requeue(std::vector<LogLine> batch)
    {
        std::lock_guard lock(m_mutex);
        if (m_closed)
            return;
        m_queue.insert(m_queue.begin(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
        while (m_queue.size() > m_settings.bufferLines) {
            if (m_dropped++ == 0)
                m_droppedSince = m_queue.back().time;
            m_queue.pop_back();
        }
    }

    // After lines were lost, the next line the drain takes tells the app how many.
    void reportDrops()
    {
        size_t dropped = 0;
        core::TimePoint since;
        {
            std::lock_guard lock(m_mutex);
            std::swap(dropped, m_dropped);
            since = m_droppedSince;
        }
        if (dropped > 0)
            m_logplex.append(m_target.appId, "heroku", "logplex",
                             "Error L10 (output buffer overflow): drain '" + m_target.token + "' dropped "
                                 + std::to_string(dropped) + " messages since " + core::formatLogTimestamp(since) + ".");
    }

    asio::awaitable<Outcome> send(const std::vector<LogLine> &batch)
    {
        std::string frames;
        for (const auto &line : batch)
            frames += syslogFrame(line, m_target.token);
        // A kept connection the drain has since closed fails at once: one more try on a new one.
        for (int attempt = 0; attempt < 2; ++attempt) {
            const bool fresh = !connected();
            if (fresh && !co_await connect())
                co_return Outcome::Failed;
            Outcome outcome = Outcome::Failed;
            if (m_target.kind == DrainTarget::Kind::Http)
                outcome = m_secure ? co_await post(*m_secure, frames, batch.size())
                                   : co_await post(*m_plain, frames, batch.size());
            else
                outcome = m_secure ? co_await write(*m_secure, frames) : co_await write(*m_plain, frames);
            if (outcome != Outcome::Failed)
                co_return outcome;
            disconnect();
            if (fresh || closed())
                break;
        }
        co_return Outcome::Failed;
    }

    bool connected() const { return m_plain || m_secure; }

    void disconnect()
    {
        error_code ec;
        if (m_plain)
            m_plain->socket().close(ec);
        if (m_secure)
            beast::get_lowest_layer(*m_secure).socket().close(ec);
        m_plain.reset();
        m_secure.reset();
        m_buffer.clear();
    }

    asio::awaitable<bool> connect()
    {
        error_code ec;
        tcp::resolver resolver(m_ioc);
        const auto endpoints = co_await resolver.async_resolve(m_target.host, std::to_string(m_target.port),
                                                               asio::redirect_error(asio::use_awaitable, ec));
        if (ec || closed())
            co_return false;
        beast::tcp_stream stream(m_ioc);
        stream.expires_after(milliseconds(m_settings.connectTimeoutMs));
        co_await stream.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
        if (ec || closed())
            co_return false;
        stream.socket().set_option(tcp::no_delay(true), ec);
        if (!m_target.tls) {
            stream.expires_never();
            m_plain.emplace(std::move(stream));
            co_return true;
        }
        m_secure.emplace(std::move(stream), m_tls);
        SSL_set_tlsext_host_name(m_secure->native_handle(), m_target.host.c_str());
        beast::get_lowest_layer(*m_secure).expires_after(milliseconds(m_settings.connectTimeoutMs));
        co_await m_secure->async_handshake(ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            disconnect();
            co_return false;
        }
        beast::get_lowest_layer(*m_secure).expires_never();
        co_return true;
    }

    template <typename Stream>
    asio::awaitable<Outcome> write(Stream &stream, const std::string &frames)
    {
        error_code ec;
        beast::get_lowest_layer(stream).expires_after(milliseconds(m_settings.sendTimeoutMs));
        co_await asio::async_write(stream, asio::buffer(frames), asio::redirect_error(asio::use_awaitable, ec));
        beast::get_lowest_layer(stream).expires_never();
        co_return ec ? Outcome::Failed : Outcome::Sent;
    }

    // One POST of a batch, as Logplex's HTTPS drains send it.
    template <typename Stream>
    asio::awaitable<Outcome> post(Stream &stream, const std::string &frames, size_t count)
    {
        http::request<http::string_body> request{http::verb::post, m_target.target, 11};
        request.set(http::field::host, m_target.host + ":" + std::to_string(m_target.port));
        request.set(http::field::content_type, "application/logplex-1");
        request.set(http::field::user_agent, "Logplex/dynodesk");
        request.set("Logplex-Msg-Count", std::to_string(count));
        request.set("Logplex-Frame-Id", core::newId());
        request.set("Logplex-Drain-Token", m_target.token);
        if (!m_target.authorization.empty())
            request.set(http::field::authorization, m_target.authorization);
        request.keep_alive(true);
        request.body() = frames;
        request.prepare_payload();

        error_code ec;
        beast::get_lowest_layer(stream).expires_after(milliseconds(m_settings.sendTimeoutMs));
        co_await http::async_write(stream, request, asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return Outcome::Failed;
        http::response_parser<http::string_body> parser;
        parser.body_limit(1024 * 1024);
        co_await http::async_read(stream, m_buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return Outcome::Failed;
        beast::get_lowest_layer(stream).expires_never();
        const auto &response = parser.get();
        if (!response.keep_alive())
            disconnect();
        // A drain that answers with an error loses the batch, as on the platform: it is not resent.
        co_return response.result_int() / 100 == 2 ? Outcome::Sent : Outcome::Rejected;
    }

    std::weak_ptr<DrainForwarder::State> m_state;
    const DrainSettings m_settings;
    Logplex &m_logplex;
    ssl::context &m_tls;
    asio::io_context &m_ioc;
    const DrainTarget m_target;
    asio::steady_timer m_wake;
    std::optional<beast::tcp_stream> m_plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> m_secure;
    beast::flat_buffer m_buffer;

    std::mutex m_mutex;
    std::deque<LogLine> m_queue;
    size_t m_dropped = 0;
    core::TimePoint m_droppedSince;
    bool m_closed = false;
};

void Fanout::push(const LogLine &line)
{
    std::lock_guard lock(mutex);
    for (const auto &sink : sinks)
        sink->push(line);
}

DrainForwarder::DrainForwarder(Logplex &logplex, DrainSettings settings)
    : m_state(std::make_shared<State>(logplex, settings))
{
    m_state->thread = std::thread([state = m_state.get()] { state->ioc.run(); });
}

DrainForwarder::~DrainForwarder() { stop(); }

void DrainForwarder::setDrains(const std::string &appId, const std::vector<DrainTarget> &drains)
{
    std::lock_guard lock(m_state->mutex);
    if (m_state->stopped)
        return;
    auto &app = m_state->apps[appId];
    if (!app.fanout)
        app.fanout = std::make_shared<Fanout>();
    std::vector<std::shared_ptr<Sink>> kept, removed;
    {
        std::lock_guard fanoutLock(app.fanout->mutex);
        for (const auto &target : drains) {
            auto same = std::find_if(app.fanout->sinks.begin(), app.fanout->sinks.end(), [&](const auto &s) {
                return s->target().id == target.id && s->target().url == target.url;
            });
            if (same != app.fanout->sinks.end()) {
                kept.push_back(*same);
            } else {
                kept.push_back(std::make_shared<Sink>(m_state, target));
                kept.back()->start();
            }
        }
        for (const auto &sink : app.fanout->sinks)
            if (std::find(kept.begin(), kept.end(), sink) == kept.end())
                removed.push_back(sink);
        app.fanout->sinks = kept;
    }
    for (const auto &sink : removed)
        sink->close();
    if (kept.empty()) {
        if (app.subscription)
            m_state->logplex.unsubscribe(app.subscription);
        m_state->apps.erase(appId);
    } else if (!app.subscription) {
        app.subscription = m_state->logplex.subscribe(appId, {}, [fanout = app.fanout](const LogLine &line) {
            fanout->push(line);
        });
    }
}

void DrainForwarder::stop()
{
    {
        std::lock_guard lock(m_state->mutex);
        if (m_state->stopped)
            return;
        m_state->stopped = true;
        for (auto &[appId, app] : m_state->apps) {
            m_state->logplex.unsubscribe(app.subscription);
            std::lock_guard fanoutLock(app.fanout->mutex);
            for (const auto &sink : app.fanout->sinks)
                sink->close();
            app.fanout->sinks.clear();
        }
        m_state->apps.clear();
    }
    // Lines still queued are dropped: what a drain has not taken when the emulator stops is lost,
    // as it is when a Logplex node restarts. Pending connections and writes are abandoned.
    m_state->work.reset();
    m_state->ioc.stop();
    if (m_state->thread.joinable())
        m_state->thread.join();
}

} // namespace dynodesk::logs
