#pragma once

#include "conn.h"

#include "core/routetable.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace dynodesk::router::detail {

// Idle keep-alive connections to dynos, a few per dyno address. Each worker has its own, used
// only on the worker's thread, so it takes no lock. (take and give run for every request: they
// are defined in this header so that they inline into the proxy.)
class DynoPool final {
public:
    explicit DynoPool(size_t perDyno) : m_perDyno(perDyno) {}
    std::optional<Conn> take(const std::string &key);
    void give(const std::string &key, Conn stream);
    // Closes the idle connections to every dyno not in `keep` (`host:port` of the `up` dynos).
    void retain(const std::set<std::string> &keep);
    void clear();

private:
    size_t m_perDyno;
    std::map<std::string, std::vector<Conn>> m_idle;
};

inline std::optional<Conn> DynoPool::take(const std::string &key)
{
    auto it = m_idle.find(key);
    if (it == m_idle.end() || it->second.empty())
        return std::nullopt;
    Conn s = std::move(it->second.back());
    it->second.pop_back();
    return s;
}

inline void DynoPool::give(const std::string &key, Conn stream)
{
    stream.expiresNever(); // idle: no request of its own to time out
    auto &idle = m_idle[key];
    if (idle.size() < m_perDyno)
        idle.push_back(std::move(stream));
}

// The pool's key of a dyno: `host:port`.
inline std::string poolKey(const core::RouteDyno &dyno) { return dyno.host + ":" + std::to_string(dyno.port); }

struct RouterState;
struct Worker;

// Watches the route table and drops a worker's pooled connections to dynos that are no longer
// `up` in it.
Task<void> sweepPool(RouterState &st, Worker &worker);

} // namespace dynodesk::router::detail
