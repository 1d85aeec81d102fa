#pragma once

#include "core/apierror.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace dynodesk::snapshot::detail {

// How a refused snapshot file is reported: what is wrong with it, and that nothing was written.
core::ApiError refused(const QString &why);

// One run of a system tool (tar, git, cp, find, mv), waited for.
struct ToolRun {
    int exitCode = -1;
    QByteArray out, err;
    bool ok() const { return exitCode == 0; }
    // An internal error naming the tool and its own words.
    core::ApiError failure(const QString &what) const;
};
ToolRun runTool(const QString &program, const QStringList &args);

} // namespace dynodesk::snapshot::detail
