#pragma once

#include "logplex.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dynodesk::logs {

// Where one drain sends an app's lines. The platform checked the URL; the parts come parsed.
struct DrainTarget final {
    enum class Kind { Syslog, Http };
    std::string id, appId, token, url;
    Kind kind = Kind::Syslog;
    bool tls = false;
    std::string host;
    uint16_t port = 0;
    std::string target = "/";   // HTTP drains: path and query
    std::string authorization; // HTTP drains: `Basic …` from the URL's user info, or empty
};

struct DrainSettings final {
    // Lines a drain may have waiting; beyond that lines are dropped and an L10 line says so.
    size_t bufferLines = 10000;
    // Lines per HTTP POST (the `Logplex-Msg-Count` of one batch) and per syslog write.
    size_t batchLines = 500;
    int connectTimeoutMs = 5000;
    int sendTimeoutMs = 30000;
    int maxBackoffMs = 30000;
};

// One syslog frame as Logplex writes it, octet-counted (RFC 6587) around an RFC 5424 message:
// `83 <190>1 2026-11-23T10:00:00.123456+00:00 d.7a3c… app web.1 - listening on 5000`.
std::string syslogFrame(const LogLine &line, const std::string &token);

// Forwards every line of an app to its drains: syslog over TCP or TLS, or HTTP(S) POSTs of
// `application/logplex-1` batches. Each drain has its own bounded queue and its own connection,
// served on one I/O thread of its own, so a slow or dead drain never holds up the writers of
// log lines or the other drains: its queue fills, lines are dropped, and once it takes lines
// again `heroku[logplex]: Error L10 (output buffer overflow)` tells the app how many were lost.
// Connection failures are retried with backoff, keeping the queued lines.
class DrainForwarder final {
public:
    DrainForwarder(Logplex &logplex, DrainSettings settings = {});
    ~DrainForwarder();
    DrainForwarder(const DrainForwarder &) = delete;
    DrainForwarder &operator=(const DrainForwarder &) = delete;

    // Replaces the drains of one app: new ones start, removed ones stop (their queued lines are
    // dropped with them), unchanged ones keep their queue and connection.
    void setDrains(const std::string &appId, const std::vector<DrainTarget> &drains);
    void stop();

    struct State;

private:
    std::shared_ptr<State> m_state;
};

} // namespace dynodesk::logs
