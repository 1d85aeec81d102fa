#pragma once

#include <QString>

namespace dynodesk::testing {

// What one run of psql gave: its exit code (-1 when it crashed or did not end within a
// minute), its output trimmed, and its error output.
struct PsqlResult {
    int exitCode = -1;
    QString out, err;
    bool ok() const { return exitCode == 0; }
};

// Runs `sql` with the psql at `psql` on `url` and nothing else, as a dyno would (`-X -At`,
// stopping at the first error).
PsqlResult runPsql(const QString &psql, const QString &url, const QString &sql);

} // namespace dynodesk::testing
