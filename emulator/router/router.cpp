#include "router.h"

#include "proxy.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace dynodesk::router {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace detail {

static asio::awaitable<void> acceptLoop(RouterState &st)
{
    for (;;) {
        boost::system::error_code ec;
        tcp::socket socket = co_await st.acceptor->async_accept(asio::make_strand(st.ioc),
                                                                asio::redirect_error(asio::use_awaitable, ec));
        if (st.stopping)
            co_return;
        if (ec)
            continue;
        socket.set_option(tcp::no_delay(true), ec);
        auto executor = socket.get_executor();
        asio::co_spawn(executor, serveClient(st, std::move(socket)), asio::detached);
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
    st.acceptor.emplace(st.ioc);
    st.acceptor->open(endpoint.protocol());
    st.acceptor->set_option(asio::socket_base::reuse_address(true));
    st.acceptor->bind(endpoint);
    st.acceptor->listen(asio::socket_base::max_listen_connections);
    st.port = st.acceptor->local_endpoint().port();
    asio::co_spawn(st.ioc, detail::acceptLoop(st), asio::detached);
    asio::co_spawn(asio::make_strand(st.ioc), detail::sweepPool(st), asio::detached);
    for (int i = 0; i < std::max(1, st.settings.threads); ++i)
        st.threads.emplace_back([&st] { st.ioc.run(); });
    return st.port;
}

void Router::stop()
{
    auto &st = *m_state;
    if (st.stopping.exchange(true))
        return;
    if (st.acceptor)
        asio::post(st.ioc, [&st] {
            boost::system::error_code ec;
            st.acceptor->close(ec);
        });
    st.ioc.stop();
    for (std::thread &t : st.threads)
        t.join();
    st.threads.clear();
    st.pool.clear();
}

} // namespace dynodesk::router
