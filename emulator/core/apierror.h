#pragma once

#include <string>
#include <utility>
#include <variant>

namespace dynodesk::core {

// An error that crosses a component boundary, in the platform's terms: the HTTP status, the
// error id of the Platform API (`not_found`, `invalid_params`, ...) and a message for people.
struct ApiError final {
    int status = 500;
    std::string id;
    std::string message;
    std::string resource; // what was not found (`add_on`), for clients that tell resources apart

    static ApiError badRequest(std::string message) { return {400, "bad_request", std::move(message)}; }
    static ApiError unauthorized() { return {401, "unauthorized", "Invalid credentials provided."}; }
    static ApiError forbidden(std::string message) { return {403, "forbidden", std::move(message)}; }
    static ApiError notFound(std::string message) { return {404, "not_found", std::move(message)}; }
    static ApiError conflict(std::string message) { return {409, "conflict", std::move(message)}; }
    static ApiError invalidParams(std::string message) { return {422, "invalid_params", std::move(message)}; }
    static ApiError internal(std::string message) { return {500, "internal_server_error", std::move(message)}; }
};

// An expected-style result: a value or an ApiError.
template <typename T>
class [[nodiscard]] Result final {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(ApiError error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() { return std::get<0>(m_v); }
    const T &value() const { return std::get<0>(m_v); }
    T &operator*() { return value(); }
    T *operator->() { return &value(); }
    const ApiError &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, ApiError> m_v;
};

struct Done final {};
using Status = Result<Done>;

} // namespace dynodesk::core
