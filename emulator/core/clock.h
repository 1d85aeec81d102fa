#pragma once

#include <chrono>
#include <string>

namespace dynodesk::core {

using TimePoint = std::chrono::system_clock::time_point;

// The outside world's time, injected so tests can move it.
class IClock {
public:
    virtual ~IClock() = default;
    virtual TimePoint now() const = 0;
};

class SystemClock final : public IClock {
public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// `2012-01-01T12:00:00Z`, the Platform API's timestamp form.
std::string formatTimestamp(TimePoint t);
// `2013-11-21T14:26:23.677020+00:00`, the log line's timestamp form.
std::string formatLogTimestamp(TimePoint t);

} // namespace dynodesk::core
