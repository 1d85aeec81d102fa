#pragma once

#include "dyno.h"

#include <memory>
#include <string>
#include <vector>

class QObject;

namespace dynodesk::dynos {

// What the supervisor lets its collaborators (memory watch, runtime metrics, idling, cycling,
// one-off dynos) see of its dynos and do with them; each change goes through the supervisor.
class IDynoControl {
public:
    virtual const std::vector<std::unique_ptr<Dyno>> &all() const = 0;
    virtual const DesiredApp *desired(const std::string &appId) const = 0;
    virtual IDynoDriver &driver() = 0;
    virtual QObject *timerOwner() = 0; // parent of the dynos' timers
    virtual void log(const Dyno &d, const std::string &message) = 0;
    // Feeds the dyno's state machine; a change of the platform's word is logged (after `why`).
    virtual void move(Dyno &d, Input input, const std::string &why) = 0;
    virtual Dyno &add(const DesiredApp &want, const std::string &name, const std::string &type, const std::string &command,
                      const std::string &size, int memoryMb) = 0;
    // Starts the dyno's command on a fresh copy of the slug; `terminal` (or -1) becomes its stdio.
    virtual void launch(Dyno &d, int terminal) = 0;
    // Stops the dyno (SIGTERM, SIGKILL after the grace); the formation decides what follows.
    virtual void beginStop(Dyno &d) = 0;
    // SIGTERM to its processes now, SIGKILL after the grace (R12).
    virtual void signalStop(Dyno &d) = 0;
    // SIGKILL to its processes now, for `why` (R10, R15).
    virtual void kill(Dyno &d, Input why) = 0;
    virtual void discard(Dyno &d) = 0;

protected:
    ~IDynoControl() = default;
};

} // namespace dynodesk::dynos
