#include "childprocess.h"

#include <QDir>
#include <QFile>
#include <QProcess>

#include <csignal>

#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace dynodesk::core {

void inheritOnlyStdio() noexcept
{
    // One call on Linux 5.11 and later; before that, one descriptor at a time. Marked rather
    // than closed: QProcess reports a failed exec through a descriptor of its own.
    if (::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
        return;
    const long max = ::sysconf(_SC_OPEN_MAX);
    for (int fd = 3; fd < (max > 0 && max < 65536 ? max : 65536); ++fd)
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
}

void inheritOnlyStdio(QProcess &process)
{
    process.setChildProcessModifier([] { inheritOnlyStdio(); });
}

void forEachProcessStat(const std::function<bool(const QList<QByteArray> &fields)> &visit)
{
    forEachProcessStat([&](pid_t, const QList<QByteArray> &fields) { return visit(fields); });
}

void forEachProcessStat(const std::function<bool(pid_t pid, const QList<QByteArray> &fields)> &visit)
{
    const QDir proc(QStringLiteral("/proc"));
    for (const QString &entry : proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        const pid_t pid = entry.toInt(&numeric);
        if (!numeric)
            continue;
        QFile stat(proc.filePath(entry + QStringLiteral("/stat")));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // pid (comm) state ppid pgrp ...: the command may hold spaces and parentheses.
        const QByteArray line = stat.readAll();
        if (!visit(pid, line.mid(line.lastIndexOf(')') + 2).split(' ')))
            return;
    }
}

bool groupRunning(pid_t group)
{
    if (group <= 0 || ::kill(-group, 0) != 0)
        return false;
    bool running = false;
    forEachProcessStat([&](const QList<QByteArray> &fields) {
        running = fields.size() > 2 && fields[2].toInt() == group && fields[0] != "Z";
        return !running;
    });
    return running;
}

} // namespace dynodesk::core
