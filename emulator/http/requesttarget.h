#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dynodesk::http {

// Why a request's target is refused before any route sees it: a status, an error id and words.
struct TargetProblem final {
    int status = 400;
    std::string id;
    std::string message;
};

// The longest target the server reads (path and query), as the platform's router limits it.
inline constexpr size_t kMaxTargetBytes = 8192;

// Checks the target of a request to the API, git or data API server: too long (414), or a path
// with `.` or `..` segments, plain or percent-encoded (`%2e%2e`, `..%2f`), or an encoded NUL
// (400). Empty segments (`//`) are let through: the routes skip them. nullopt when it may be
// routed.
std::optional<TargetProblem> checkRequestTarget(std::string_view target);

} // namespace dynodesk::http
