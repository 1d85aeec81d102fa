#pragma once

#include "postgrescommand.h"

#include "core/apierror.h"

#include <QString>

namespace dynodesk::addons::postgres {

// Where a cluster named `<data dir>/postgres` really lives. As a normal user, and under root when
// the service user can reach the data dir, that is the directory itself. Under root with a data
// dir the service user cannot reach (one under /root, or the data dir's own mode 700), the cluster
// lives in `<base>/<id>` (by default /var/lib/dynodesk/postgres/<id>, the id taken from a SHA-256
// of the data dir's canonical path), owned by the service user with mode 700, and
// `<data dir>/postgres` is a symbolic link to it; `<base>/<id>/owner` names the data dir.
// Clusters whose data dir was deleted, or no longer points at them, are removed (when no server
// runs on them) the next time a cluster is placed.
class ClusterHome final {
public:
    static QString defaultBase() { return QStringLiteral("/var/lib/dynodesk/postgres"); }

    // The directory to run the cluster in, creating the link (and moving a cluster found in
    // place) when it has to live under `base`.
    static core::Result<QString> resolve(const QString &dir, const PostgresCommand &command, const QString &base);
};

} // namespace dynodesk::addons::postgres
