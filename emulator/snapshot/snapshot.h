#pragma once

#include "core/apierror.h"

#include <QString>

namespace dynodesk::snapshot {

// A lab snapshot: one file holding a data dir's state (the store, the apps' repositories, slugs,
// build caches and outputs, uploaded sources, and the add-on databases with their backups), and
// the way back from it to a new data dir. See docs/architecture.md, "Lab snapshots".
class Snapshot final {
public:
    explicit Snapshot(QString dataDir);

    // Writes the data dir's state to `file` (mode 600), while a server may run on it.
    core::Status save(const QString &file) const;
    // Restores `file` into the data dir, which must be empty or absent. A damaged or foreign
    // file is refused before anything is written.
    core::Status load(const QString &file) const;

private:
    QString m_dataDir;
};

} // namespace dynodesk::snapshot
