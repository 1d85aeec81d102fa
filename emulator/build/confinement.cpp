#include "confinement.h"

#include "core/childprocess.h"

#include <QProcess>

namespace dynodesk::build {

Confinement::Confinement(core::Sandbox sandbox, uid_t user, std::string hostname) : m_sandbox(std::move(sandbox))
{
    m_spec.user = m_sandbox.enabled() ? user : 0;
    m_spec.hostname = std::move(hostname);
    m_spec.hiddenEnv = {"DYNODESK_BUILD_ID"};
}

std::string Confinement::expose(const std::string &hostDir, const std::string &inside, bool writable)
{
    if (!sandboxed())
        return hostDir;
    m_spec.mounts.push_back({hostDir, inside, writable});
    return inside;
}

bool Confinement::handOver(const std::string &hostDir, std::string *error) const
{
    if (m_spec.user == 0)
        return true;
    QProcess chown;
    core::inheritOnlyStdio(chown);
    const QString owner = QStringLiteral("%1:%1").arg(m_spec.user);
    chown.start(QStringLiteral("chown"), {QStringLiteral("-R"), owner, QString::fromStdString(hostDir)});
    const bool ok = chown.waitForFinished(300000) && chown.exitStatus() == QProcess::NormalExit && chown.exitCode() == 0;
    if (!ok && error)
        *error = QString::fromUtf8(chown.readAllStandardError()).trimmed().toStdString();
    return ok;
}

int Confinement::run(const std::string &program, const std::vector<std::string> &args, const Env &env,
                     const std::string &workDir, const std::function<void(const std::string &)> &onLine,
                     std::chrono::steady_clock::time_point deadline) const
{
    if (!sandboxed())
        return runStreaming(program, args, env, workDir, onLine, deadline);
    core::SandboxSpec spec = m_spec;
    spec.workDir = workDir;
    QStringList command{QString::fromStdString(program)};
    for (const auto &a : args)
        command << QString::fromStdString(a);
    std::vector<std::string> wrapped;
    for (const QString &a : m_sandbox.arguments(spec, command))
        wrapped.push_back(a.toStdString());
    return runStreaming(m_sandbox.program().toStdString(), wrapped, env, "/", onLine, deadline);
}

} // namespace dynodesk::build
