#include "releasephase.h"

#include "core/childprocess.h"

#include <QProcess>
#include <QTemporaryDir>

namespace dynodesk::build {

bool expandSlug(const std::string &slugPath, const std::string &dir, std::string *error)
{
    QProcess tar;
    core::inheritOnlyStdio(tar);
    tar.start(QStringLiteral("tar"), {QStringLiteral("-xzf"), QString::fromStdString(slugPath), QStringLiteral("-C"),
                                      QString::fromStdString(dir)});
    if (!tar.waitForFinished(300000) || tar.exitCode() != 0) {
        if (error)
            *error = QString::fromUtf8(tar.readAllStandardError()).trimmed().toStdString();
        return false;
    }
    return true;
}

std::string dynoShellScript()
{
    return "for f in \"$HOME\"/.profile.d/*.sh; do [ -r \"$f\" ] && . \"$f\"; done; eval \"$1\"";
}

int runReleasePhase(const std::string &slugPath, const std::string &command, const Env &config,
                    const std::string &workDir, const std::string &dynoName, BuildOutput &out,
                    std::chrono::seconds timeout, const std::function<void(const std::string &)> &onLine,
                    Confinement confinement)
{
    QTemporaryDir dir(QString::fromStdString(workDir) + QStringLiteral("/release_XXXXXX"));
    std::string error;
    if (!expandSlug(slugPath, dir.path().toStdString(), &error)) {
        out.append(" !     Could not expand the slug for the release command: " + error);
        return 1;
    }
    if (!confinement.handOver(dir.path().toStdString(), &error)) {
        out.append(" !     Could not give the release command its slug: " + error);
        return 1;
    }
    const std::string home = confinement.expose(dir.path().toStdString(), "/app", true);
    Env env = baseEnvironment();
    for (const auto &[k, v] : config)
        env[k] = v;
    env["HOME"] = home;
    env["DYNO"] = dynoName;
    env["PS1"] = "\\[\\033[01;34m\\]\\w\\[\\033[00m\\] \\[\\033[01;32m\\]$ \\[\\033[00m\\]";
    return confinement.run("/bin/sh", {"-c", dynoShellScript(), "sh", command}, env, home,
                        [&](const std::string &line) {
                            out.append("       " + line);
                            if (onLine)
                                onLine(line);
                        },
                        std::chrono::steady_clock::now() + timeout);
}

} // namespace dynodesk::build
