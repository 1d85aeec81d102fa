#include "router.h"

#include "proxy.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstdio>
#include <string>

#include <pthread.h>

namespace dynodesk::router {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace detail {

// Accepts on the first worker and hands each connection to the next worker in turn.
static asio::awaitable<void> acceptLoop(RouterState &st)
{
    for (size_t next = 0;; next = (next + 1) % st.workers.size()) {
        Worker &worker = *st.workers[next];
        boost::system::error_code ec;
        Socket socket = co_await st.acceptor->async_accept(worker.ioc.get_executor(),
                                                                asio::redirect_error(asio::use_awaitable, ec));
        if (st.stopping)
            co_return;
        if (ec)
            continue;
        asio::co_spawn(worker.ioc, serveClient(st, worker, std::move(socket)), asio::detached);
    }
}

} // namespace detail

Router::Router(const core::RouteTable &routes, core::ILogSink *logs, RouterSettings settings)
    : m_state(std::make_shared<detail::RouterState>(routes, logs, std::move(settings)))
{
}

Router::~Router() { stop(); }

uint16_t Router::listen(uint16_t port)
{
    auto &st = *m_state;
    const tcp::endpoint endpoint(asio::ip::make_address(st.settings.host), port);
    st.acceptor.emplace(st.workers.front()->ioc);
    st.acceptor->open(endpoint.protocol());
    st.acceptor->set_option(asio::socket_base::reuse_address(true));
    st.acceptor->bind(endpoint);
    st.acceptor->listen(asio::socket_base::max_listen_connections);
    st.port = st.acceptor->local_endpoint().port();
    asio::co_spawn(st.workers.front()->ioc, detail::acceptLoop(st), asio::detached);
    for (size_t i = 0; i < st.workers.size(); ++i) {
        auto &worker = st.workers[i];
        asio::co_spawn(worker->ioc, detail::sweepPool(st, *worker), asio::detached);
        worker->thread = std::thread([&ioc = worker->ioc] {
            // A handler that throws ends only its own request (serveClient answers H99 for what
            // it can catch); the worker goes on serving everyone else.
            for (;;) {
                try {
                    ioc.run();
                    return;
                } catch (const std::exception &e) {
                    std::fprintf(stderr, "dynodesk router: %s\n", e.what());
                }
            }
        });
        // Named, as the server's other threads are, so `top -H` and `ps -L` show the I/O threads
        // apart; named from here so the name is there by the time listen() returns.
        pthread_setname_np(worker->thread.native_handle(), ("router-io-" + std::to_string(i)).substr(0, 15).c_str());
    }
    return st.port;
}

void Router::stop()
{
    auto &st = *m_state;
    if (st.stopping.exchange(true))
        return;
    if (st.acceptor)
        asio::post(st.workers.front()->ioc, [&st] {
            boost::system::error_code ec;
            st.acceptor->close(ec);
        });
    for (auto &worker : st.workers)
        worker->ioc.stop();
    for (auto &worker : st.workers) {
        if (worker->thread.joinable())
            worker->thread.join();
        worker->pool.clear();
    }
}

} // namespace dynodesk::router
