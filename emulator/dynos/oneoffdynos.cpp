#include "oneoffdynos.h"

#include "idynocontrol.h"

#include "core/ids.h"

#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <fcntl.h>
#include <pty.h>
#include <sys/socket.h>

namespace dynodesk::dynos {

OneOffDynos::OneOffDynos(IDynoControl &control, std::chrono::milliseconds attachTimeout)
    : m_control(control), m_attachTimeout(attachTimeout)
{
}

// `run.NNNN`, unused in the app.
std::string OneOffDynos::freeName(const std::string &appId) const
{
    std::string name;
    do
        name = "run." + std::to_string(QRandomGenerator::global()->bounded(1000, 10000));
    while (std::any_of(m_control.all().begin(), m_control.all().end(),
                       [&](const auto &d) { return d->appId == appId && d->name == name; }));
    return name;
}

std::pair<DynoInfo, std::string> OneOffDynos::run(const DesiredApp &release, const OneOffRequest &request)
{
    // A command naming a process type runs that type's command.
    std::string command = request.command;
    const std::string first = command.substr(0, command.find(' '));
    for (const auto &p : release.formation)
        if (p.type == first && !p.command.empty())
            command = p.command + command.substr(first.size());
    Dyno &d = m_control.add(release, freeName(release.appId), "run", command, request.size, request.memoryMb);
    d.oneOff = true;
    d.attach = request.attach;
    d.tty = request.tty;
    d.extraEnv = request.env;
    if (request.attach)
        return awaitClient(d);
    DynoInfo started = infoOf(d);
    m_control.launch(d, -1); // may end it at once: report what was started
    started.state = "starting";
    for (const auto &x : m_control.all())
        if (x->id == started.id)
            started = infoOf(*x);
    return {started, {}};
}

std::pair<DynoInfo, std::string> OneOffDynos::awaitClient(Dyno &d)
{
    d.secret = core::newId();
    m_control.move(d, Input::Launched, {});
    m_control.log(d, "Awaiting client");
    d.attachTimer = new QTimer(m_control.timerOwner());
    d.attachTimer->setSingleShot(true);
    Dyno *dp = &d;
    QObject::connect(d.attachTimer, &QTimer::timeout, d.attachTimer, [this, dp] {
        if (!dp->run && !stopping(dp->state))
            failToAttach(*dp);
    });
    d.attachTimer->start(m_attachTimeout);
    return {infoOf(d), d.secret};
}

void OneOffDynos::failToAttach(Dyno &d)
{
    m_control.log(d, "Error R13 (Attach error) -> Failed to attach to process");
    m_control.move(d, Input::Exited, {});
    m_control.discard(d);
}

Terminal OneOffDynos::attach(const std::string &secret)
{
    const auto &all = m_control.all();
    const auto it = std::find_if(all.begin(), all.end(), [&](const auto &d) {
        return d->oneOff && d->attach && !d->attached && d->secret == secret;
    });
    if (it == all.end() || (*it)->run || stopping((*it)->state))
        return {};
    Dyno &d = **it;
    d.attached = true; // a secret attaches once
    d.attachTimer->stop();
    int ends[2] = {-1, -1};
    const bool made = d.tty ? ::openpty(&ends[0], &ends[1], nullptr, nullptr, nullptr) == 0
                            : ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) == 0;
    if (!made) {
        failToAttach(d);
        return {};
    }
    for (int fd : ends)
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    const bool tty = d.tty;
    m_control.launch(d, ends[1]); // the driver owns the dyno's end from here
    return {ends[0], tty};
}

void OneOffDynos::detach(const std::string &secret)
{
    for (const auto &d : m_control.all())
        if (d->oneOff && d->attached && d->secret == secret && d->run && !stopping(d->state))
            return m_control.beginStop(*d);
}

} // namespace dynodesk::dynos
