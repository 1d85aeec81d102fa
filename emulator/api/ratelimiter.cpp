#include "ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace dynodesk::api {

RateLimiter::RateLimiter(const core::IClock &clock, double capacityPerHour)
    : m_clock(clock), m_capacity(capacityPerHour)
{
}

RateLimiter::Bucket &RateLimiter::refill(const std::string &account)
{
    const auto now = m_clock.now();
    auto [it, fresh] = m_buckets.try_emplace(account, Bucket{m_capacity, now});
    if (!fresh) {
        const double hours = std::chrono::duration<double>(now - it->second.updated).count() / 3600.0;
        if (hours > 0)
            it->second.tokens = std::min(m_capacity, it->second.tokens + hours * m_capacity);
        it->second.updated = now;
    }
    return it->second;
}

bool RateLimiter::take(const std::string &account)
{
    Bucket &b = refill(account);
    if (b.tokens < 1.0)
        return false;
    b.tokens -= 1.0;
    return true;
}

long RateLimiter::remaining(const std::string &account)
{
    return static_cast<long>(std::floor(refill(account).tokens));
}

} // namespace dynodesk::api
