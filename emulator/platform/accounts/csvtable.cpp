// RFC 4180 comma-separated values, read by a small state machine over the bytes.
#include "csvtable.h"

namespace dynodesk::platform {

using core::ApiError;

static ApiError atLine(int line, const std::string &what)
{
    return ApiError::invalidParams("line " + std::to_string(line) + ": " + what);
}

namespace {

// Reads one record at a time; `pos` moves past it and its line break.
struct Reader final {
    const std::string &text;
    size_t pos = 0;
    int line = 1;

    bool atRecordEnd() const { return pos >= text.size() || text[pos] == '\n' || text[pos] == '\r'; }

    void skipLineBreak()
    {
        if (pos < text.size() && text[pos] == '\r')
            ++pos;
        if (pos < text.size() && text[pos] == '\n')
            ++pos;
        ++line;
    }

    core::Result<std::string> quotedField()
    {
        const int opened = line;
        std::string field;
        for (++pos; pos < text.size(); ++pos) {
            const char c = text[pos];
            if (c == '"' && pos + 1 < text.size() && text[pos + 1] == '"') {
                field += '"';
                ++pos;
            } else if (c == '"') {
                ++pos;
                if (!atRecordEnd() && text[pos] != ',')
                    return atLine(line, "text after a closing quote (write a quote inside a quoted field as \"\")");
                return field;
            } else {
                line += c == '\n' ? 1 : 0;
                field += c;
            }
        }
        return atLine(opened, "a quoted field is not closed");
    }

    core::Result<std::string> plainField()
    {
        std::string field;
        for (; !atRecordEnd() && text[pos] != ','; ++pos) {
            if (text[pos] == '"')
                return atLine(line, "a quote inside a field that is not quoted (quote the whole field)");
            field += text[pos];
        }
        return field;
    }

    core::Result<CsvTable::Record> record()
    {
        CsvTable::Record rec{line, {}};
        for (;;) {
            const bool quoted = pos < text.size() && text[pos] == '"';
            auto field = quoted ? quotedField() : plainField();
            if (!field)
                return field.error();
            rec.quoted = rec.quoted || quoted;
            rec.fields.push_back(std::move(*field));
            if (atRecordEnd())
                break;
            ++pos; // the comma
        }
        skipLineBreak();
        return rec;
    }
};

} // namespace

core::Result<CsvTable> CsvTable::parse(const std::string &text)
{
    CsvTable table;
    Reader reader{text};
    if (text.rfind("\xEF\xBB\xBF", 0) == 0)
        reader.pos = 3;
    while (reader.pos < text.size()) {
        auto rec = reader.record();
        if (!rec)
            return rec.error();
        table.m_records.push_back(std::move(*rec));
    }
    return table;
}

} // namespace dynodesk::platform
