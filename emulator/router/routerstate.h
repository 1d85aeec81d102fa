#pragma once

#include "dynopool.h"
#include "routersettings.h"

#include "core/ilogsink.h"
#include "core/routetable.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace dynodesk::router::detail {

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

} // namespace dynodesk::router::detail
