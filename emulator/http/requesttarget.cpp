#include "requesttarget.h"

#include <QByteArray>
#include <QList>

namespace dynodesk::http {

// A segment that, decoded, walks up or stays put: `..`, `.`, or one with an encoded slash or
// backslash around such a piece (`..%2f..`).
static bool isDotSegment(const QByteArray &decoded)
{
    QByteArray piece;
    for (qsizetype i = 0; i <= decoded.size(); ++i) {
        if (i == decoded.size() || decoded[i] == '/' || decoded[i] == '\\') {
            if (piece == "." || piece == "..")
                return true;
            piece.clear();
        } else {
            piece += decoded[i];
        }
    }
    return false;
}

std::optional<TargetProblem> checkRequestTarget(std::string_view target)
{
    if (target.size() > kMaxTargetBytes)
        return TargetProblem{414, "uri_too_long",
                             "The request's path and query are longer than " + std::to_string(kMaxTargetBytes)
                                 + " bytes."};
    const std::string_view path = target.substr(0, target.find('?'));
    for (const QByteArray &segment : QByteArray(path.data(), static_cast<qsizetype>(path.size())).split('/')) {
        const QByteArray decoded = QByteArray::fromPercentEncoding(segment);
        if (decoded.contains('\0'))
            return TargetProblem{400, "bad_request", "The request's path holds a NUL character."};
        if (isDotSegment(decoded))
            return TargetProblem{400, "bad_request", "The request's path holds a `.` or `..` segment."};
    }
    return std::nullopt;
}

} // namespace dynodesk::http
