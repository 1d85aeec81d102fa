#include "idler.h"

#include "idynocontrol.h"

#include "core/routetable.h"

#include <QString>

#include <algorithm>
#include <vector>

namespace dynodesk::dynos {

Idler::Idler(IDynoControl &control, std::chrono::milliseconds idleAfter) : m_control(control), m_idleAfter(idleAfter)
{
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { check(); });
    m_timer.start(std::clamp(idleAfter / 10, std::chrono::milliseconds(50), std::chrono::milliseconds(10000)));
}

std::shared_ptr<std::atomic<int64_t>> Idler::activity(const std::string &appId)
{
    auto &slot = m_activity[appId];
    if (!slot)
        slot = std::make_shared<std::atomic<int64_t>>(0);
    return slot;
}

void Idler::optedIn(const std::string &appId) { activity(appId)->store(core::steadyMs(), std::memory_order_relaxed); }

void Idler::forget(const std::string &appId) { m_activity.erase(appId); }

static bool isEco(const std::string &size) { return QString::fromStdString(size).compare(QStringLiteral("eco"), Qt::CaseInsensitive) == 0; }

// An up web dyno of an app that opted in and runs one eco web dyno.
bool Idler::mayIdle(const Dyno &d) const
{
    const DesiredApp *want = m_control.desired(d.appId);
    if (!want || !want->idling || d.type != "web" || d.oneOff || d.state != State::Up)
        return false;
    const auto web = std::find_if(want->formation.begin(), want->formation.end(),
                                  [](const DesiredApp::Process &p) { return p.type == "web"; });
    return web != want->formation.end() && web->quantity == 1 && isEco(web->size);
}

void Idler::check()
{
    const int64_t now = core::steadyMs();
    std::vector<Dyno *> sleepy;
    for (const auto &d : m_control.all()) {
        if (!mayIdle(*d))
            continue;
        const auto seen = m_activity.find(d->appId);
        const int64_t lastRequest = seen == m_activity.end() ? 0 : seen->second->load(std::memory_order_relaxed);
        if (now - std::max(d->upSinceMs, lastRequest) >= m_idleAfter.count())
            sleepy.push_back(d.get());
    }
    for (Dyno *d : sleepy) {
        m_control.move(*d, Input::IdleAsked, "Idling");
        m_control.signalStop(*d);
    }
}

void Idler::wake(const std::string &appId)
{
    std::vector<Dyno *> sleeping;
    for (const auto &d : m_control.all())
        if (d->appId == appId && toString(d->state) == toString(State::Idle))
            sleeping.push_back(d.get());
    for (Dyno *d : sleeping) {
        if (d->state != State::Idle) { // still stopping: woken once it is down
            m_control.move(*d, Input::WakeAsked, {});
            continue;
        }
        m_control.log(*d, "Unidling");
        m_control.launch(*d, -1);
    }
}

} // namespace dynodesk::dynos
