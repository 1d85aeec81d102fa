#pragma once

#include <QByteArray>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace dynodesk::dynos {

// One run of a dyno's command, as the driver knows it; 0 is no run.
using DynoHandle = uint64_t;

// What one run of a dyno needs. The driver decides how the process starts and where the copy
// of the slug lives (it sets HOME to it).
struct DynoLaunch final {
    std::string dynoId, name; // the dyno's id (unique) and name (`web.1`)
    std::string appId;        // whose dyno: a sandbox runs each app's processes as a user of their own
    std::string command;      // run by `/bin/sh -c` after the app's `.profile.d/*.sh`
    std::string slugPath;     // the release's slug, expanded into a fresh copy for this run
    std::map<std::string, std::string> env; // config vars, PORT, DYNO, PS1 and the base environment
    int64_t memoryLimitBytes = 0; // where the kernel stops the dyno (R15), if the driver can have it do so
    int terminal = -1; // an attached one-off's end of its terminal, its stdio; owned by the driver from here
    bool tty = true;   // the terminal is a pty: it becomes the controlling terminal
};

// What the driver tells of a run, on the thread that started it, never from inside start().
// After stop() (or stopAll()) nothing more comes.
struct DynoEvents final {
    std::function<void()> started;                           // the slug is in place and the process runs
    std::function<void(const std::string &error)> failed;    // the slug could not be put in place
    std::function<void(const QByteArray &chunk)> output;     // stdout and stderr, merged, as they come
    std::function<void(int exitCode, bool signalled)> exited; // the dyno's first process ended (its output read)
    std::function<void(int64_t peakBytes)> outOfMemory;       // the kernel stopped a process at the limit (before exited)
};

struct DynoStats final {
    int64_t memoryBytes = 0; // resident memory of every process of the dyno
    int64_t oomPeakBytes = 0; // the kernel stopped a process at the limit: the peak it reached (else 0)
};

// Runs dynos' processes (as Heroku's dyno manager hsup's DynoDriver): a plain process group
// or a sandbox per dyno (ProcessDynoDriver), nothing at all for unit tests (NullDynoDriver).
class IDynoDriver {
public:
    virtual ~IDynoDriver() = default;

    // Starts a run: puts a fresh copy of the slug in place (off the caller's thread), then
    // starts the command. Returns at once.
    virtual DynoHandle start(DynoLaunch launch, DynoEvents events) = 0;
    // Sends a signal to every process of the run. A run whose process has not started yet is
    // cancelled instead, and ends as if that signal had killed it.
    virtual void signal(DynoHandle run, int signal) = 0;
    // Whether any process of the run still runs.
    virtual bool running(DynoHandle run) const = 0;
    // Whether the run's process accepts connections on `port` (a web dyno's boot).
    virtual bool listening(DynoHandle run, int port) const = 0;
    // Ends the run for good: SIGKILL to what remains, its copy of the slug removed, no more
    // events. (Within stopAll(), what remains keeps the grace.)
    virtual void stop(DynoHandle run) = 0;
    // Every run with a process: SIGTERM, SIGKILL after the grace; returns when all have ended
    // and every run is stopped (for shutdown). Runs that end meanwhile still tell so.
    virtual void stopAll(std::chrono::milliseconds grace) = 0;
    // What every run with a process uses now, in one look.
    virtual std::map<DynoHandle, DynoStats> stats() const = 0;
    // How dynos are isolated here, in one line (`heroku ps --extended`'s execution plane).
    virtual std::string isolation() const = 0;
};

} // namespace dynodesk::dynos
