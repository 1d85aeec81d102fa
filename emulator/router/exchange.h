#pragma once

#include "conn.h"
#include "httptypes.h"
#include "routersteps.h"
#include "routerstate.h"

#include <boost/beast/core/flat_buffer.hpp>

#include <array>
#include <optional>
#include <string>

namespace dynodesk::router::detail {

// One request on its way: the client's connection, its parser and what the steps found.
struct Exchange final {
    RouterState &st;
    Worker &worker;
    Conn &client;
    beast::flat_buffer &clientBuffer;
    std::string &wire; // a header on its way out, kept for its capacity
    std::array<char, kChunk> &chunk; // a piece of body on its way, kept out of the coroutine frames
    // The dyno's answer: its parser, and what was read from its connection.
    std::optional<ResponseParser> &response;
    FieldsAlloc fieldsAlloc; // the connection's arena, for the response's fields
    beast::flat_buffer &dynoBuffer;
    RequestParser &parser;
    RequestContext &ctx; // the connection's, started over for each request
    Clock::time_point started = Clock::now();
    // How the client wants its connection.
    bool clientKeepAlive = parser.keep_alive();
    bool clientHttp11 = parser.get().version() >= 11;
};

} // namespace dynodesk::router::detail
