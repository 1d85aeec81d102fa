#pragma once

#include "httptypes.h"
#include "routersteps.h"

#include <boost/beast/core/string.hpp>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>

namespace dynodesk::router::detail {

namespace beast = boost::beast;
using namespace std::string_view_literals; // "..."sv: appended with no strlen at run time

struct Exchange;

// The headers the router writes, each straight into a string that keeps its capacity from one
// request to the next. The small helpers the proxy also calls are inline here.

// Appends a header's fields as they go on, less two kinds. Hop-by-hop ones (RFC 9110 §7.6.1)
// concern one connection, the client's with the router or the router's with the dyno; the router
// keeps each connection on its own terms, so neither side's go to the other (Upgrade excepted,
// which a WebSocket handshake needs). And those named in `replaced`, which the router sets itself.
// `skipTransferEncoding` drops Transfer-Encoding, for a caller that writes its own.
template <class Fields>
static void appendFields(std::string &out, const Fields &fields, std::initializer_list<std::string_view> replaced,
                         bool skipTransferEncoding = false)
{
    // The names Connection lists, looked through for each field only when it lists any besides
    // `close` and `keep-alive` (Keep-Alive is dropped anyway); Upgrade stays.
    const beast::string_view connection = fields[http::field::connection];
    const http::token_list tokens(connection);
    const bool namesAny = std::any_of(tokens.begin(), tokens.end(), [](beast::string_view token) {
        return !beast::iequals(token, "close") && !beast::iequals(token, "keep-alive") && !beast::iequals(token, "upgrade");
    });
    const auto namedByConnection = [&](beast::string_view name) {
        return namesAny && !beast::iequals(name, "upgrade")
                && std::any_of(tokens.begin(), tokens.end(), [&name](beast::string_view t) { return beast::iequals(t, name); });
    };
    for (const auto &field : fields) {
        switch (field.name()) {
        case http::field::connection:
        case http::field::keep_alive:
        case http::field::proxy_connection:
        case http::field::te:
            continue;
        case http::field::transfer_encoding:
            if (skipTransferEncoding)
                continue;
            break;
        default:
            break;
        }
        const beast::string_view name = field.name_string();
        if (std::any_of(replaced.begin(), replaced.end(),
                        [&name](std::string_view r) { return beast::iequals(name, beast::string_view(r.data(), r.size())); })
            || namedByConnection(name))
            continue;
        out.append(name.data(), name.size()).append(": "sv);
        out.append(field.value().data(), field.value().size()).append("\r\n"sv);
    }
}

static inline bool isUpgrade(const Request &req) { return beast::iequals(req[http::field::upgrade], "websocket"); }

static inline void appendField(std::string &out, std::string_view name, std::string_view value)
{
    out.append(name).append(": "sv).append(value).append("\r\n"sv);
}

static inline void appendField(std::string &out, std::string_view name, long long value)
{
    out.append(name).append(": "sv);
    appendNumber(out, value);
    out.append("\r\n"sv);
}

// Starts `ctx` over for the request: every field as a new context has it, but the strings keep
// their capacity, so the requests of a kept-alive connection do not allocate for them.
void startContext(RequestContext &ctx, const Request &req, const std::string &fwd);

// The request as it goes to the dyno: HTTP/1.1 on the router's kept-alive connection, with the
// headers the router adds (platform-facts §7). Built straight into `out` rather than by editing
// the parsed fields, which would allocate for every field set.
void requestHeader(std::string &out, const Exchange &ex);

// The response as it goes to the client: HTTP/1.1 whatever the dyno's version, with the
// request id and `Via`; `reframe` puts a body the dyno ends by closing into chunks, and the
// `Connection` header says what `keep` decided. Built like requestHeader.
void responseHeader(std::string &out, const Exchange &ex, const Response &res, bool keep, bool reframe);

} // namespace dynodesk::router::detail
