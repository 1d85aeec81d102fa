#pragma once

#include <QTimer>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>

namespace dynodesk::dynos {

class IDynoControl;
struct Dyno;

// Idling: an app that opted in (the labs feature `idling`), with one web dyno of size eco,
// sleeps after `idleAfter` without requests, counted from the opt-in at the earliest. The
// router stamps each request into the app's activity record and asks to wake an app whose
// dyno sleeps.
class Idler final {
public:
    Idler(IDynoControl &control, std::chrono::milliseconds idleAfter);

    std::shared_ptr<std::atomic<int64_t>> activity(const std::string &appId);
    void optedIn(const std::string &appId); // the idle time counts from now
    void forget(const std::string &appId);
    void check();
    void wake(const std::string &appId);

private:
    bool mayIdle(const Dyno &d) const;

    IDynoControl &m_control;
    std::chrono::milliseconds m_idleAfter;
    QTimer m_timer;
    std::map<std::string, std::shared_ptr<std::atomic<int64_t>>> m_activity;
};

} // namespace dynodesk::dynos
