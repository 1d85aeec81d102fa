#pragma once

#include <cstdint>
#include <string>

namespace dynodesk::dynos {

// Kernel memory limits for dynos: a memory cgroup per run under the emulator's own (cgroup v1's
// memory hierarchy or the unified v2 one), limited at the R15 threshold so that the kernel stops
// a dyno that outgrows it even between two samples of the memory watch. Where the cgroup cannot
// be made (no memory controller, no write access), `available()` is false and `reason()` says
// why; dynos then run without a kernel limit, as before.
class MemoryCgroups final {
public:
    // Finds this process's memory cgroup and makes `<it>/dynodesk-<our pid>` to hold the runs
    // (removed, once empty, when this goes; a dead emulator's by the next one).
    MemoryCgroups();
    ~MemoryCgroups();
    MemoryCgroups(const MemoryCgroups &) = delete;
    MemoryCgroups &operator=(const MemoryCgroups &) = delete;

    bool available() const { return !m_root.empty(); }
    const std::string &reason() const { return m_reason; }

    // A group for one run with its limit; empty when it cannot be made.
    std::string create(const std::string &run, int64_t limitBytes) const;
    // An open descriptor of the group's process list: the child writes "0" to it to join.
    static int openProcs(const std::string &group);
    // How many times the kernel's OOM killer struck in the group, and its peak usage.
    static int64_t oomKills(const std::string &group);
    static int64_t peakBytes(const std::string &group);
    // Removes an emptied group; false while a process is left in it.
    static bool remove(const std::string &group);

private:
    std::string m_root, m_reason;
    bool m_v2 = false;
};

} // namespace dynodesk::dynos
