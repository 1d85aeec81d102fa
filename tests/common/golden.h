#pragma once

#include <QString>

#include <nlohmann/json.hpp>

namespace dynodesk::testing {

// Checks a response body (an object, or a list of them) against the compact expectations kept in tests/api/golden/<resource>.json
// (field → JSON types, from the official schema by tests/api/golden/update): every field there
// must be present with one of its types, and every field of the body must be one of them or a
// documented extension.
//
// Fields marked `=` there are deterministic (statuses, counts, flags, a region's name): when the
// test binary has recorded values (tests/api/golden/values/<binary>.json), each call compares
// them exactly with what that call saw when they were recorded, the calls told apart by test
// function, data row, resource and their order; a list's values are compared as a set. Ids, timestamps and tokens stay checked by type.
// With DYNODESK_GOLDEN_RECORD=1 the binary records those values instead (run it whole).
// Returns the mismatches, empty when the body conforms.
QString goldenMismatches(const nlohmann::json &body, const QString &resource, bool compareValues = true);

} // namespace dynodesk::testing

// QVERIFY that a body (an object, or a non-empty list of them) matches the golden file of `resource`.
#define VERIFY_GOLDEN(body, resource) VERIFY_GOLDEN_IMPL(body, resource, true)
// The same by type only, for a call whose values are known not to be deterministic (say why).
#define VERIFY_GOLDEN_TYPES(body, resource) VERIFY_GOLDEN_IMPL(body, resource, false)

#define VERIFY_GOLDEN_IMPL(body, resource, values)                                                                     \
    do {                                                                                                               \
        const nlohmann::json b_ = (body);                                                                              \
        QVERIFY2(!b_.is_array() || !b_.empty(), "expected a non-empty list");                                          \
        const QString problems_ = dynodesk::testing::goldenMismatches(b_, QString::fromLatin1(resource), values);      \
        QVERIFY2(problems_.isEmpty(), qPrintable(QString::fromLatin1(resource) + QStringLiteral(": ") + problems_));   \
    } while (false)
