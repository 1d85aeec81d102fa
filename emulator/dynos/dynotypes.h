#pragma once

#include "core/clock.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace dynodesk::dynos {

// What should run for one app: the current release and its formation.
struct DesiredApp final {
    std::string appId, appName;
    std::string releaseId;
    int64_t releaseVersion = 0;
    std::string slugPath; // empty: nothing released, so nothing runs
    std::map<std::string, std::string> config;
    struct Process {
        std::string type, command, size;
        int quantity = 0;
        int memoryMb = 512; // the size's memory quota
    };
    std::vector<Process> formation;
    bool runtimeMetrics = false; // the labs feature `log-runtime-metrics`
    bool idling = false;         // the labs feature `idling`: an eco app's only web dyno may sleep
};

// A one-off dyno to run (`heroku run`, `heroku run:detached`).
struct OneOffRequest final {
    std::string command, size;
    int memoryMb = 512;
    std::map<std::string, std::string> env; // added to the release's config vars
    bool attach = false;                    // attached through the rendezvous, else output to the logs
    bool tty = true;                        // attached on a terminal, else on a plain socket
};

// The dyno's end of an attached one-off's terminal, for the rendezvous to carry.
struct Terminal final {
    int fd = -1; // owned by the receiver; -1: no dyno waits for that secret
    bool tty = true;
};

// A dyno as the API shows it.
struct DynoInfo final {
    std::string id, appId, name, type, command, size, state, releaseId;
    int64_t releaseVersion = 0;
    core::TimePoint createdAt, updatedAt;
    int port = 0;
    bool oneOff = false;
};

struct SupervisorSettings final {
    std::string dynosDir; // where each dyno's copy of the slug is expanded
    std::chrono::milliseconds bootTimeout{60000};
    std::chrono::milliseconds stopGrace{30000};
    std::chrono::milliseconds crashCooldownCap{20 * 60 * 1000};
    std::chrono::milliseconds attachTimeout{60000};        // an attached one-off's client (R13)
    std::chrono::milliseconds cycle{24LL * 60 * 60 * 1000}; // daily cycling
    std::chrono::milliseconds memorySample{5000};           // R14/R15
    std::chrono::milliseconds metricsPeriod{20000};         // log-runtime-metrics
    std::chrono::milliseconds idleAfter{30 * 60 * 1000};    // idling: how long without requests
};

} // namespace dynodesk::dynos
