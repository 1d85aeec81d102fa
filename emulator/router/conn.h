#pragma once

#include <utility> // before asio: its awaitable.hpp uses std::exchange

#include <boost/asio/awaitable.hpp>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>

#include <chrono>
#include <memory>

namespace dynodesk::router::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// The router's I/O types name their executor exactly (a worker's I/O context) instead of asio's
// type-erased one, which would cost a polymorphic copy at every operation on the hot path.
using Executor = asio::io_context::executor_type;
using Socket = tcp::socket::rebind_executor<Executor>::other;
template <typename T>
using Task = asio::awaitable<T, Executor>;
using Clock = std::chrono::steady_clock;
using Timer = asio::basic_waitable_timer<Clock, asio::wait_traits<Clock>, Executor>;

// A TCP connection with one deadline for whatever it is doing, as Beast's basic_stream has, but
// watched by one timer for the connection's life instead of one timer operation per read or
// write. Moving the deadline costs a clock read; the timer is re-armed only when a deadline comes
// earlier than the one it waits for. When the deadline passes the connection is closed and
// timedOut() says so; the operation under way ends with an error.
// (What runs for every connection is defined in this header, so that it inlines into the request
// path; the timer's own work is in conn.cpp.)
class Conn final {
public:
    explicit Conn(const Executor &executor) : Conn(Socket(executor)) {}
    explicit Conn(Socket socket) : m_watch(std::make_shared<Watch>(std::move(socket))) {}
    Conn(Conn &&other) noexcept = default;
    Conn &operator=(Conn &&other) noexcept;
    ~Conn() { close(); }

    Socket &socket() { return m_watch->socket; }
    Executor executor() { return m_watch->socket.get_executor(); }
    // False also for a connection moved elsewhere.
    bool isOpen() const { return m_watch && m_watch->socket.is_open(); }
    bool timedOut() const { return m_watch && m_watch->timedOut; }
    void expiresAfter(std::chrono::milliseconds d) { m_watch->setDeadline(Clock::now() + d); }
    void expiresAt(Clock::time_point t) { m_watch->setDeadline(t); }
    void expiresNever() { m_watch->deadline = Clock::time_point::max(); }
    // Closes the socket: pending operations end with an error, and the timer is let go.
    void close();

private:
    struct Watch final : std::enable_shared_from_this<Watch> {
        explicit Watch(Socket s) : socket(std::move(s)), timer(socket.get_executor()) {}
        void setDeadline(Clock::time_point d)
        {
            deadline = d;
            if (d < armed)
                arm();
        }
        void arm();
        void check();
        Socket socket;
        Timer timer;
        Clock::time_point deadline = Clock::time_point::max();
        Clock::time_point armed = Clock::time_point::max(); // when the timer fires
        bool timedOut = false;
        bool released = false;
    };
    std::shared_ptr<Watch> m_watch;
};

inline Conn &Conn::operator=(Conn &&other) noexcept
{
    if (this != &other) {
        close();
        m_watch = std::move(other.m_watch);
    }
    return *this;
}

inline void Conn::close()
{
    if (!m_watch)
        return;
    m_watch->released = true;
    beast::error_code ec;
    m_watch->socket.close(ec);
    m_watch->timer.cancel();
}

// An operation's error, or a timeout when the connection's deadline ended it.
static inline beast::error_code failure(const Conn &conn, const beast::error_code &ec)
{
    return ec && conn.timedOut() ? beast::error_code(beast::error::timeout) : ec;
}

// A coroutine's completion token that leaves the error in `ec` instead of throwing it.
static inline auto withError(beast::error_code &ec) { return asio::redirect_error(asio::use_awaitable_t<Executor>{}, ec); }

static inline std::chrono::milliseconds since(Clock::time_point t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t);
}

} // namespace dynodesk::router::detail
