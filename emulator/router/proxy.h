#pragma once

#include "routersettings.h"

#include "core/ilogsink.h"
#include "core/routetable.h"

#include <utility> // before asio: its awaitable.hpp uses std::exchange

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/basic_waitable_timer.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <vector>

namespace dynodesk::router::detail {

// The router's I/O types name their executor exactly (a worker's I/O context) instead of asio's
// type-erased one, which would cost a polymorphic copy at every operation on the hot path.
using Executor = boost::asio::io_context::executor_type;
using Socket = boost::asio::ip::tcp::socket::rebind_executor<Executor>::other;
template <typename T>
using Task = boost::asio::awaitable<T, Executor>;
using Clock = std::chrono::steady_clock;

// A TCP connection with one deadline for whatever it is doing, as Beast's basic_stream has, but
// watched by one timer for the connection's life instead of one timer operation per read or
// write. Moving the deadline costs a clock read; the timer is re-armed only when a deadline comes
// earlier than the one it waits for. When the deadline passes the connection is closed and
// timedOut() says so; the operation under way ends with an error.
class Conn final {
public:
    explicit Conn(const Executor &executor);
    explicit Conn(Socket socket);
    Conn(Conn &&other) noexcept = default;
    Conn &operator=(Conn &&other) noexcept;
    ~Conn();

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
    using Timer = boost::asio::basic_waitable_timer<Clock, boost::asio::wait_traits<Clock>, Executor>;
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

// Idle keep-alive connections to dynos, a few per dyno address. Each worker has its own, used
// only on the worker's thread, so it takes no lock.
class DynoPool final {
public:
    explicit DynoPool(size_t perDyno) : m_perDyno(perDyno) {}
    std::optional<Conn> take(const std::string &key);
    void give(const std::string &key, Conn stream);
    // Closes the idle connections to every dyno not in `keep` (`host:port` of the `up` dynos).
    void retain(const std::set<std::string> &keep);
    void clear();

private:
    size_t m_perDyno;
    std::map<std::string, std::vector<Conn>> m_idle;
};

// One I/O thread with its own I/O context and its own dyno pool. A client connection lives on
// one worker from accept to close, so nothing on the request path crosses threads or takes the
// I/O context's locks against another thread; pooled dyno connections stay on the worker whose
// reactor they are registered with. That lets the I/O context skip its per-socket locks
// (UNSAFE_IO); it keeps those of its queue, which the acceptor and stop() post to from elsewhere.
struct Worker final {
    explicit Worker(size_t perDyno) : ioc(BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO), pool(perDyno) {}
    boost::asio::io_context ioc; // first, so it goes last: its coroutines own sockets, never the pool
    DynoPool pool;
    std::thread thread;
};

// What the router's workers share.
struct RouterState final {
    RouterState(const core::RouteTable &r, core::ILogSink *l, RouterSettings s)
        : routes(r), logs(l), settings(std::move(s))
    {
        for (int i = 0; i < std::max(1, settings.threads); ++i)
            workers.push_back(std::make_unique<Worker>(settings.poolPerDyno));
    }
    const core::RouteTable &routes;
    core::ILogSink *logs;
    RouterSettings settings;
    std::vector<std::unique_ptr<Worker>> workers;
    std::optional<boost::asio::ip::tcp::acceptor> acceptor; // on the first worker
    std::atomic<bool> stopping{false};
    uint16_t port = 0;
};

// The pool's key of a dyno: `host:port`.
std::string poolKey(const core::RouteDyno &dyno);

// Watches the route table and drops a worker's pooled connections to dynos that are no longer
// `up` in it.
Task<void> sweepPool(RouterState &st, Worker &worker);

// One client connection on its worker: requests one after the other (keep-alive) through the steps.
Task<void> serveClient(RouterState &st, Worker &worker, Socket socket);

} // namespace dynodesk::router::detail
