#include "cycler.h"

#include "idynocontrol.h"

#include <QRandomGenerator>
#include <QTimer>

namespace dynodesk::dynos {

Cycler::Cycler(IDynoControl &control, std::chrono::milliseconds every) : m_control(control), m_every(every) {}

void Cycler::schedule(Dyno &d)
{
    auto wait = m_every;
    if (wait >= std::chrono::hours(24))
        wait += std::chrono::minutes(QRandomGenerator::global()->bounded(216));
    if (!d.cycleTimer) {
        d.cycleTimer = new QTimer(m_control.timerOwner());
        d.cycleTimer->setSingleShot(true);
        Dyno *dp = &d;
        QObject::connect(d.cycleTimer, &QTimer::timeout, d.cycleTimer, [this, dp] {
            if (stopping(dp->state) || !dp->run)
                return;
            m_control.log(*dp, "Cycling");
            dp->crashes = 0;
            m_control.beginStop(*dp);
        });
    }
    d.cycleTimer->start(wait);
}

} // namespace dynodesk::dynos
