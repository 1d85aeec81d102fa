#include "range.h"

#include <algorithm>
#include <charconv>

namespace dynodesk::api {

using core::ApiError;

static std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

static ApiError badRange(std::string_view header, std::string_view why)
{
    return ApiError::badRequest("Invalid Range header `" + std::string(header) + "`: " + std::string(why));
}

static core::Status applyParams(std::string_view header, std::string_view params, RangeSpec &spec)
{
    size_t pos = 0;
    while (pos <= params.size()) {
        const size_t next = params.find_first_of(",;", pos);
        const std::string_view item = trim(params.substr(pos, next == std::string_view::npos ? next : next - pos));
        pos = next == std::string_view::npos ? params.size() + 1 : next + 1;
        if (item.empty())
            continue;
        const size_t eq = item.find('=');
        if (eq == std::string_view::npos)
            return badRange(header, "expected key=value, got `" + std::string(item) + "`");
        const std::string_view key = trim(item.substr(0, eq));
        const std::string_view value = trim(item.substr(eq + 1));
        if (key == "max") {
            int max = 0;
            const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), max);
            if (ec != std::errc() || p != value.data() + value.size() || max < 1)
                return badRange(header, "max must be a positive number");
            spec.max = std::min(max, RangeSpec::kLargestMax);
        } else if (key == "order") {
            if (value != "asc" && value != "desc")
                return badRange(header, "order must be asc or desc");
            spec.descending = value == "desc";
        } else {
            return badRange(header, "unknown parameter `" + std::string(key) + "`");
        }
    }
    return core::Done{};
}

core::Result<RangeSpec> parseRange(std::string_view header, const std::vector<std::string> &fields)
{
    RangeSpec spec;
    spec.field = fields.empty() ? "id" : fields.front();
    const std::string_view text = trim(header);
    if (text.empty())
        return spec;
    const size_t semi = text.find(';');
    const std::string_view rangePart = trim(text.substr(0, semi));
    const std::string_view params = semi == std::string_view::npos ? std::string_view() : text.substr(semi + 1);

    const size_t space = rangePart.find(' ');
    const std::string_view field = rangePart.substr(0, space);
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
        std::string accepted;
        for (const auto &f : fields)
            accepted += (accepted.empty() ? "" : ", ") + f;
        return badRange(header, "this list sorts by " + accepted);
    }
    spec.field = std::string(field);
    if (space != std::string_view::npos) {
        const std::string_view bounds = trim(rangePart.substr(space + 1));
        const size_t dots = bounds.find("..");
        if (dots == std::string_view::npos)
            return badRange(header, "expected `start..end`");
        std::string_view start = bounds.substr(0, dots);
        const std::string_view end = bounds.substr(dots + 2);
        if (!start.empty() && (start.front() == ']' || start.front() == '[')) {
            spec.startExclusive = start.front() == ']';
            start.remove_prefix(1);
        }
        if (!start.empty())
            spec.start = std::string(start);
        if (!end.empty())
            spec.end = std::string(end);
    }
    if (auto ok = applyParams(header, params, spec); !ok)
        return ok.error();
    return spec;
}

static const nlohmann::json &lookup(const nlohmann::json &item, const std::string &path)
{
    static const nlohmann::json null;
    const nlohmann::json *node = &item;
    size_t pos = 0;
    while (pos <= path.size()) {
        const size_t dot = path.find('.', pos);
        const std::string key = path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
        if (!node->is_object() || !node->contains(key))
            return null;
        node = &(*node)[key];
        pos = dot == std::string::npos ? path.size() + 1 : dot + 1;
    }
    return *node;
}

static std::string keyText(const nlohmann::json &v)
{
    return v.is_string() ? v.get<std::string>() : v.is_null() ? std::string() : v.dump();
}

// Compares a key with a bound given as text: numerically for numbers, else as strings.
static int compareToBound(const nlohmann::json &key, const std::string &bound)
{
    if (key.is_number_integer()) {
        long long b = 0;
        std::from_chars(bound.data(), bound.data() + bound.size(), b);
        const long long k = key.get<long long>();
        return k < b ? -1 : k > b ? 1 : 0;
    }
    const std::string k = keyText(key);
    return k < bound ? -1 : k > bound ? 1 : 0;
}

Page paginate(nlohmann::json items, const RangeSpec &range)
{
    std::vector<nlohmann::json> sorted(items.begin(), items.end());
    std::stable_sort(sorted.begin(), sorted.end(), [&](const nlohmann::json &a, const nlohmann::json &b) {
        const auto &ka = lookup(a, range.field);
        const auto &kb = lookup(b, range.field);
        return range.descending ? kb < ka : ka < kb;
    });
    // In descending order the start bound is the high end.
    const int dir = range.descending ? -1 : 1;
    std::vector<nlohmann::json> kept;
    for (auto &item : sorted) {
        const auto &key = lookup(item, range.field);
        if (range.start) {
            const int c = compareToBound(key, *range.start) * dir;
            if (c < 0 || (c == 0 && range.startExclusive))
                continue;
        }
        if (range.end && compareToBound(key, *range.end) * dir > 0)
            continue;
        kept.push_back(std::move(item));
    }
    Page page;
    const size_t n = std::min(kept.size(), static_cast<size_t>(range.max));
    for (size_t i = 0; i < n; ++i)
        page.items.push_back(kept[i]);
    const std::string params = "; max=" + std::to_string(range.max) + ", order=" + (range.descending ? "desc" : "asc");
    if (n > 0) {
        page.contentRange = range.field + " " + keyText(lookup(kept.front(), range.field)) + ".."
                + keyText(lookup(kept[n - 1], range.field)) + params;
    } else {
        page.contentRange = range.field + " .." + params;
    }
    if (kept.size() > n)
        page.nextRange = range.field + " ]" + keyText(lookup(kept[n - 1], range.field)) + ".." + params;
    return page;
}

} // namespace dynodesk::api
