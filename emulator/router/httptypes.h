#pragma once

#include <boost/beast/http.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory_resource>

namespace dynodesk::router::detail {

namespace http = boost::beast::http;

// Header fields come from an arena per client connection, emptied for each request: Beast's
// basic_fields otherwise allocates once for every field (Beast's http_server_fast does the same).
using FieldsAlloc = std::pmr::polymorphic_allocator<char>;
using Fields = http::basic_fields<FieldsAlloc>;
using Request = http::request<http::buffer_body, Fields>;
using Response = http::response<http::buffer_body, Fields>;
using RequestParser = http::request_parser<http::buffer_body, FieldsAlloc>;
using ResponseParser = http::response_parser<http::buffer_body, FieldsAlloc>;

// Beast 1.74 treats an empty optional body limit as "over the limit".
inline constexpr std::uint64_t kNoLimit = std::numeric_limits<std::uint64_t>::max();
inline constexpr size_t kChunk = 16 * 1024;

} // namespace dynodesk::router::detail
