#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dynodesk::core {

// One web dyno as the router sees it. Only `up` dynos take requests; the others are listed so
// the router can tell H10 (all crashed) and H20 (still starting) from H14 (none).
struct RouteDyno final {
    std::string name; // web.1
    std::string host; // 127.0.0.1
    int port = 0;
    std::string state; // starting, up, crashed, down, idle
};

// One app as the router sees it.
struct RouteApp final {
    std::string id, name;
    bool maintenance = false;
    std::string maintenancePageUrl, errorPageUrl; // MAINTENANCE_PAGE_URL / ERROR_PAGE_URL
    std::vector<RouteDyno> webDynos;
    std::vector<std::string> domains; // custom domains, lower case; `*.example.test` is a wildcard
    // When the router last gave the app a request (`steadyMs()`), which idling goes by. Shared
    // with the dynos' side and kept across snapshots; null when nobody watches.
    std::shared_ptr<std::atomic<int64_t>> lastRequestMs;
};

// Milliseconds on the steady clock: the router and the dynos' side compare them.
inline int64_t steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

// An immutable picture of every app the router can reach. A new one is published on every
// change; the router never sees a half-made table (DESIGN rule 2).
struct RouteSnapshot final {
    std::vector<std::shared_ptr<const RouteApp>> apps;
    std::unordered_map<std::string, std::shared_ptr<const RouteApp>> byHost; // exact, lower case
    std::vector<std::pair<std::string, std::shared_ptr<const RouteApp>>> wildcards; // ".example.test"
    uint64_t generation = 0;

    // `<app>.localhost` and every custom domain; wildcards (`*.example.test`) match one label or
    // more in front of the suffix. The host may carry a port, and is matched case-blind.
    const RouteApp *find(std::string_view host) const
    {
        thread_local std::string h; // keeps its capacity: no allocation per request
        h.assign(host.substr(0, host.find(':')));
        for (char &c : h)
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (!h.empty() && h.back() == '.')
            h.pop_back();
        if (auto it = byHost.find(h); it != byHost.end())
            return it->second.get();
        const RouteApp *best = nullptr;
        size_t bestLength = 0;
        for (const auto &[suffix, app] : wildcards)
            if (h.size() > suffix.size() && h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0
                && suffix.size() > bestLength) {
                best = app.get();
                bestLength = suffix.size();
            }
        return best;
    }

    // Builds the host index from `apps`; `suffix` is what follows the app name (".localhost").
    static std::shared_ptr<const RouteSnapshot> make(std::vector<std::shared_ptr<const RouteApp>> apps,
                                                     const std::string &suffix, uint64_t generation)
    {
        auto s = std::make_shared<RouteSnapshot>();
        s->generation = generation;
        for (const auto &app : apps) {
            s->byHost[app->name + suffix] = app;
            for (const std::string &d : app->domains) {
                if (d.rfind("*.", 0) == 0)
                    s->wildcards.emplace_back(d.substr(1), app);
                else
                    s->byHost[d] = app;
            }
        }
        s->apps = std::move(apps);
        return s;
    }
};

// Where the core publishes snapshots and the router's threads read them. Publishing takes a
// mutex; reading goes through a Reader, which keeps its own copy and only looks at the shared
// one (under the mutex) when the generation has moved, so the hot path takes no lock.
class RouteTable final {
public:
    void publish(std::shared_ptr<const RouteSnapshot> snapshot)
    {
        std::lock_guard lock(m_mutex);
        m_current = std::move(snapshot);
        m_generation.fetch_add(1, std::memory_order_release);
    }

    std::shared_ptr<const RouteSnapshot> current() const
    {
        std::lock_guard lock(m_mutex);
        return m_current;
    }

    // One per router thread (or connection); not shared between threads.
    class Reader final {
    public:
        explicit Reader(const RouteTable &table) : m_table(table) {}
        const RouteSnapshot *get()
        {
            const uint64_t now = m_table.m_generation.load(std::memory_order_acquire);
            if (!m_snapshot || now != m_seen) {
                m_snapshot = m_table.current();
                m_seen = now;
            }
            return m_snapshot.get();
        }

    private:
        const RouteTable &m_table;
        std::shared_ptr<const RouteSnapshot> m_snapshot;
        uint64_t m_seen = 0;
    };

private:
    mutable std::mutex m_mutex;
    std::shared_ptr<const RouteSnapshot> m_current = std::make_shared<RouteSnapshot>();
    std::atomic<uint64_t> m_generation{1};
};

} // namespace dynodesk::core
