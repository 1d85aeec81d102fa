#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace dynodesk::build {

// The output of one build, line by line, as it happens: kept in full (and written to a file)
// and handed to every subscriber, who first gets what came before. Thread-safe.
class BuildOutput final {
public:
    using LineSink = std::function<void(const std::string &line)>;
    using EndSink = std::function<void(int exitCode)>;

    explicit BuildOutput(std::string logPath);
    // The output of a build that ended in an earlier run, read back from its file.
    static std::shared_ptr<BuildOutput> finishedFromFile(const std::string &logPath, int exitCode);

    void append(const std::string &line);
    // Ends the output: 0 when the build (and release) succeeded.
    void finish(int exitCode);
    bool finished() const;

    // Replays what came so far, then follows; `onEnd` runs once when the output ends. Returns an
    // id for unsubscribe.
    int subscribe(LineSink onLine, EndSink onEnd);
    void unsubscribe(int id);
    std::vector<std::string> lines() const;

private:
    struct Subscriber {
        int id;
        LineSink onLine;
        EndSink onEnd;
    };
    mutable std::mutex m_mutex;
    std::string m_logPath;
    std::vector<std::string> m_lines;
    std::vector<Subscriber> m_subscribers;
    std::optional<int> m_exitCode;
    int m_nextId = 1;
};

} // namespace dynodesk::build
