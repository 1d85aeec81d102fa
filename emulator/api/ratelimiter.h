#pragma once

#include "core/clock.h"

#include <string>
#include <unordered_map>

namespace dynodesk::api {

// The platform's per-account token bucket: `capacity` requests, refilled continuously at
// `capacity` per hour. Used from one thread (the core).
class RateLimiter final {
public:
    RateLimiter(const core::IClock &clock, double capacityPerHour);

    // Takes one token for the account. False when the bucket is empty.
    bool take(const std::string &account);
    // Whole tokens left for the account.
    long remaining(const std::string &account);

private:
    struct Bucket {
        double tokens;
        core::TimePoint updated;
    };
    Bucket &refill(const std::string &account);

    const core::IClock &m_clock;
    double m_capacity;
    std::unordered_map<std::string, Bucket> m_buckets;
};

} // namespace dynodesk::api
