#pragma once

#include "dynostate.h"
#include "dynotypes.h"
#include "idynodriver.h"

#include "core/clock.h"

#include <QByteArray>

#include <map>
#include <optional>
#include <string>

class QTimer;

namespace dynodesk::dynos {

// One dyno as the supervisor and its collaborators keep it (private to dynos/).
struct Dyno final {
    std::string id, appId, name, type, command, size, releaseId, slugPath;
    int64_t releaseVersion = 0;
    std::map<std::string, std::string> config;
    State state = State::Down;
    int index = 0, port = 0, crashes = 0, lastSignal = 0, memoryMb = 512;
    DynoHandle run = 0;   // its run in the driver, from the launch until its process ended
    int64_t upSinceMs = 0; // core::steadyMs() when it last came up
    core::TimePoint created, updated;
    QTimer *poll = nullptr, *bootTimer = nullptr, *killTimer = nullptr, *restartTimer = nullptr;
    QTimer *cycleTimer = nullptr, *attachTimer = nullptr;
    QByteArray pending; // output after its last full line
    // One-off dynos: discarded when their command ends; an attached one waits for its client.
    bool oneOff = false, attach = false, tty = true, attached = false;
    std::string secret;
    std::map<std::string, std::string> extraEnv;
    std::optional<core::TimePoint> lastMemoryWarning;
};

inline DynoInfo infoOf(const Dyno &d)
{
    return {d.id, d.appId, d.name, d.type, d.command, d.size, std::string(toString(d.state)), d.releaseId,
            d.releaseVersion, d.created, d.updated, d.port, d.oneOff};
}

} // namespace dynodesk::dynos
