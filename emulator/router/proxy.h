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
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

namespace dynodesk::router::detail {

// Idle keep-alive connections to dynos, a few per dyno address.
class DynoPool final {
public:
    explicit DynoPool(size_t perDyno) : m_perDyno(perDyno) {}
    std::optional<boost::beast::tcp_stream> take(const std::string &key);
    void give(const std::string &key, boost::beast::tcp_stream stream);
    // Closes the idle connections to every dyno not in `keep` (`host:port` of the `up` dynos).
    void retain(const std::set<std::string> &keep);
    void clear();

private:
    size_t m_perDyno;
    std::mutex m_mutex;
    std::map<std::string, std::vector<boost::beast::tcp_stream>> m_idle;
};

// What the router's threads share. The I/O context comes first so it goes last: the coroutines
// it destroys own sockets, never the rest of this state.
struct RouterState final {
    RouterState(const core::RouteTable &r, core::ILogSink *l, RouterSettings s)
        : routes(r), logs(l), settings(std::move(s)), pool(settings.poolPerDyno)
    {
    }
    boost::asio::io_context ioc;
    const core::RouteTable &routes;
    core::ILogSink *logs;
    RouterSettings settings;
    DynoPool pool;
    std::optional<boost::asio::ip::tcp::acceptor> acceptor;
    std::vector<std::thread> threads;
    std::atomic<bool> stopping{false};
    uint16_t port = 0;
};

// The pool's key of a dyno: `host:port`.
std::string poolKey(const core::RouteDyno &dyno);

// Watches the route table and drops pooled connections to dynos that are no longer `up` in it.
boost::asio::awaitable<void> sweepPool(RouterState &st);

// One client connection: requests one after the other (keep-alive) through the steps.
boost::asio::awaitable<void> serveClient(RouterState &st, boost::asio::ip::tcp::socket socket);

} // namespace dynodesk::router::detail
