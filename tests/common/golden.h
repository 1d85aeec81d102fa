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

// QVERIFY that a body (or every element of a list body) matches the golden file of `resource`.
#define VERIFY_GOLDEN(body, resource)                                                                                  \
    do {                                                                                                               \
        const nlohmann::json b_ = (body);                                                                              \
        QVERIFY2(!b_.is_array() || !b_.empty(), "expected a non-empty list");                                          \
        for (const auto &item_ : b_.is_array() ? b_ : nlohmann::json::array({b_})) {                                   \
            const QString problems_ = dynodesk::testing::goldenMismatches(item_, QString::fromLatin1(resource));       \
            QVERIFY2(problems_.isEmpty(), qPrintable(QString::fromLatin1(resource) + QStringLiteral(": ") + problems_)); \
        }                                                                                                              \
    } while (false)
