#pragma once

#include "core/apierror.h"

#include <string>
#include <vector>

namespace dynodesk::platform {

// Comma-separated values as RFC 4180 has them: fields split by commas, records by LF or CRLF;
// a field in double quotes may hold commas, line breaks and `""` for a quote. A UTF-8 byte-order
// mark at the start is skipped. Each record keeps the line it starts on, for messages.
class CsvTable final {
public:
    struct Record final {
        int line = 0;
        std::vector<std::string> fields;
        // A line with nothing on it: one empty field, not quoted.
        bool blank() const { return fields.size() == 1 && fields[0].empty() && !quoted; }
        bool quoted = false;
    };

    // The records of `text`, or 422 naming the line of the first malformed field (a quote left
    // open, text after a closing quote, a quote inside a field that is not quoted).
    static core::Result<CsvTable> parse(const std::string &text);

    const std::vector<Record> &records() const { return m_records; }

private:
    std::vector<Record> m_records;
};

} // namespace dynodesk::platform
