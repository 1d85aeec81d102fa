#pragma once

#include "core/clock.h"
#include "core/ilogsink.h"

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace dynodesk::logs {

struct LogLine final {
    core::TimePoint time;
    std::string source, process, message;
    // `2013-11-21T14:26:23.677020+00:00 app[web.1]: message`
    std::string format() const;
};

// Which lines a reader wants: a source (`app`, `heroku`) and a dyno (`web.1`) or process type (`web`).
struct LogFilter final {
    std::string source, dyno;
    bool matches(const LogLine &line) const;
};

struct LogSession final {
    std::string appId;
    LogFilter filter;
    int lines = 100;
    bool tail = false;
    core::TimePoint created;
};

// The emulator's Logplex: every app's last lines, live readers, and log sessions. Thread-safe:
// the core, the dynos and the I/O threads all use it. Writers never wait on readers.
class Logplex final : public core::ILogSink {
public:
    static constexpr size_t kBufferLines = 1500;
    static constexpr size_t kMaxLineBytes = 10000;
    // Lines a tailing reader may have waiting before lines are dropped for it (L11).
    static constexpr size_t kTailBufferLines = 20000;

    explicit Logplex(const core::IClock &clock);

    void append(const std::string &appId, const std::string &source, const std::string &process,
                const std::string &message) override;
    void appendLines(const std::string &appId, const std::string &source, const std::string &process,
                     const std::vector<std::string> &messages) override;
    std::vector<LogLine> recent(const std::string &appId, const LogFilter &filter, size_t count) const;

    using Reader = std::function<void(const LogLine &)>;
    int subscribe(const std::string &appId, LogFilter filter, Reader reader);
    void unsubscribe(int id);
    void forget(const std::string &appId);

    // A session is used once, within 5 minutes of being made.
    std::string createSession(LogSession session);
    std::optional<LogSession> takeSession(const std::string &id);

private:
    struct Subscriber {
        int id;
        std::string appId;
        LogFilter filter;
        Reader reader;
    };
    const core::IClock &m_clock;
    mutable std::mutex m_mutex;
    std::map<std::string, std::deque<LogLine>> m_buffers;
    std::vector<Subscriber> m_subscribers;
    std::map<std::string, LogSession> m_sessions;
    int m_nextId = 1;
};

} // namespace dynodesk::logs
