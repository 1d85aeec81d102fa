#pragma once

#include "core/apierror.h"

#include <QString>

namespace dynodesk::snapshot {

// The add-on databases' part of a snapshot, under `postgres/` of the snapshot's root:
// `cluster.sql` from `pg_dumpall` as the cluster's superuser (roles with their password hashes and
// connection limits, every database with its rows; each database as of one moment), the
// cluster's `port` and `superuser-password` (the add-ons' URLs name the port and their roles'
// passwords), and the `pg:backups` files.
class ClusterDump final {
public:
    // Dumps the cluster of `<dataDir>/postgres`, if there is one: over TCP when a server runs on
    // it, else on a server started for the dump and stopped after it.
    static core::Status save(const QString &dataDir, const QString &root);
    // Makes the cluster of `<dataDir>/postgres` anew and restores into it; the cluster's backups
    // directory (empty when the snapshot has no cluster).
    static core::Result<QString> restore(const QString &root, const QString &dataDir);
};

} // namespace dynodesk::snapshot
