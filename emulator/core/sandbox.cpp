#include "sandbox.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <grp.h>
#include <unistd.h>

namespace dynodesk::core {

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

// Unprivileged users of apps: 2^24 uids from 0x60000000, far above login users (1000+),
// subordinate id ranges (100000+, 65536 each) and nobody (65534).
constexpr uid_t kFirstAppUser = 0x60000000;
constexpr uint32_t kAppUsers = 1U << 24;

uint32_t fnv1a(const std::string &s)
{
    uint32_t h = 2166136261U;
    for (const unsigned char c : s)
        h = (h ^ c) * 16777619U;
    return h;
}

// The top-level dirs of the system a process needs (merged /usr: /bin is a link to usr/bin).
void systemMounts(QStringList &args)
{
    args << QStringLiteral("--ro-bind") << QStringLiteral("/usr") << QStringLiteral("/usr");
    for (const char *dir : {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
        const QFileInfo info(QString::fromLatin1(dir));
        if (info.isSymLink())
            args << QStringLiteral("--symlink") << info.symLinkTarget() << info.filePath();
        else if (info.isDir())
            args << QStringLiteral("--ro-bind") << info.filePath() << info.filePath();
    }
    args << QStringLiteral("--ro-bind") << QStringLiteral("/etc") << QStringLiteral("/etc");
    args << QStringLiteral("--ro-bind-try") << QStringLiteral("/opt") << QStringLiteral("/opt");
    args << QStringLiteral("--proc") << QStringLiteral("/proc") << QStringLiteral("--dev") << QStringLiteral("/dev");
    args << QStringLiteral("--perms") << QStringLiteral("1777") << QStringLiteral("--tmpfs") << QStringLiteral("/tmp");
}

} // namespace

Sandbox Sandbox::disabled(std::string reason)
{
    Sandbox s;
    s.m_reason = std::move(reason);
    return s;
}

Sandbox Sandbox::detect(const std::string &bwrap)
{
    const QString found = QFileInfo(q(bwrap)).isAbsolute()
            ? (QFileInfo(q(bwrap)).isExecutable() ? q(bwrap) : QString())
            : QStandardPaths::findExecutable(q(bwrap));
    if (found.isEmpty())
        return disabled("bubblewrap (" + bwrap + ") is not installed; the Debian package is bubblewrap");
    Sandbox s;
    s.m_enabled = true;
    s.m_bwrap = found.toStdString();
    s.m_root = ::geteuid() == 0;
    if (s.m_root && QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
        return disabled("setpriv (util-linux) is not installed: dynos cannot run as a user of their own");
    // A trial run with every flag a dyno gets.
    QProcess trial;
    trial.setProcessChannelMode(QProcess::MergedChannels);
    SandboxSpec spec;
    spec.workDir = "/tmp";
    spec.hostname = "probe";
    spec.user = s.userFor("probe");
    trial.start(s.program(), s.arguments(spec, {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                                QStringLiteral("echo probe > /tmp/probe && cat /tmp/probe")}));
    const bool finished = trial.waitForFinished(15000);
    const QString said = QString::fromUtf8(trial.readAll()).trimmed();
    if (!finished || trial.exitStatus() != QProcess::NormalExit || trial.exitCode() != 0 || said != QStringLiteral("probe")) {
        trial.kill();
        trial.waitForFinished(1000);
        return disabled("bubblewrap cannot make a sandbox here: "
                        + (said.isEmpty() ? trial.errorString() : said.section(QLatin1Char('\n'), 0, 0)).toStdString());
    }
    return s;
}

std::string Sandbox::describe() const
{
    if (!m_enabled)
        return "not sandboxed: " + m_reason;
    return m_root ? "sandboxed (bubblewrap: own mount, PID, IPC and UTS namespaces; a user of its own per app)"
                  : "sandboxed (bubblewrap: own user, mount, PID, IPC and UTS namespaces)";
}

uid_t Sandbox::userFor(const std::string &appId) const
{
    if (!m_enabled || !m_root)
        return 0;
    return kFirstAppUser + fnv1a(appId) % kAppUsers;
}

QString Sandbox::program() const { return q(m_bwrap); }

QStringList Sandbox::arguments(const SandboxSpec &spec, const QStringList &command) const
{
    QStringList args{QStringLiteral("--die-with-parent"), QStringLiteral("--unshare-pid"), QStringLiteral("--unshare-ipc"),
                     QStringLiteral("--unshare-uts"), QStringLiteral("--unshare-cgroup-try")};
    if (!m_root)
        args << QStringLiteral("--unshare-user");
    systemMounts(args);
    // The dirs that hold the mount points: readable by the sandbox's user (bubblewrap would
    // make them 0700 as the root it runs as).
    QStringList made{QStringLiteral("/"), QStringLiteral("/tmp")};
    for (const auto &m : spec.mounts) {
        const QStringList parts = q(m.target).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        QString dir;
        for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
            dir += QLatin1Char('/') + parts[i];
            if (!made.contains(dir)) {
                made << dir;
                args << QStringLiteral("--perms") << QStringLiteral("0755") << QStringLiteral("--dir") << dir;
            }
        }
    }
    for (const auto &m : spec.mounts)
        args << (m.writable ? QStringLiteral("--bind") : QStringLiteral("--ro-bind")) << q(m.source) << q(m.target);
    if (!spec.workDir.empty())
        args << QStringLiteral("--chdir") << q(spec.workDir);
    if (!spec.hostname.empty())
        args << QStringLiteral("--hostname") << q(spec.hostname);
    for (const auto &name : spec.hiddenEnv)
        args << QStringLiteral("--unsetenv") << q(name);
    args << QStringLiteral("--");
    if (m_root && spec.user != 0) {
        const QString id = QString::number(spec.user);
        args << QStringLiteral("setpriv") << QStringLiteral("--reuid") << id << QStringLiteral("--regid") << id
             << QStringLiteral("--clear-groups") << QStringLiteral("--inh-caps=-all") << QStringLiteral("--bounding-set=-all")
             << QStringLiteral("--");
    }
    return args + command;
}

bool Sandbox::becomeUser(uid_t user) noexcept
{
    return ::setgroups(0, nullptr) == 0 && ::setgid(user) == 0 && ::setuid(user) == 0;
}

} // namespace dynodesk::core
