#pragma once

#include <QTimer>

#include <chrono>

namespace dynodesk::dynos {

class IDynoControl;

// The labs feature `log-runtime-metrics`: every period, each `up` dyno of an app that opted in
// logs the load and its memory as the platform's samples. The load averages are the host's,
// since dynos here share one machine, unlike the platform's containers.
class RuntimeMetrics final {
public:
    RuntimeMetrics(IDynoControl &control, std::chrono::milliseconds period);

    void report();

private:
    IDynoControl &m_control;
    QTimer m_timer;
};

} // namespace dynodesk::dynos
