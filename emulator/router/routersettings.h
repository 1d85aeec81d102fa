#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace dynodesk::router {

// The router's limits and timeouts, the platform's by default (platform-facts §7); tests make
// the timeouts short.
struct RouterSettings final {
    std::string host = "127.0.0.1";
    int threads = 2;
    std::chrono::milliseconds connectTimeout{5000};   // H19
    std::chrono::milliseconds responseTimeout{30000}; // H12: first byte of the response
    std::chrono::milliseconds idleTimeout{55000};     // H15/H28: the rolling window
    std::chrono::milliseconds bootWait{75000};        // H20: waiting for a starting dyno
    size_t maxLineBytes = 8192;                       // request line and each header line
    size_t maxHeaderBytes = 64 * 1024;                // all header lines together
    size_t poolPerDyno = 32;                          // idle keep-alive connections kept per dyno (per I/O thread)
    std::chrono::milliseconds poolSweep{200};         // how often the pool looks for dynos gone from the table
    std::chrono::milliseconds lingerTimeout{5000};    // draining a client whose request was cut short
    // Called with each request's Host once its app is found. Tests throw from it to stand for a
    // fault inside the router, which the client sees as H99.
    std::function<void(std::string_view host)> beforeRoute;
    // Asked (from an I/O thread) to wake an app whose web dyno sleeps (idling); the request then
    // waits for it like for a starting dyno, up to the boot wait (H20).
    std::function<void(const std::string &appId)> wake;
};

} // namespace dynodesk::router
