#pragma once

#include "conn.h"
#include "httptypes.h"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/read_size.hpp>

namespace dynodesk::router::detail {

// The client sent something that is not HTTP (as opposed to going away or going quiet).
static inline bool isParseError(const beast::error_code &ec)
{
    return ec.category() == http::make_error_code(http::error::bad_method).category() && ec != http::error::end_of_stream
            && ec != http::error::partial_message;
}

// Reading a message the way Beast's async_read_header and async_read_some do (same errors:
// end_of_stream, partial_message, the parser's), but with one plain read on the socket at a time
// in the caller's coroutine: Beast's composed operations stack two layers of handlers on each
// read, each tracking work on the I/O context, and a helper coroutine would cost a frame.
//   for (bool parse = buffer.size() > 0; needRead(buffer, parser, wholeHeader, parse, ec); parse = true)
//       if (!tookRead(conn, buffer, parser, co_await <read_some into readSpace(buffer)>, ec)) break;
// leaves the header parsed (`wholeHeader`), or else some more of the message, or `ec` set.

// Parses what `buffer` holds (when `parse`). True when the caller must read more first.
template <bool isRequest>
static bool needRead(beast::flat_buffer &buffer, http::basic_parser<isRequest> &parser, bool wholeHeader, bool parse,
                     beast::error_code &ec)
{
    ec = {};
    if (parse) {
        buffer.consume(parser.put(buffer.data(), ec));
        if (ec != http::error::need_more && (ec || !wholeHeader || parser.is_header_done()))
            return false;
        ec = {};
    }
    if (beast::read_size(buffer, 65536) == 0) {
        ec = http::error::buffer_overflow;
        return false;
    }
    return true;
}

static inline asio::mutable_buffer readSpace(beast::flat_buffer &buffer) { return buffer.prepare(beast::read_size(buffer, 65536)); }

// Takes in `n` bytes read (with the read's error). False when the read ended it: an error, or the
// end of the stream (which ends a body delimited by the close, and is partial_message for the rest).
template <bool isRequest>
static bool tookRead(Conn &conn, beast::flat_buffer &buffer, http::basic_parser<isRequest> &parser, size_t n,
                     beast::error_code &ec)
{
    buffer.commit(n);
    ec = failure(conn, ec);
    if (ec != asio::error::eof)
        return !ec;
    ec = {};
    if (parser.got_some())
        parser.put_eof(ec);
    else
        ec = http::error::end_of_stream;
    return false;
}

} // namespace dynodesk::router::detail
