#pragma once

#include "core/apierror.h"

#include <QString>
#include <QStringList>

namespace dynodesk::addons::postgres {

// Where the PostgreSQL server programs are: `pg_config --bindir`, else the newest Debian
// `/usr/lib/postgresql/<v>/bin`. Missing programs are an error naming the package to install.
struct Binaries final {
    QString binDir;

    static core::Result<Binaries> find();
    static core::Result<Binaries> findIn(const QStringList &candidates); // the first that has the programs
    QString tool(const QString &name) const;
};

} // namespace dynodesk::addons::postgres
