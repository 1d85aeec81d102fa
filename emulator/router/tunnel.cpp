#include "tunnel.h"

#include "drainingread.h"
#include "exchange.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>

#include <array>
#include <memory>
#include <string>

namespace dynodesk::router::detail {

// Copies bytes one way of a WebSocket (or any upgraded) connection until a side closes or the
// rolling window passes with no data in either direction: data either way moves both
// connections' deadlines on.
static Task<void> pump(Conn &from, Conn &to, std::string leftover, std::chrono::milliseconds idle)
{
    beast::error_code ec;
    if (!leftover.empty())
        co_await asio::async_write(to.socket(), asio::buffer(leftover), withError(ec));
    std::array<char, kChunk> chunk;
    while (!ec) {
        const size_t n = co_await from.socket().async_read_some(DrainingRead(asio::buffer(chunk)), withError(ec));
        if (ec)
            break;
        from.expiresAfter(idle);
        to.expiresAfter(idle);
        co_await asio::async_write(to.socket(), asio::buffer(chunk.data(), n), withError(ec));
    }
    from.close();
    to.close();
}

static std::string drain(beast::flat_buffer &buffer)
{
    std::string out = beast::buffers_to_string(buffer.data());
    buffer.consume(buffer.size());
    return out;
}

Task<void> tunnel(Exchange &ex, Conn dyno)
{
    const auto idle = ex.st.settings.idleTimeout;
    auto dynoSide = std::make_shared<Conn>(std::move(dyno));
    auto clientSide = std::make_shared<Conn>(std::move(ex.client));
    dynoSide->expiresAfter(idle);
    clientSide->expiresAfter(idle);
    asio::co_spawn(clientSide->executor(),
                   [dynoSide, clientSide, idle, left = drain(ex.dynoBuffer)]() -> Task<void> {
                       co_await pump(*dynoSide, *clientSide, left, idle);
                   },
                   asio::detached);
    co_await pump(*clientSide, *dynoSide, drain(ex.clientBuffer), idle);
}

} // namespace dynodesk::router::detail
