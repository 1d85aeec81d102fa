#include "runtimemetrics.h"

#include "idynocontrol.h"
#include "memorywatch.h"

#include <cstdio>
#include <vector>

namespace dynodesk::dynos {

RuntimeMetrics::RuntimeMetrics(IDynoControl &control, std::chrono::milliseconds period) : m_control(control)
{
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { report(); });
    m_timer.start(period);
}

void RuntimeMetrics::report()
{
    std::vector<Dyno *> measured;
    for (const auto &d : m_control.all()) {
        const DesiredApp *want = m_control.desired(d->appId);
        if (want && want->runtimeMetrics && d->run && d->state == State::Up)
            measured.push_back(d.get());
    }
    if (measured.empty())
        return;
    const auto stats = m_control.driver().stats();
    double load[3] = {0, 0, 0};
    if (FILE *f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3)
            load[0] = load[1] = load[2] = 0;
        std::fclose(f);
    }
    for (Dyno *d : measured) {
        const std::string who = "source=" + d->name + " dyno=heroku." + d->appId + "." + d->id;
        char loads[128];
        std::snprintf(loads, sizeof loads, " sample#load_avg_1m=%.2f sample#load_avg_5m=%.2f sample#load_avg_15m=%.2f",
                      load[0], load[1], load[2]);
        m_control.log(*d, who + loads);
        const auto it = stats.find(d->run);
        const int64_t bytes = it == stats.end() ? 0 : it->second.memoryBytes;
        m_control.log(*d, who + " sample#memory_total=" + megabytes(bytes, 2) + "MB sample#memory_rss=" + megabytes(bytes, 2)
                                  + "MB sample#memory_cache=0.00MB sample#memory_swap=0.00MB sample#memory_pgpgin=0pages "
                                    "sample#memory_pgpgout=0pages sample#memory_quota="
                                  + megabytes(static_cast<int64_t>(d->memoryMb) * 1024 * 1024, 2) + "MB");
    }
}

} // namespace dynodesk::dynos
