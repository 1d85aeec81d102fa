#pragma once

#include "idynodriver.h"

#include <QObject>

#include <vector>

namespace dynodesk::dynos {

// A dyno driver that runs nothing, for unit tests: it records every call, and the test makes a
// run start, bind its port, print, exit, crash or use memory. Events come from the event loop,
// never from inside a call, as with a real driver.
class NullDynoDriver final : public QObject, public IDynoDriver {
    Q_OBJECT
public:
    struct Run {
        DynoHandle handle = 0;
        DynoLaunch launch;
        DynoEvents events;
        bool started = false, running = false, bound = false, stopped = false;
        int64_t memoryBytes = 0;
        std::vector<int> sent; // the signals sent to it, in order
    };

    // Whether a run starts by itself (as when its slug expanded), and whether its process
    // obeys SIGTERM (SIGKILL always ends it).
    bool autoStart = true;
    bool obeysTerm = true;
    bool stopAllCalled = false;

    DynoHandle start(DynoLaunch launch, DynoEvents events) override;
    void signal(DynoHandle run, int signal) override;
    bool running(DynoHandle run) const override;
    bool listening(DynoHandle run, int port) const override;
    void stop(DynoHandle run) override;
    void stopAll(std::chrono::milliseconds grace) override;
    std::map<DynoHandle, DynoStats> stats() const override;
    std::string isolation() const override { return "none (test driver)"; }

    // Every run so far, in order; the latest run of a dyno by name (nullptr: none).
    const std::vector<Run> &runs() const { return m_runs; }
    Run *latest(const std::string &name);

    // What the test makes a run do; each tells the supervisor at once.
    void makeStart(const std::string &name);
    void makeFail(const std::string &name, const std::string &error);
    void makeBind(const std::string &name);
    void makePrint(const std::string &name, const QByteArray &chunk);
    void makeExit(const std::string &name, int exitCode);
    void makeCrash(const std::string &name); // killed by a signal it was not sent
    void makeUse(const std::string &name, int64_t memoryBytes);

private:
    Run *find(DynoHandle run);
    const Run *find(DynoHandle run) const;
    void end(DynoHandle run, int exitCode, bool signalled);

    std::vector<Run> m_runs;
};

} // namespace dynodesk::dynos
