#pragma once

#include "core/apierror.h"

#include <QString>

#include <optional>

namespace dynodesk::addons::postgres {

// The system user the server runs as when the emulator runs as root (PostgreSQL refuses root):
// Debian's `postgres`, else `dynodesk-postgres`, created with useradd if missing.
struct ServiceUser final {
    QString name;
    unsigned uid = 0;
    unsigned gid = 0;

    static core::Result<std::optional<ServiceUser>> forCurrentProcess();
};

} // namespace dynodesk::addons::postgres
