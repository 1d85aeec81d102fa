#include "memorywatch.h"

#include "dyno.h"
#include "idynocontrol.h"

#include <cstdio>
#include <vector>

namespace dynodesk::dynos {

std::string megabytes(int64_t bytes, int decimals)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, static_cast<double>(bytes) / (1024.0 * 1024.0));
    return text;
}

MemoryWatch::MemoryWatch(IDynoControl &control, const core::IClock &clock, std::chrono::milliseconds sample,
                         std::chrono::milliseconds warnEvery)
    : m_control(control), m_clock(clock), m_warnEvery(warnEvery)
{
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { this->sample(); });
    m_timer.start(sample);
}

void MemoryWatch::sample()
{
    if (m_control.all().empty())
        return;
    const auto stats = m_control.driver().stats();
    const auto now = m_clock.now();
    std::vector<Dyno *> running;
    for (const auto &d : m_control.all())
        if (d->run && (d->state == State::Up || d->state == State::Starting))
            running.push_back(d.get());
    for (Dyno *d : running) {
        const auto it = stats.find(d->run);
        if (it == stats.end())
            continue;
        if (it->second.oomPeakBytes > 0) { // the kernel held it at twice the quota
            vastlyExceeded(*d, it->second.oomPeakBytes);
            continue;
        }
        const int64_t used = it->second.memoryBytes;
        const int64_t quota = static_cast<int64_t>(d->memoryMb) * 1024 * 1024;
        if (used <= quota)
            continue;
        if (used > 2 * quota) { // far over: R15, killed
            vastlyExceeded(*d, used);
            continue;
        }
        char percent[32];
        std::snprintf(percent, sizeof percent, "%.1f", 100.0 * static_cast<double>(used) / static_cast<double>(quota));
        const std::string line = "Process running mem=" + megabytes(used, 0) + "M(" + percent + "%)";
        // Over the quota: R14, at most once per metrics period; the dyno keeps running.
        if (d->lastMemoryWarning && now - *d->lastMemoryWarning < m_warnEvery)
            continue;
        d->lastMemoryWarning = now;
        m_control.log(*d, line);
        m_control.log(*d, "Error R14 (Memory quota exceeded)");
    }
}

void MemoryWatch::outOfMemory(Dyno &d, int64_t peakBytes)
{
    if (d.state == State::Up || d.state == State::Starting)
        vastlyExceeded(d, peakBytes);
}

void MemoryWatch::vastlyExceeded(Dyno &d, int64_t used)
{
    const int64_t quota = static_cast<int64_t>(d.memoryMb) * 1024 * 1024;
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.1f", 100.0 * static_cast<double>(used) / static_cast<double>(quota));
    m_control.log(d, "Process running mem=" + megabytes(used, 0) + "M(" + percent + "%)");
    m_control.log(d, "Error R15 (Memory quota vastly exceeded)");
    m_control.kill(d, Input::MemoryKill);
}

} // namespace dynodesk::dynos
