#pragma once

#include "dynotypes.h"

#include <chrono>
#include <string>
#include <utility>

namespace dynodesk::dynos {

class IDynoControl;
struct Dyno;

// One-off dynos (`heroku run`, `heroku run:detached`): `run.NNNN` on a fresh copy of the
// release's slug. A detached one starts at once with its output in the logs; an attached one
// waits for its client, which brings the secret (R13 when none comes within `attachTimeout`).
// Either ends `complete` and is discarded when its command exits.
class OneOffDynos final {
public:
    OneOffDynos(IDynoControl &control, std::chrono::milliseconds attachTimeout);

    std::pair<DynoInfo, std::string> run(const DesiredApp &release, const OneOffRequest &request);
    // The client came: the command starts on a terminal whose other end is returned.
    Terminal attach(const std::string &secret);
    // The client went away: its dyno is stopped.
    void detach(const std::string &secret);

private:
    std::string freeName(const std::string &appId) const;
    std::pair<DynoInfo, std::string> awaitClient(Dyno &d);
    void failToAttach(Dyno &d);

    IDynoControl &m_control;
    std::chrono::milliseconds m_attachTimeout;
};

} // namespace dynodesk::dynos
