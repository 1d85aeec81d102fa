#include "nulldynodriver.h"

#include <QTimer>

#include <csignal>
#include <unistd.h>

namespace dynodesk::dynos {

NullDynoDriver::Run *NullDynoDriver::find(DynoHandle run)
{
    for (Run &r : m_runs)
        if (r.handle == run && !r.stopped)
            return &r;
    return nullptr;
}

const NullDynoDriver::Run *NullDynoDriver::find(DynoHandle run) const
{
    return const_cast<NullDynoDriver *>(this)->find(run);
}

NullDynoDriver::Run *NullDynoDriver::latest(const std::string &name)
{
    for (auto it = m_runs.rbegin(); it != m_runs.rend(); ++it)
        if (it->launch.name == name)
            return &*it;
    return nullptr;
}

DynoHandle NullDynoDriver::start(DynoLaunch launch, DynoEvents events)
{
    Run r;
    r.handle = m_runs.size() + 1;
    r.launch = std::move(launch);
    r.events = std::move(events);
    m_runs.push_back(std::move(r));
    if (autoStart)
        QTimer::singleShot(0, this, [this, name = m_runs.back().launch.name] { makeStart(name); });
    return m_runs.size();
}

void NullDynoDriver::makeStart(const std::string &name)
{
    Run *r = latest(name);
    if (!r || r->stopped || r->started)
        return;
    r->started = r->running = true;
    const auto started = r->events.started;
    started();
}

void NullDynoDriver::makeFail(const std::string &name, const std::string &error)
{
    if (Run *r = latest(name); r && !r->stopped) {
        const auto failed = r->events.failed;
        failed(error);
    }
}

void NullDynoDriver::makeBind(const std::string &name)
{
    if (Run *r = latest(name))
        r->bound = true;
}

void NullDynoDriver::makePrint(const std::string &name, const QByteArray &chunk)
{
    if (Run *r = latest(name); r && r->running) {
        const auto output = r->events.output;
        output(chunk);
    }
}

void NullDynoDriver::makeExit(const std::string &name, int exitCode)
{
    if (Run *r = latest(name); r && r->running)
        end(r->handle, exitCode, false);
}

void NullDynoDriver::makeCrash(const std::string &name)
{
    if (Run *r = latest(name); r && r->running)
        end(r->handle, 0, true);
}

void NullDynoDriver::makeUse(const std::string &name, int64_t memoryBytes)
{
    if (Run *r = latest(name))
        r->memoryBytes = memoryBytes;
}

void NullDynoDriver::end(DynoHandle run, int exitCode, bool signalled)
{
    Run *r = find(run);
    if (!r)
        return;
    r->running = r->bound = false;
    const auto exited = r->events.exited;
    exited(exitCode, signalled);
}

void NullDynoDriver::signal(DynoHandle run, int signal)
{
    Run *r = find(run);
    if (!r)
        return;
    r->sent.push_back(signal);
    const bool ends = signal == SIGKILL || (signal == SIGTERM && obeysTerm);
    if (ends && (r->running || !r->started))
        QTimer::singleShot(0, this, [this, run] {
            if (Run *r = find(run); r && (r->running || !r->started))
                end(run, 0, true);
        });
}

bool NullDynoDriver::running(DynoHandle run) const
{
    const Run *r = find(run);
    return r && r->running;
}

bool NullDynoDriver::listening(DynoHandle run, int) const
{
    const Run *r = find(run);
    return r && r->bound;
}

void NullDynoDriver::stop(DynoHandle run)
{
    if (Run *r = find(run)) {
        r->stopped = true;
        r->running = r->bound = false;
        if (r->launch.terminal >= 0)
            ::close(r->launch.terminal); // kept open for the test to see until then
    }
}

void NullDynoDriver::stopAll(std::chrono::milliseconds)
{
    stopAllCalled = true;
    for (Run &r : m_runs)
        if (!r.stopped)
            stop(r.handle);
}

std::map<DynoHandle, DynoStats> NullDynoDriver::stats() const
{
    std::map<DynoHandle, DynoStats> out;
    for (const Run &r : m_runs)
        if (!r.stopped && r.running && r.memoryBytes > 0)
            out[r.handle].memoryBytes = r.memoryBytes;
    return out;
}

} // namespace dynodesk::dynos
