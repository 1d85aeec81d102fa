#pragma once

#include "httpmessage.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace dynodesk::http {

// One streaming exchange: the request's headers are there at once, its body is read piece by
// piece, and the answer is either one whole response or a chunked body written over time.
// Every method may be called from any thread. The connection closes when the exchange ends.
class HttpExchange {
public:
    virtual ~HttpExchange() = default;
    // The request line and headers; the body is read with readBody.
    virtual const HttpRequest &request() const = 0;
    // Reads the next piece of the body: onData(piece, last, ok). `ok` is false when the client
    // went away or sent a malformed body.
    using BodyReader = std::function<void(std::string piece, bool last, bool ok)>;
    virtual void readBody(BodyReader onData) = 0;
    // Answers with a whole response.
    virtual void respond(HttpResponse response) = 0;
    // Starts a chunked response; then write() pieces and end() it.
    virtual void begin(int status, std::vector<std::pair<std::string, std::string>> headers) = 0;
    // Queues a piece of the body; `written(ok)` runs on the I/O thread once it is sent.
    virtual void write(std::string data, std::function<void(bool ok)> written = {}) = 0;
    virtual void end() = 0;
};

// An HTTP/1.1 server on Boost.Beast, on its own I/O threads. Each complete request goes to the
// handler together with a reply function; the handler may call it from any thread, later.
// Bodies over the limit get 413 without reaching the handler; keep-alive is honoured.
// Paths claimed by a stream route go to its handler as soon as their headers are read.
class HttpServer final {
public:
    using Reply = std::function<void(HttpResponse)>;
    using Handler = std::function<void(HttpRequest, Reply)>;
    using StreamHandler = std::function<void(std::shared_ptr<HttpExchange>)>;
    using PathMatcher = std::function<bool(std::string_view path)>;

    HttpServer(Handler handler, size_t maxBodyBytes, int threads);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    // Binds and starts serving; returns the bound port (pass 0 for a free one). Throws
    // std::runtime_error when the address cannot be bound.
    uint16_t listen(const std::string &host, uint16_t port);
    // Before listen(): requests whose path `matches` go to `handler` as streaming exchanges.
    void addStreamRoute(PathMatcher matches, StreamHandler handler);
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace dynodesk::http
