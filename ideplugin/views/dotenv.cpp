#include "dotenv.h"

#include <QRegularExpression>
#include <QStringList>

#include <optional>

namespace dynodesk::ideplugin {

namespace {

// Reads lines one at a time; a quoted value may take more of them.
struct Reader {
    QStringList lines;
    int next = 0;
    bool atEnd() const { return next >= lines.size(); }
    QString take() { return lines.at(next++); }
};

QString unescapeDoubleQuoted(const QString &raw)
{
    QString out;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QChar c = raw.at(i);
        if (c != QLatin1Char('\\') || i + 1 == raw.size()) {
            out += c;
            continue;
        }
        const QChar e = raw.at(++i);
        switch (e.unicode()) {
        case 'n': out += QLatin1Char('\n'); break;
        case 'r': out += QLatin1Char('\r'); break;
        case 't': out += QLatin1Char('\t'); break;
        case '"': out += QLatin1Char('"'); break;
        case '\\': out += QLatin1Char('\\'); break;
        default: out += c, out += e; break; // unknown escapes are kept as written
        }
    }
    return out;
}

// The end of a quoted value that starts after the opening quote at `from` in `text`, or -1.
qsizetype closingQuote(const QString &text, qsizetype from, QChar quote)
{
    for (qsizetype i = from; i < text.size(); ++i) {
        if (quote == QLatin1Char('"') && text.at(i) == QLatin1Char('\\'))
            ++i;
        else if (text.at(i) == quote)
            return i;
    }
    return -1;
}

bool onlyComment(const QString &rest)
{
    const QString t = rest.trimmed();
    return t.isEmpty() || t.startsWith(QLatin1Char('#'));
}

// A quoted value starting at `value` (its first character is the quote); may read more lines.
std::optional<QString> quoted(QString value, Reader &reader)
{
    const QChar quote = value.front();
    qsizetype end = closingQuote(value, 1, quote);
    while (end < 0 && !reader.atEnd()) {
        value += QLatin1Char('\n') + reader.take();
        end = closingQuote(value, 1, quote);
    }
    if (end < 0 || !onlyComment(value.mid(end + 1)))
        return std::nullopt;
    const QString inner = value.mid(1, end - 1);
    return quote == QLatin1Char('"') ? unescapeDoubleQuoted(inner) : inner;
}

QString unquoted(const QString &value)
{
    static const QRegularExpression comment(QStringLiteral("\\s#"));
    const qsizetype hash = value.indexOf(comment);
    return (hash < 0 ? value : value.left(hash)).trimmed();
}

} // namespace

DotEnv parseDotEnv(const QString &text)
{
    static const QRegularExpression assignment(
            QStringLiteral("^(?:export\\s+)?([A-Za-z_.-][A-Za-z0-9_.-]*)\\s*=[ \\t]*(.*)$"));
    QString normalized = text;
    normalized.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    Reader reader{normalized.split(QLatin1Char('\n'))};
    DotEnv result;
    while (!reader.atEnd()) {
        const int number = reader.next + 1;
        const QString line = reader.take().trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QRegularExpressionMatch m = assignment.match(line);
        std::optional<QString> value;
        if (m.hasMatch()) {
            const QString raw = m.captured(2);
            const bool isQuoted = raw.startsWith(QLatin1Char('"')) || raw.startsWith(QLatin1Char('\''));
            value = isQuoted ? quoted(raw, reader) : unquoted(raw);
        }
        if (!value) {
            result.errors.append({number, line});
            continue;
        }
        const QString key = m.captured(1);
        result.vars.removeIf([&key](const auto &var) { return var.first == key; });
        result.vars.append({key, *value});
    }
    return result;
}

} // namespace dynodesk::ideplugin
