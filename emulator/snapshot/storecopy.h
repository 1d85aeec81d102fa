#pragma once

#include "core/apierror.h"

#include <QString>

namespace dynodesk::snapshot {

// The store's part of a snapshot, through SQLite itself. `backup` is `VACUUM INTO`: one read
// transaction, so the copy is the store as of one moment even while a server writes to it.
// `relocate` points the absolute paths the store keeps (slugs, uploaded sources, backup files)
// at the data dir it was loaded into.
class StoreCopy final {
public:
    static core::Status backup(const QString &storeFile, const QString &copy);
    static core::Status relocate(const QString &storeFile, const QString &toDataDir, const QString &backupsDir);
};

} // namespace dynodesk::snapshot
