#include "logplex.h"

#include "core/ids.h"

namespace dynodesk::logs {

std::string LogLine::format() const
{
    return core::formatLogTimestamp(time) + " " + source + "[" + process + "]: " + message;
}

bool LogFilter::matches(const LogLine &line) const
{
    if (!source.empty() && line.source != source)
        return false;
    if (dyno.empty())
        return true;
    if (dyno.find('.') != std::string::npos)
        return line.process == dyno;
    return line.process == dyno || line.process.rfind(dyno + ".", 0) == 0;
}

Logplex::Logplex(const core::IClock &clock) : m_clock(clock) {}

void Logplex::append(const std::string &appId, const std::string &source, const std::string &process,
                     const std::string &message)
{
    if (message.size() > kMaxLineBytes)
        return appendLines(appId, source, process, {message});
    // One line (the router writes one per request). Once an app's buffer is full, the line goes
    // into the storage of the oldest, which it pushes out: no allocation, but a copy for readers.
    const auto now = m_clock.now();
    std::optional<LogLine> forReaders;
    std::vector<std::pair<Reader, LogFilter>> readers;
    {
        std::lock_guard lock(m_mutex);
        auto &buffer = m_buffers[appId];
        if (buffer.size() >= kBufferLines) {
            LogLine oldest = std::move(buffer.front());
            buffer.pop_front();
            buffer.push_back(std::move(oldest));
        } else {
            buffer.emplace_back();
        }
        LogLine &line = buffer.back();
        line.time = now;
        line.source.assign(source);
        line.process.assign(process);
        line.message.assign(message);
        for (const auto &s : m_subscribers)
            if (s.appId == appId && s.filter.matches(line))
                readers.emplace_back(s.reader, s.filter);
        if (!readers.empty())
            forReaders = line;
    }
    // Outside the lock: a reader may unsubscribe (its client went away) while it is called.
    for (const auto &[reader, filter] : readers)
        reader(*forReaders);
}

void Logplex::appendLines(const std::string &appId, const std::string &source, const std::string &process,
                          const std::vector<std::string> &messages)
{
    // A line over the limit becomes several.
    std::vector<LogLine> lines;
    lines.reserve(messages.size());
    const auto now = m_clock.now();
    for (const auto &message : messages) {
        for (size_t pos = 0; pos < message.size() || pos == 0; pos += kMaxLineBytes) {
            lines.push_back({now, source, process, message.substr(pos, kMaxLineBytes)});
            if (message.empty())
                break;
        }
    }
    std::vector<std::pair<Reader, LogFilter>> readers;
    {
        std::lock_guard lock(m_mutex);
        auto &buffer = m_buffers[appId];
        for (const auto &line : lines)
            buffer.push_back(line);
        while (buffer.size() > kBufferLines)
            buffer.pop_front();
        for (const auto &s : m_subscribers)
            if (s.appId == appId)
                readers.emplace_back(s.reader, s.filter);
    }
    // Outside the lock: a reader may unsubscribe (its client went away) while it is called.
    for (const auto &[reader, filter] : readers)
        for (const auto &line : lines)
            if (filter.matches(line))
                reader(line);
}

std::vector<LogLine> Logplex::recent(const std::string &appId, const LogFilter &filter, size_t count) const
{
    std::lock_guard lock(m_mutex);
    std::vector<LogLine> out;
    auto it = m_buffers.find(appId);
    if (it == m_buffers.end())
        return out;
    for (auto line = it->second.rbegin(); line != it->second.rend() && out.size() < count; ++line)
        if (filter.matches(*line))
            out.push_back(*line);
    return {out.rbegin(), out.rend()};
}

int Logplex::subscribe(const std::string &appId, LogFilter filter, Reader reader)
{
    std::lock_guard lock(m_mutex);
    const int id = m_nextId++;
    m_subscribers.push_back({id, appId, std::move(filter), std::move(reader)});
    return id;
}

void Logplex::unsubscribe(int id)
{
    std::lock_guard lock(m_mutex);
    std::erase_if(m_subscribers, [id](const Subscriber &s) { return s.id == id; });
}

void Logplex::forget(const std::string &appId)
{
    std::lock_guard lock(m_mutex);
    m_buffers.erase(appId);
}

std::string Logplex::createSession(LogSession session)
{
    std::lock_guard lock(m_mutex);
    const auto now = m_clock.now();
    std::erase_if(m_sessions, [&](const auto &kv) { return now - kv.second.created > std::chrono::minutes(5); });
    session.created = now;
    const std::string id = core::newId();
    m_sessions.emplace(id, std::move(session));
    return id;
}

std::optional<LogSession> Logplex::takeSession(const std::string &id)
{
    std::lock_guard lock(m_mutex);
    auto it = m_sessions.find(id);
    if (it == m_sessions.end() || m_clock.now() - it->second.created > std::chrono::minutes(5))
        return std::nullopt;
    LogSession s = std::move(it->second);
    m_sessions.erase(it);
    return s;
}

} // namespace dynodesk::logs
