#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace dynodesk::core {

// What an emulator instance is told at start: where its data lives and where it listens.
// Port 0 lets the kernel choose a free port.
struct Settings final {
    std::string dataDir;
    std::string host = "127.0.0.1";
    uint16_t apiPort = 0;
    uint16_t routerPort = 0;
    int apiThreads = 1;
    // The Platform API's per-account token bucket: requests per hour (the platform's 4,500).
    double rateLimitPerHour = 4500;
    // Request bodies above this size get 413.
    size_t maxBodyBytes = 1024 * 1024;
    // The platform's limit on the size of all of an app's config vars.
    size_t maxConfigBytes = 32 * 1024;
    std::string stackName = "heroku-24";
    // Deploys: the build timeout, the built-in buildpacks and the git hook binary (empty: found
    // beside the running binary, or in the build tree).
    int buildTimeoutSeconds = 15 * 60;
    // Builds from file:// source URLs read only files under the account's own
    // `<data dir>/sources/<account id>/` or under one of these directories (`--allow-source-path`).
    std::vector<std::string> allowedSourcePaths;
    std::string builtinBuildpacksDir;
    std::string gitHookBinary;
    // Dynos: how long a web dyno has to bind $PORT (R10), and to exit after SIGTERM (R12).
    int bootTimeoutSeconds = 60;
    int stopGraceSeconds = 30;
    int crashCooldownCapSeconds = 20 * 60;
    // The sandbox of dynos and builds: bubblewrap's program (a name on PATH or a path), or `off`
    // for plain processes. Where it cannot be had, processes run plain and the server says why.
    std::string sandbox = "bwrap";
    // The most dynos one process type may be scaled to.
    int maxQuantityPerType = 100;
    // Daily cycling: every dyno is restarted this long after it started (the platform: 24 h).
    int cycleSeconds = 24 * 60 * 60;
    // How often each dyno's memory is sampled (R14/R15), and the `log-runtime-metrics` period.
    int memorySampleMilliseconds = 5000;
    int runtimeMetricsSeconds = 20;
    // Idling (apps with the labs feature `idling` and one eco web dyno): how long without
    // requests before the dyno sleeps. The platform: 30 minutes.
    int idleAfterMilliseconds = 30 * 60 * 1000;
    // One-off dynos: the TLS rendezvous port (0: a free one), and how long a dyno waits for its
    // client before R13.
    uint16_t rendezvousPort = 0;
    int attachTimeoutSeconds = 60;
    // Router: I/O threads and the platform's timeouts in milliseconds (connect H19, first byte
    // H12, rolling window H15/H28, waiting for a starting dyno H20). The router shares the
    // machine with the dynos it routes to and their clients: half the cores, one at least. On a
    // 2-core machine one thread carries more requests than two (docs/benchmarks.md).
    int routerThreads = std::max(1, static_cast<int>(std::thread::hardware_concurrency() / 2));
    int routerConnectTimeoutMs = 5000;
    int routerResponseTimeoutMs = 30000;
    int routerIdleTimeoutMs = 55000;
    int routerBootWaitMs = 75000;
    // Log drains: the lines one drain may have waiting before lines are dropped (L10), and the
    // lines per HTTPS POST.
    size_t drainBufferLines = 10000;
    size_t drainBatchLines = 500;
    // PBKDF2-SHA256 rounds for account passwords.
    int passwordHashIterations = 100000;
};

// The user's data dir for the emulator (`$XDG_DATA_HOME/dynodesk/emulator` or its fallback).
std::string defaultDataDir();

} // namespace dynodesk::core
