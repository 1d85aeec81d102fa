#pragma once

#include "conn.h"
#include "drainingread.h"
#include "httptypes.h"
#include "reads.h"

#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_suffix.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

// Moving a message between the client and the dyno as it arrives: templates on the proxy's hot
// path, defined here so that they compile into their caller (proxy.cpp).
namespace dynodesk::router::detail {

// How relaying one message went: which side failed, and whether anything reached the other side.
struct Relayed final {
    enum Side { none, reading, writing } failed = none;
    beast::error_code ec;
    bool wroteAny = false;
    uint64_t bodyBytes = 0;
};

// Writing straight away first: a socket that takes it all, as a loopback one mostly does, needs
// no trip through the I/O context. writeStraight returns what the socket took (`ec` set if it
// failed); writeRest sends what it did not take, asynchronously.
template <class Buffers>
static size_t writeStraight(Conn &to, const Buffers &out, beast::error_code &ec)
{
    if (!to.socket().non_blocking())
        return 0;
    const size_t sent = to.socket().write_some(out, ec);
    if (ec == asio::error::would_block)
        ec = {};
    return sent;
}

template <class Buffers>
static Task<void> writeRest(Conn &to, const Buffers &out, size_t sent, std::chrono::milliseconds idle,
                            beast::error_code &ec)
{
    beast::buffers_suffix<Buffers> rest(out);
    rest.consume(sent);
    to.expiresAfter(idle);
    co_await asio::async_write(to.socket(), rest, withError(ec));
    ec = failure(to, ec);
}

// Moves a message from one side to the other as it arrives: the header, then each piece of body
// the moment it is read (up to kChunk bytes), without holding the whole body; a chunked body is
// framed again piece by piece. Body bytes that arrived with the header go out with it in one
// write, and the end of a chunked body with its last piece; a header with nothing behind it yet
// goes out alone, so a streamed answer is not held back. `header` is the start line and fields as
// they go out, written as one flat buffer rather than through Beast's serializer, which costs
// more than the rest of the relay; `chunkedOut` says whether the body goes out in chunks.
template <bool isRequest>
static Task<Relayed> relay(Conn &from, beast::flat_buffer &fromBuffer,
                           http::parser<isRequest, http::buffer_body, FieldsAlloc> &parser, Conn &to,
                           std::chrono::milliseconds idle, const std::string &header, bool chunkedOut,
                           std::array<char, kChunk> &chunk)
{
    auto &message = parser.get();
    const bool hasBody = !parser.is_done(); // none after a HEAD, a 204 or 304, or Content-Length: 0
    const bool chunked = hasBody && chunkedOut;
    std::array<char, 24> sizeLine;
    static constexpr std::string_view crlf = "\r\n", lastChunk = "0\r\n\r\n";
    Relayed r;
    parser.eager(true); // a read takes every whole piece already buffered (chunk header, data, end)
    for (bool first = true;; first = false) {
        size_t n = 0;
        if (!parser.is_done() && (!first || fromBuffer.size() > 0)) {
            message.body().data = chunk.data();
            message.body().size = chunk.size();
            // Bytes read already (a body that came with its header) are parsed without a read.
            for (bool parse = fromBuffer.size() > 0; needRead(fromBuffer, parser, false, parse, r.ec); parse = true) {
                from.expiresAfter(idle);
                const size_t got = co_await from.socket().async_read_some(DrainingRead(readSpace(fromBuffer)),
                                                                           withError(r.ec));
                if (!tookRead(from, fromBuffer, parser, got, r.ec))
                    break;
            }
            if (r.ec == http::error::need_buffer)
                r.ec = {};
            if (r.ec) {
                r.failed = Relayed::reading;
                co_return r;
            }
            n = chunk.size() - message.body().size;
            r.bodyBytes += n;
        }
        const bool done = parser.is_done();
        if (n == 0 && !done && r.wroteAny)
            continue; // nothing for the body yet (say, only a chunk header was read)
        std::array<asio::const_buffer, 5> out{};
        size_t k = 0;
        if (!r.wroteAny)
            out[k++] = asio::buffer(header);
        if (n > 0 && chunked) {
            char *end = std::to_chars(sizeLine.data(), sizeLine.data() + sizeLine.size() - 2, n, 16).ptr;
            *end++ = '\r';
            *end++ = '\n';
            out[k++] = asio::buffer(sizeLine.data(), static_cast<size_t>(end - sizeLine.data()));
        }
        if (n > 0)
            out[k++] = asio::buffer(chunk.data(), n);
        if (n > 0 && chunked)
            out[k++] = asio::buffer(crlf.data(), crlf.size());
        if (done && chunked)
            out[k++] = asio::buffer(lastChunk.data(), lastChunk.size());
        if (const size_t sent = writeStraight(to, out, r.ec); !r.ec && sent < asio::buffer_size(out))
            co_await writeRest(to, out, sent, idle, r.ec);
        if (r.ec) {
            r.failed = Relayed::writing;
            co_return r;
        }
        r.wroteAny = true;
        if (done)
            co_return r;
    }
}

// The error code for a request that did not reach the dyno whole: H25/H27/H28 for the client,
// H13 when the dyno took nothing, H18 when it stopped taking the body. Null when it did.
static inline const char *requestError(const Relayed &sent)
{
    if (sent.failed == Relayed::reading)
        return isParseError(sent.ec) ? "H25" : sent.ec == beast::error::timeout ? "H28" : "H27";
    if (sent.failed == Relayed::writing)
        return sent.wroteAny ? "H18" : "H13";
    return nullptr;
}

} // namespace dynodesk::router::detail
