#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace dynodesk::ideplugin {

// A line of a .env text that is not a variable, blank or a comment.
struct DotEnvError final {
    int line = 0; // 1-based
    QString text;
};

// What a .env text sets, in the order it sets it (a key set twice keeps its last value), and the
// lines that were not understood.
struct DotEnv final {
    QList<QPair<QString, QString>> vars;
    QList<DotEnvError> errors;
};

// Parses KEY=value lines as dotenv and `heroku local` read a .env file:
// - blank lines and lines starting with # are skipped; `export ` before a key is allowed;
// - a key is letters, digits, _, . and -, not starting with a digit; spaces around = are allowed;
// - an unquoted value is trimmed and ends at a # preceded by whitespace (an inline comment);
// - 'single quotes' keep their content as it is; "double quotes" expand \n \r \t \" \\ (others
//   are kept as written); a quoted value may span lines; text after the closing quote may only be
//   a comment;
// - an empty value is the empty string.
// Anything else (no =, a bad key, an unclosed quote) is reported in `errors` and skipped.
DotEnv parseDotEnv(const QString &text);

} // namespace dynodesk::ideplugin
