#pragma once

#include "core/apierror.h"

#include <QString>

namespace dynodesk::snapshot {

// The snapshot file: a tar archive (written and read by the system's `tar`) of a directory whose
// first member is the manifest. Only regular files and directories, with relative names that
// stay inside, are accepted back.
class SnapshotArchive final {
public:
    // Archives everything under `root`, the manifest first, into `file` (mode 600), through a
    // temporary file renamed over it at the end.
    static core::Status write(const QString &root, const QString &file);
    // The manifest's bytes, read without extracting anything.
    static core::Result<QByteArray> manifest(const QString &file);
    // Checks the member list, then extracts into `dir`.
    static core::Status extract(const QString &file, const QString &dir);
};

} // namespace dynodesk::snapshot
