#pragma once

#include "core/apierror.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dynodesk::api {

// A parsed `Range` header of the Platform API: `<field> [start]..[end]; max=N, order=asc|desc`.
// A start of `]value` is exclusive (the form `Next-Range` uses), `[value` or `value` inclusive.
struct RangeSpec final {
    std::string field;
    std::optional<std::string> start, end;
    bool startExclusive = false;
    int max = 200;
    bool descending = false;

    static constexpr int kDefaultMax = 200;
    static constexpr int kLargestMax = 1000;
};

// Parses every spelling the official CLI sends (`id ..; max=1000;`, `version ..; max=1, order=desc`,
// `version ..; order=desc,max=1`, an empty header). `fields` lists the fields this list sorts by;
// the first is the default.
core::Result<RangeSpec> parseRange(std::string_view header, const std::vector<std::string> &fields);

// One page of a list, cut by a range.
struct Page final {
    nlohmann::json items = nlohmann::json::array();
    std::string contentRange;
    std::optional<std::string> nextRange; // set only while more items remain
};

// Sorts `items` (JSON objects) by the range's field (a dotted path), applies its bounds and max.
Page paginate(nlohmann::json items, const RangeSpec &range);

} // namespace dynodesk::api
