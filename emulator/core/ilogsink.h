#pragma once

#include <string>
#include <vector>

namespace dynodesk::core {

// Where components write log lines for an app, in the platform's terms: the source (`app`,
// `heroku`) and the process (`api`, `router`, `web.1`). Implemented by logs/.
class ILogSink {
public:
    virtual ~ILogSink() = default;
    virtual void append(const std::string &appId, const std::string &source, const std::string &process,
                        const std::string &message) = 0;
    // Several lines of one process at once (a dyno's output as it is read).
    virtual void appendLines(const std::string &appId, const std::string &source, const std::string &process,
                             const std::vector<std::string> &messages)
    {
        for (const auto &m : messages)
            append(appId, source, process, m);
    }
};

} // namespace dynodesk::core
