#pragma once

#include <string>

namespace dynodesk::core {

// Where components write log lines for an app, in the platform's terms: the source (`app`,
// `heroku`) and the process (`api`, `router`, `web.1`). Implemented by logs/.
class ILogSink {
public:
    virtual ~ILogSink() = default;
    virtual void append(const std::string &appId, const std::string &source, const std::string &process,
                        const std::string &message) = 0;
};

} // namespace dynodesk::core
