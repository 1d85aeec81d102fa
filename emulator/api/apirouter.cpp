#include "apirouter.h"

#include <QByteArray>

namespace dynodesk::api {

static std::vector<std::string> splitPath(std::string_view path)
{
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < path.size()) {
        if (path[pos] == '/') {
            ++pos;
            continue;
        }
        const size_t next = path.find('/', pos);
        out.emplace_back(path.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
        pos = next == std::string_view::npos ? path.size() : next;
    }
    return out;
}

static bool isParam(const std::string &segment) { return segment.size() > 2 && segment.front() == '{'; }

const std::string &ApiContext::param(std::string_view name) const
{
    static const std::string empty;
    for (const auto &[k, v] : params)
        if (k == name)
            return v;
    return empty;
}

void ApiRouter::add(std::string method, std::string pattern, std::string resource, std::string title,
                    ApiHandler handler, bool isPublic)
{
    Route r{std::move(method), std::move(pattern), std::move(resource), std::move(title), std::move(handler), isPublic, {}};
    r.segments = splitPath(r.pattern);
    m_routes.push_back(std::move(r));
}

void ApiRouter::addData(std::string method, std::string pattern, std::string resource, ApiHandler handler)
{
    std::string title = method + " " + pattern;
    add(std::move(method), std::move(pattern), std::move(resource), std::move(title), std::move(handler));
    m_routes.back().inSchema = false;
}

void ApiRouter::addDataAsync(std::string method, std::string pattern, std::string resource, AsyncApiHandler handler)
{
    addData(std::move(method), std::move(pattern), std::move(resource), {});
    m_routes.back().asyncHandler = std::move(handler);
}

ApiRouter::Match ApiRouter::match(std::string_view method, std::string_view path) const
{
    const auto segments = splitPath(path);
    Match best;
    int bestLiterals = -1;
    for (const auto &route : m_routes) {
        if (route.method != method || route.segments.size() != segments.size())
            continue;
        int literals = 0;
        bool ok = true;
        std::vector<std::pair<std::string, std::string>> params;
        for (size_t i = 0; i < segments.size() && ok; ++i) {
            const auto &want = route.segments[i];
            if (isParam(want)) {
                const QByteArray decoded = QByteArray::fromPercentEncoding(QByteArray::fromStdString(segments[i]));
                params.emplace_back(want.substr(1, want.size() - 2), decoded.toStdString());
            } else if (want == segments[i]) {
                ++literals;
            } else {
                ok = false;
            }
        }
        if (ok && literals > bestLiterals) {
            best = {&route, std::move(params)};
            bestLiterals = literals;
        }
    }
    return best;
}

std::optional<std::string> optionalString(const nlohmann::json &body, const char *key)
{
    if (!body.is_object() || !body.contains(key) || body[key].is_null())
        return std::nullopt;
    if (!body[key].is_string())
        throw ParamError(std::string(key) + " must be a string.");
    return body[key].get<std::string>();
}

std::optional<bool> optionalBool(const nlohmann::json &body, const char *key)
{
    if (!body.is_object() || !body.contains(key) || body[key].is_null())
        return std::nullopt;
    if (!body[key].is_boolean())
        throw ParamError(std::string(key) + " must be true or false.");
    return body[key].get<bool>();
}

std::optional<int64_t> optionalInteger(const nlohmann::json &body, const char *key)
{
    if (!body.is_object() || !body.contains(key) || body[key].is_null())
        return std::nullopt;
    const auto &v = body[key];
    if (v.is_number_integer())
        return v.get<int64_t>();
    if (v.is_string()) {
        const std::string s = v.get<std::string>();
        const bool negative = !s.empty() && s[0] == '-';
        const std::string digits = negative ? s.substr(1) : s;
        if (!digits.empty() && digits.size() < 10 && digits.find_first_not_of("0123456789") == std::string::npos)
            return std::stoll(s);
    }
    throw ParamError(std::string(key) + " must be a whole number.");
}

std::string requiredString(const nlohmann::json &body, const char *key)
{
    auto v = optionalString(body, key);
    if (!v || v->empty())
        throw ParamError(std::string(key) + " is required.");
    return *v;
}

} // namespace dynodesk::api
