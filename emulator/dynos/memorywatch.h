#pragma once

#include "core/clock.h"

#include <QTimer>

#include <chrono>
#include <cstdint>
#include <string>

namespace dynodesk::dynos {

class IDynoControl;
struct Dyno;

// R14 and R15: every `sample` period, each running dyno's memory against its size's quota. Over
// it: R14, at most once per `warnEvery`, and the dyno keeps running; over twice: R15, killed.
class MemoryWatch final {
public:
    MemoryWatch(IDynoControl &control, const core::IClock &clock, std::chrono::milliseconds sample,
                std::chrono::milliseconds warnEvery);

    void sample();
    // The kernel stopped a process of the dyno at its limit (twice the quota): R15, and the rest
    // of the dyno is killed, as when a sample finds it so far over. Once per run.
    void outOfMemory(Dyno &d, int64_t peakBytes);

private:
    void vastlyExceeded(Dyno &d, int64_t used);

    IDynoControl &m_control;
    const core::IClock &m_clock;
    std::chrono::milliseconds m_warnEvery;
    QTimer m_timer;
};

// `bytes` in MB with `decimals` decimals, as the platform's log lines give it.
std::string megabytes(int64_t bytes, int decimals);

} // namespace dynodesk::dynos
