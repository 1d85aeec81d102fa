#pragma once

#include "dynotypes.h"

#include <string>
#include <utility>
#include <vector>

namespace dynodesk::dynos {

// What the platform asks of the dyno manager: commands go down through this interface, events
// come up as the supervisor's signals (CONVENTIONS: components meet through small interfaces).
class ISupervisor {
public:
    virtual ~ISupervisor() = default;
    virtual std::vector<DynoInfo> dynos(const std::string &appId) const = 0;
    // Restarts every dyno of the app, of one type (`web`), or one dyno (`web.1`); false when
    // nothing matched.
    virtual bool restart(const std::string &appId, const std::string &typeOrName = {}) = 0;
    // Stops dynos; the formation brings them back. False when nothing matched.
    virtual bool stop(const std::string &appId, const std::string &typeOrName) = 0;
    // Starts a one-off dyno; returns it and, for an attached one, the secret its client brings.
    virtual std::pair<DynoInfo, std::string> runOneOff(const DesiredApp &release, const OneOffRequest &request) = 0;
    // How the dynos are isolated from each other and the host, in one line.
    virtual std::string isolation() const = 0;
};

} // namespace dynodesk::dynos
