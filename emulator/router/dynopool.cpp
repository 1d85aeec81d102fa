#include "dynopool.h"

#include "routerstate.h"

#include <boost/asio/this_coro.hpp>

namespace dynodesk::router::detail {

void DynoPool::retain(const std::set<std::string> &keep)
{
    for (auto it = m_idle.begin(); it != m_idle.end();) {
        if (keep.count(it->first)) {
            ++it;
            continue;
        }
        for (auto &s : it->second) {
            beast::error_code ec;
            s.socket().shutdown(tcp::socket::shutdown_both, ec);
        }
        it = m_idle.erase(it); // closes them
    }
}

void DynoPool::clear() { m_idle.clear(); }

Task<void> sweepPool(RouterState &st, Worker &worker)
{
    core::RouteTable::Reader reader(st.routes);
    const core::RouteSnapshot *seen = nullptr;
    Timer timer(co_await asio::this_coro::executor);
    while (!st.stopping) {
        const core::RouteSnapshot *now = reader.get();
        if (now != seen) {
            seen = now;
            std::set<std::string> up;
            for (const auto &app : now->apps)
                for (const core::RouteDyno &d : app->webDynos)
                    if (d.state == "up")
                        up.insert(poolKey(d));
            worker.pool.retain(up);
        }
        timer.expires_after(st.settings.poolSweep);
        beast::error_code ec;
        co_await timer.async_wait(withError(ec));
    }
}

} // namespace dynodesk::router::detail
