#pragma once

#include <QString>

#include <nlohmann/json.hpp>

namespace dynodesk::testing {

// Checks a response body against the compact expectations kept in tests/api/golden/<resource>.json
// (field → JSON types, from the official schema by tests/api/golden/update): every field there
// must be present with one of its types, and every field of the body must be one of them or a
// documented extension. Returns the mismatches, empty when the body conforms.
QString goldenMismatches(const nlohmann::json &body, const QString &resource);

} // namespace dynodesk::testing
