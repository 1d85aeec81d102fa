#include "memorycgroups.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace dynodesk::dynos {

namespace {

QByteArray readAll(const std::string &path)
{
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool write(const std::string &path, const QByteArray &value)
{
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::WriteOnly) && f.write(value) == value.size() && f.flush();
}

// `key value` lines (memory.events, memory.oom_control): the value of `key`, or -1.
int64_t field(const QByteArray &text, const QByteArray &key)
{
    for (const QByteArray &line : text.split('\n')) {
        const QList<QByteArray> kv = line.split(' ');
        if (kv.size() == 2 && kv[0] == key)
            return kv[1].toLongLong();
    }
    return -1;
}

} // namespace

MemoryCgroups::MemoryCgroups()
{
    const std::string name = "dynodesk-" + std::to_string(::getpid());
    // /proc/self/cgroup: `4:memory:/path` (v1) or `0::/path` (v2).
    std::string v1, v2;
    for (const QByteArray &line : readAll("/proc/self/cgroup").split('\n')) {
        const QList<QByteArray> parts = line.split(':');
        if (parts.size() < 3)
            continue;
        if (parts[1].split(',').contains("memory"))
            v1 = "/sys/fs/cgroup/memory" + parts[2].toStdString();
        else if (parts[0] == "0" && parts[1].isEmpty())
            v2 = "/sys/fs/cgroup" + parts[2].toStdString();
    }
    std::string base;
    if (!v1.empty() && QFile::exists(QString::fromStdString(v1 + "/memory.limit_in_bytes"))) {
        base = v1;
    } else if (!v2.empty() && readAll(v2 + "/cgroup.controllers").split(' ').contains("memory")) {
        base = v2;
        m_v2 = true;
    } else {
        m_reason = "this machine gives the emulator no memory cgroup";
        return;
    }
    const std::string root = base + "/" + name;
    if (!QDir().mkpath(QString::fromStdString(root))) {
        m_reason = "cannot make a memory cgroup under " + base;
        return;
    }
    // v2 gives a child the memory controller only when the parent hands it down.
    if (m_v2 && !write(root + "/cgroup.subtree_control", "+memory")) {
        m_reason = "the memory controller cannot be delegated under " + base;
        return;
    }
    m_root = root;
    // What emulators that died left (`dynodesk-<pid>` of a process that is gone), once empty.
    for (const QString &other : QDir(QString::fromStdString(base)).entryList({QStringLiteral("dynodesk-*")}, QDir::Dirs)) {
        bool numeric = false;
        const pid_t pid = other.mid(9).toInt(&numeric);
        if (!numeric || ::kill(pid, 0) == 0 || errno != ESRCH)
            continue;
        const std::string dir = base + "/" + other.toStdString();
        for (const QString &run : QDir(QString::fromStdString(dir)).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            remove(dir + "/" + run.toStdString());
        remove(dir);
    }
}

MemoryCgroups::~MemoryCgroups() { remove(m_root); }

std::string MemoryCgroups::create(const std::string &run, int64_t limitBytes) const
{
    if (m_root.empty())
        return {};
    const std::string group = m_root + "/" + run;
    if (!QDir().mkpath(QString::fromStdString(group)))
        return {};
    const QByteArray limit = QByteArray::number(static_cast<qlonglong>(limitBytes));
    const bool limited = m_v2 ? write(group + "/memory.max", limit) && write(group + "/memory.swap.max", "0")
                              : write(group + "/memory.limit_in_bytes", limit);
    if (!m_v2) // with swap accounting, swap counts too: the limit is the dyno's memory
        write(group + "/memory.memsw.limit_in_bytes", limit);
    if (!limited) {
        remove(group);
        return {};
    }
    return group;
}

int MemoryCgroups::openProcs(const std::string &group)
{
    return group.empty() ? -1 : ::open((group + "/cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC);
}

int64_t MemoryCgroups::oomKills(const std::string &group)
{
    if (group.empty())
        return 0;
    const int64_t v2 = field(readAll(group + "/memory.events"), "oom_kill");
    if (v2 >= 0)
        return v2;
    return std::max<int64_t>(0, field(readAll(group + "/memory.oom_control"), "oom_kill"));
}

int64_t MemoryCgroups::peakBytes(const std::string &group)
{
    for (const char *file : {"/memory.max_usage_in_bytes", "/memory.peak"}) {
        const QByteArray text = readAll(group + file).trimmed();
        if (!text.isEmpty())
            return text.toLongLong();
    }
    return 0;
}

bool MemoryCgroups::remove(const std::string &group) { return !group.empty() && ::rmdir(group.c_str()) == 0; }

} // namespace dynodesk::dynos
