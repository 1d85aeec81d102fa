#pragma once

#include "httpmessage.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace dynodesk::api {

// An HTTP/1.1 server on Boost.Beast, on its own I/O threads. Each complete request goes to the
// handler together with a reply function; the handler may call it from any thread, later.
// Bodies over the limit get 413 without reaching the handler; keep-alive is honoured.
class HttpServer final {
public:
    using Reply = std::function<void(HttpResponse)>;
    using Handler = std::function<void(HttpRequest, Reply)>;

    HttpServer(Handler handler, size_t maxBodyBytes, int threads);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    // Binds and starts serving; returns the bound port (pass 0 for a free one). Throws
    // std::runtime_error when the address cannot be bound.
    uint16_t listen(const std::string &host, uint16_t port);
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace dynodesk::api
