#pragma once

#include <QByteArray>
#include <QList>

#include <functional>

#include <sys/types.h>

class QProcess;

namespace dynodesk::core {

// What a process the emulator starts inherits: its stdin, stdout and stderr, nothing else.
//
// Asio opens sockets without close-on-exec, so without this every dyno, buildpack, git and
// PostgreSQL server would hold the emulator's own descriptors: the router's and the
// rendezvous' listening sockets and the connections open at that moment. A dyno that outlives
// the emulator by a moment then keeps the port, and the emulator started again on it fails
// with "Address already in use"; a connection the router closes stays open for the client
// while a process holds a copy.

// Marks every descriptor above stderr close-on-exec. Only for a child between fork and exec:
// it makes no allocation and takes no lock.
void inheritOnlyStdio() noexcept;

// Sets `process` to call inheritOnlyStdio() in its child. A process that needs its own child
// modifier calls inheritOnlyStdio() at its end instead.
void inheritOnlyStdio(QProcess &process);

// Calls `visit` for every process of the machine with the fields of its /proc/<pid>/stat that
// follow the command (state, ppid, pgrp, ...: field N of proc(5) at index N - 3), until it
// returns false.
void forEachProcessStat(const std::function<bool(const QList<QByteArray> &fields)> &visit);
// The same, with each process's pid.
void forEachProcessStat(const std::function<bool(pid_t pid, const QList<QByteArray> &fields)> &visit);

// Whether a process of this process group still runs. A zombie does not count: it holds no
// descriptor and no memory any more, and nobody may be there to reap it.
bool groupRunning(pid_t group);

} // namespace dynodesk::core
