#pragma once

#include <chrono>

namespace dynodesk::dynos {

class IDynoControl;
struct Dyno;

// Cycling: every formation dyno restarts once a period after its launch (a day plus up to
// 216 minutes of jitter, as on the platform), logging `Cycling`.
class Cycler final {
public:
    Cycler(IDynoControl &control, std::chrono::milliseconds every);

    // (Re)starts the dyno's countdown, from its launch.
    void schedule(Dyno &d);

private:
    IDynoControl &m_control;
    std::chrono::milliseconds m_every;
};

} // namespace dynodesk::dynos
