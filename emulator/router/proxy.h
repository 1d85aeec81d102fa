#pragma once

#include "routersettings.h"

#include "core/ilogsink.h"
#include "core/routetable.h"

#include <utility> // before asio: its awaitable.hpp uses std::exchange

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

namespace dynodesk::router::detail {

// The router's I/O types name their executor exactly (a worker's I/O context) instead of asio's
// type-erased one, which would cost a polymorphic copy at every operation on the hot path.
using Executor = boost::asio::io_context::executor_type;
using Stream = boost::beast::basic_stream<boost::asio::ip::tcp, Executor>;
using Socket = boost::asio::ip::tcp::socket::rebind_executor<Executor>::other;
template <typename T>
using Task = boost::asio::awaitable<T, Executor>;

// Idle keep-alive connections to dynos, a few per dyno address.
class DynoPool final {
public:
    explicit DynoPool(size_t perDyno) : m_perDyno(perDyno) {}
    std::optional<Stream> take(const std::string &key);
    void give(const std::string &key, Stream stream);
    // Closes the idle connections to every dyno not in `keep` (`host:port` of the `up` dynos).
    void retain(const std::set<std::string> &keep);
    void clear();

private:
    size_t m_perDyno;
    std::mutex m_mutex;
    std::map<std::string, std::vector<Stream>> m_idle;
};

// One I/O thread with its own I/O context and its own dyno pool. A client connection lives on
// one worker from accept to close, so nothing on the request path crosses threads or takes the
// I/O context's locks against another thread; pooled dyno connections stay on the worker whose
// reactor they are registered with.
struct Worker final {
    explicit Worker(size_t perDyno) : ioc(1), pool(perDyno) {}
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
