#include "clock.h"

#include <ctime>
#include <cstdio>

namespace dynodesk::core {

static std::tm utcParts(TimePoint t)
{
    const std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm parts{};
    gmtime_r(&secs, &parts);
    return parts;
}

std::string formatTimestamp(TimePoint t)
{
    const std::tm p = utcParts(t);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", p.tm_year + 1900, p.tm_mon + 1,
                  p.tm_mday, p.tm_hour, p.tm_min, p.tm_sec);
    return buf;
}

std::string formatLogTimestamp(TimePoint t)
{
    const std::tm p = utcParts(t);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count()
            % 1000000;
    char buf[80];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lld+00:00", p.tm_year + 1900,
                  p.tm_mon + 1, p.tm_mday, p.tm_hour, p.tm_min, p.tm_sec, static_cast<long long>(micros));
    return buf;
}

} // namespace dynodesk::core
