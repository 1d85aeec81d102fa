#pragma once

#include "routersettings.h"

#include "core/ilogsink.h"
#include "core/routetable.h"

#include <cstdint>
#include <memory>
#include <string>

namespace dynodesk::router {

namespace detail {
struct RouterState;
}

// The platform's HTTP router: takes requests on its own I/O threads, resolves the app by Host
// through the route table (lock-free), and proxies to a random `up` web dyno, keeping
// connections alive both ways. Every request gets a `heroku[router]` log line; failures get the
// platform's error page and H-code.
class Router final {
public:
    Router(const core::RouteTable &routes, core::ILogSink *logs, RouterSettings settings);
    ~Router();
    Router(const Router &) = delete;
    Router &operator=(const Router &) = delete;

    // Binds and starts the I/O threads; port 0 picks a free one. Returns the port. Throws on a
    // port that cannot be bound.
    uint16_t listen(uint16_t port);
    // Closes the listener and every connection, and joins the threads; safe to call twice.
    void stop();

private:
    std::shared_ptr<detail::RouterState> m_state;
};

} // namespace dynodesk::router
