#include "buildoutput.h"

#include <fstream>

namespace dynodesk::build {

BuildOutput::BuildOutput(std::string logPath) : m_logPath(std::move(logPath)) {}

std::shared_ptr<BuildOutput> BuildOutput::finishedFromFile(const std::string &logPath, int exitCode)
{
    auto out = std::make_shared<BuildOutput>(std::string());
    std::ifstream in(logPath);
    std::string line;
    while (std::getline(in, line))
        out->m_lines.push_back(line);
    out->m_exitCode = exitCode;
    return out;
}

void BuildOutput::append(const std::string &line)
{
    std::vector<Subscriber> subscribers;
    {
        std::lock_guard lock(m_mutex);
        if (m_exitCode)
            return;
        m_lines.push_back(line);
        if (!m_logPath.empty()) {
            std::ofstream log(m_logPath, std::ios::app);
            log << line << '\n';
        }
        subscribers = m_subscribers;
    }
    for (const auto &s : subscribers)
        s.onLine(line);
}

void BuildOutput::finish(int exitCode)
{
    std::vector<Subscriber> subscribers;
    {
        std::lock_guard lock(m_mutex);
        if (m_exitCode)
            return;
        m_exitCode = exitCode;
        subscribers.swap(m_subscribers);
    }
    for (const auto &s : subscribers)
        s.onEnd(exitCode);
}

bool BuildOutput::finished() const
{
    std::lock_guard lock(m_mutex);
    return m_exitCode.has_value();
}

int BuildOutput::subscribe(LineSink onLine, EndSink onEnd)
{
    std::vector<std::string> past;
    std::optional<int> ended;
    int id = 0;
    {
        std::lock_guard lock(m_mutex);
        past = m_lines;
        ended = m_exitCode;
        id = m_nextId++;
        if (!ended)
            m_subscribers.push_back({id, onLine, onEnd});
        // Lines that arrive from here on go to the subscriber after `past`, in order: append()
        // takes the same lock to copy the subscriber list.
        for (const auto &line : past)
            onLine(line);
    }
    if (ended)
        onEnd(*ended);
    return id;
}

void BuildOutput::unsubscribe(int id)
{
    std::lock_guard lock(m_mutex);
    std::erase_if(m_subscribers, [id](const Subscriber &s) { return s.id == id; });
}

std::vector<std::string> BuildOutput::lines() const
{
    std::lock_guard lock(m_mutex);
    return m_lines;
}

} // namespace dynodesk::build
