#include "slugcompiler.h"

#include "confinement.h"

#include "core/childprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <csignal>
#include <fnmatch.h>
#include <unistd.h>

namespace dynodesk::build {

namespace {

using Clock = std::chrono::steady_clock;

QString q(const std::string &s) { return QString::fromStdString(s); }

void header(BuildOutput &out, const std::string &text) { out.append("-----> " + text); }
void detail(BuildOutput &out, const std::string &text) { out.append("       " + text); }
void problem(BuildOutput &out, const std::string &text) { out.append(" !     " + text); }

std::string capitalized(std::string s)
{
    if (!s.empty())
        s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

bool runQuiet(const QString &program, const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
              QString *errorText = nullptr)
{
    QProcess p;
    p.setProcessEnvironment(env);
    core::inheritOnlyStdio(p);
    p.start(program, args);
    const bool ok = p.waitForFinished(300000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!ok && errorText)
        *errorText = QString::fromUtf8(p.readAllStandardError()).trimmed();
    return ok;
}

// Checks the commit out with `git archive | tar -x`, using the pushing hook's object dirs.
bool checkoutCommit(const BuildJob &job, const QString &buildDir, QString *error)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto &[k, v] : job.gitEnv)
        env.insert(q(k), q(v));
    QProcess archive, untar;
    archive.setProcessEnvironment(env);
    archive.setStandardOutputProcess(&untar);
    core::inheritOnlyStdio(archive);
    core::inheritOnlyStdio(untar);
    archive.start(QStringLiteral("git"), {QStringLiteral("--git-dir=") + q(job.gitDir), QStringLiteral("archive"),
                                          QStringLiteral("--format=tar"), q(job.commit)});
    untar.start(QStringLiteral("tar"), {QStringLiteral("-x"), QStringLiteral("-C"), buildDir});
    archive.waitForFinished(-1);
    untar.closeWriteChannel();
    untar.waitForFinished(-1);
    if (archive.exitCode() != 0 || untar.exitCode() != 0) {
        *error = QString::fromUtf8(archive.readAllStandardError() + untar.readAllStandardError()).trimmed();
        return false;
    }
    return true;
}

// Unpacks the tarball; a single top-level folder becomes the app's root.
bool unpackTarball(const std::string &tarball, const QString &buildDir, QString *error)
{
    QTemporaryDir unpack(buildDir + QStringLiteral("-src-XXXXXX"));
    if (!runQuiet(QStringLiteral("tar"), {QStringLiteral("-xzf"), q(tarball), QStringLiteral("-C"), unpack.path()},
                  QProcessEnvironment::systemEnvironment(), error))
        return false;
    QDir root(unpack.path());
    const auto entries = root.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    QString from = unpack.path();
    if (entries.size() == 1 && entries.front().isDir())
        from = entries.front().absoluteFilePath();
    QDir(buildDir).removeRecursively();
    if (!QDir().rename(from, buildDir)) {
        *error = QStringLiteral("cannot move the unpacked source into the build dir");
        return false;
    }
    return true;
}

// .slugignore: gitignore-like patterns; a leading `/` anchors to the app's root.
void applySlugignore(const QString &buildDir, BuildOutput &out)
{
    QFile file(buildDir + QStringLiteral("/.slugignore"));
    if (!file.open(QIODevice::ReadOnly))
        return;
    std::vector<std::string> patterns;
    for (const QByteArray &raw : file.readAll().split('\n')) {
        const QByteArray line = raw.trimmed();
        if (!line.isEmpty() && !line.startsWith('#'))
            patterns.push_back(line.toStdString());
    }
    int removed = 0;
    QDirIterator it(buildDir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    QStringList doomed;
    while (it.hasNext()) {
        const QString path = it.next();
        const std::string rel = QDir(buildDir).relativeFilePath(path).toStdString();
        const std::string base = it.fileName().toStdString();
        for (std::string pattern : patterns) {
            if (pattern.size() > 1 && pattern.back() == '/')
                pattern.pop_back();
            const bool anchored = pattern.front() == '/';
            const bool hit = anchored ? fnmatch(pattern.c_str() + 1, rel.c_str(), FNM_PATHNAME) == 0
                                      : fnmatch(pattern.c_str(), base.c_str(), 0) == 0
                                              || fnmatch(pattern.c_str(), rel.c_str(), FNM_PATHNAME) == 0;
            if (hit) {
                doomed << path;
                break;
            }
        }
    }
    for (const QString &path : doomed) {
        QFileInfo info(path);
        if (!info.exists())
            continue; // inside a folder already removed
        info.isDir() && !info.isSymLink() ? QDir(path).removeRecursively() : QFile::remove(path);
        ++removed;
    }
    if (removed)
        detail(out, "Removed " + std::to_string(removed) + " files and folders named in .slugignore");
}

// `.git` goes, and so does what `log/` and `tmp/` hold.
void removeAlways(const QString &buildDir)
{
    QDir(buildDir + QStringLiteral("/.git")).removeRecursively();
    QFile::remove(buildDir + QStringLiteral("/.git"));
    for (const QString &sub : {QStringLiteral("/log"), QStringLiteral("/tmp")}) {
        QDir d(buildDir + sub);
        if (!d.exists())
            continue;
        for (const QFileInfo &e : d.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
            e.isDir() && !e.isSymLink() ? QDir(e.absoluteFilePath()).removeRecursively() : QFile::remove(e.absoluteFilePath());
    }
}

void writeEnvDir(const QString &dir, const Env &config)
{
    QDir().mkpath(dir);
    for (const auto &[key, value] : config) {
        QFile f(dir + QLatin1Char('/') + q(key));
        if (f.open(QIODevice::WriteOnly))
            f.write(QByteArray::fromStdString(value));
    }
}

// What the buildpack's bin/detect printed first (its folder's name if nothing), or empty when it
// does not take the app. `seen`: where the buildpack's processes see it.
std::string detectName(const Confinement &box, const std::string &buildpack, const std::string &seen, const std::string &buildDir,
                       const Env &env, Clock::time_point deadline)
{
    std::string name;
    const int rc = box.run(seen + "/bin/detect", {buildDir}, env, buildDir,
                                [&](const std::string &line) {
                                    if (name.empty())
                                        name = line;
                                },
                                deadline);
    if (rc != 0)
        return {};
    return name.empty() ? QFileInfo(q(buildpack)).fileName().toStdString() : name;
}

} // namespace

Env baseEnvironment()
{
    Env env;
    const auto system = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"PATH", "LANG", "TZ", "TMPDIR", "HOME", "USER"})
        if (system.contains(q(name)))
            env[name] = system.value(q(name)).toStdString();
    if (!env.count("PATH"))
        env["PATH"] = "/usr/local/bin:/usr/bin:/bin";
    return env;
}

int killBuildProcesses(const std::vector<std::string> &buildIds)
{
    std::vector<std::string> markers;
    for (const auto &id : buildIds)
        markers.push_back("DYNODESK_BUILD_ID=" + id);
    return killProcessesWithEnvironment(markers);
}

int killProcessesWithEnvironment(const std::vector<std::string> &markers)
{
    if (markers.empty())
        return 0;
    int killed = 0;
    const QDir proc(QStringLiteral("/proc"));
    for (const QString &entry : proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        const pid_t pid = entry.toInt(&numeric);
        if (!numeric || pid == ::getpid())
            continue;
        QFile environ(QStringLiteral("/proc/%1/environ").arg(pid));
        if (!environ.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> vars = environ.readAll().split('\0');
        for (const auto &marker : markers) {
            if (vars.contains(QByteArray::fromStdString(marker))) {
                ::kill(pid, SIGKILL);
                ++killed;
                break;
            }
        }
    }
    return killed;
}

std::string humanSize(uint64_t bytes)
{
    char buf[32];
    if (bytes < 1024 * 1024)
        std::snprintf(buf, sizeof buf, "%lluK", static_cast<unsigned long long>((bytes + 1023) / 1024));
    else
        std::snprintf(buf, sizeof buf, "%.1fM", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

int runStreaming(const std::string &program, const std::vector<std::string> &args, const Env &env,
                 const std::string &workDir, const std::function<void(const std::string &)> &onLine,
                 Clock::time_point deadline)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment penv;
    for (const auto &[k, v] : env)
        penv.insert(q(k), q(v));
    p.setProcessEnvironment(penv);
    p.setWorkingDirectory(q(workDir));
    p.setChildProcessModifier([] {
        ::setsid(); // its own process group, to kill it whole
        core::inheritOnlyStdio();
    });
    QStringList qargs;
    for (const auto &a : args)
        qargs << q(a);
    p.start(q(program), qargs);
    if (!p.waitForStarted(10000)) {
        onLine("cannot run " + program + ": " + p.errorString().toStdString());
        return 127;
    }
    // The child leads its own process group (setsid), so -pid is that group. Never 0: that
    // would be our own group.
    const pid_t group = static_cast<pid_t>(p.processId());
    const auto killGroup = [group] {
        if (group > 0)
            ::kill(-group, SIGKILL);
    };
    QByteArray pending;
    auto drain = [&](bool all) {
        pending += p.readAll();
        qsizetype nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
            onLine(pending.left(nl).toStdString());
            pending.remove(0, nl + 1);
        }
        if (all && !pending.isEmpty()) {
            onLine(pending.toStdString());
            pending.clear();
        }
    };
    while (p.state() != QProcess::NotRunning) {
        if (Clock::now() > deadline) {
            killGroup();
            p.waitForFinished(5000);
            drain(true);
            return -1;
        }
        p.waitForReadyRead(200);
        drain(false);
    }
    drain(true);
    // Children the command left behind in its group go with it.
    killGroup();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : 128 + SIGKILL;
}

BuildResult SlugCompiler::run(const BuildJob &job, BuildOutput &out)
{
    BuildResult result;
    const auto deadline = Clock::now() + job.timeout;
    const auto timedOut = [&] {
        const auto secs = job.timeout.count();
        problem(out, "Build timed out after " + (secs % 60 == 0 ? std::to_string(secs / 60) + " minutes."
                                                                 : std::to_string(secs) + " seconds."));
        problem(out, "Push failed");
        return result;
    };
    header(out, "Building on the " + capitalized(job.stackName) + " stack");

    QDir().mkpath(q(job.workDir));
    QDir().mkpath(q(job.cacheDir));
    QTemporaryDir scratch(q(job.workDir) + QStringLiteral("/build_XXXXXX"));
    const QString buildDir = scratch.path() + QStringLiteral("/app");
    QDir().mkpath(buildDir);
    QString error;
    const bool checkedOut = job.sourceTarball.empty() ? checkoutCommit(job, buildDir, &error)
                                                      : unpackTarball(job.sourceTarball, buildDir, &error);
    if (!checkedOut) {
        problem(out, "Could not read the app's source: " + error.toStdString());
        problem(out, "Push failed");
        return result;
    }
    applySlugignore(buildDir, out);
    removeAlways(buildDir);

    const QString envDir = scratch.path() + QStringLiteral("/env");
    writeEnvDir(envDir, job.config);
    // What the buildpacks see: in a sandbox, the build at /tmp/build_<id>, the cache at
    // /tmp/codon/tmp/cache (as on the platform) and each buildpack read-only, nothing else.
    Confinement box(job.sandbox, job.user, "build");
    const std::string seenScratch = box.expose(scratch.path().toStdString(), "/tmp/build_" + job.buildId.substr(0, 8), true);
    const std::string seenBuild = seenScratch + "/app", seenEnv = seenScratch + "/env";
    const std::string seenCache = box.expose(job.cacheDir, "/tmp/codon/tmp/cache", true);
    // Run as the app's own user, the buildpacks are copies of its own (as the platform fetches
    // them into the build): a buildpack of the operator's may be readable by the operator only.
    const QString copies = scratch.path() + QStringLiteral("/buildpacks");
    std::map<std::string, std::string> seenBuildpack;
    for (const auto *list : {&job.buildpacks, &job.builtinBuildpacks}) {
        for (const auto &bp : *list) {
            if (seenBuildpack.count(bp))
                continue;
            const std::string n = std::to_string(seenBuildpack.size());
            std::string host = bp;
            if (job.user != 0 && box.sandboxed()) {
                host = (copies + QLatin1Char('/') + q(n)).toStdString();
                QDir().mkpath(copies);
                if (!runQuiet(QStringLiteral("cp"), {QStringLiteral("-R"), q(bp), q(host)}, QProcessEnvironment::systemEnvironment(), &error)) {
                    problem(out, "Could not copy the buildpack " + bp + ": " + error.toStdString());
                    problem(out, "Push failed");
                    return result;
                }
            }
            seenBuildpack[bp] = box.expose(host, "/tmp/buildpacks/" + n, false);
        }
    }
    std::string handOverError;
    if (!box.handOver(scratch.path().toStdString(), &handOverError) || !box.handOver(job.cacheDir, &handOverError)) {
        problem(out, "Could not give the build its files: " + handOverError);
        problem(out, "Push failed");
        return result;
    }

    Env env = baseEnvironment();
    env["STACK"] = job.stackName;
    env["DYNODESK_BUILD_ID"] = job.buildId; // marks the build's processes (see killBuildProcesses)
    env["HOME"] = seenBuild;
    if (!job.commit.empty())
        env["SOURCE_VERSION"] = job.commit;

    // Which buildpacks run: the app's own, each of which must accept the app, or the first
    // built-in one that detects it.
    std::vector<std::pair<std::string, std::string>> chosen; // dir, name
    if (!job.buildpacks.empty()) {
        for (const auto &bp : job.buildpacks) {
            const std::string name = detectName(box, bp, seenBuildpack[bp], seenBuild, env, deadline);
            if (name.empty()) {
                header(out, "App not compatible with buildpack: " + bp);
                problem(out, "Push failed");
                return result;
            }
            chosen.emplace_back(bp, name);
        }
    } else {
        for (const auto &bp : job.builtinBuildpacks) {
            const std::string name = detectName(box, bp, seenBuildpack[bp], seenBuild, env, deadline);
            if (!name.empty()) {
                chosen.emplace_back(bp, name);
                result.detectedBuildpack = bp;
                break;
            }
        }
        if (chosen.empty()) {
            problem(out, "No default language could be detected for this app.");
            out.append("\t\t\tHINT: This occurs when Heroku cannot detect the buildpack to use for this application automatically.");
            out.append("\t\t\tSee https://devcenter.heroku.com/articles/buildpacks");
            problem(out, "Push failed");
            return result;
        }
    }

    for (const auto &[bp, name] : chosen) {
        header(out, name + " app detected");
        result.language = name;
        const int rc = box.run(seenBuildpack[bp] + "/bin/compile", {seenBuild, seenCache, seenEnv}, env, seenBuild,
                               [&](const std::string &line) { out.append(line); }, deadline);
        if (rc == -1)
            return timedOut();
        if (rc != 0) {
            problem(out, "Push rejected, failed to compile " + name + " app.");
            problem(out, "Push failed");
            return result;
        }
    }

    // bin/release of the last buildpack gives the default process types.
    std::string yaml;
    const auto &last = chosen.back().first;
    const int rc = box.run(seenBuildpack[last] + "/bin/release", {seenBuild}, env, seenBuild,
                           [&](const std::string &line) { yaml += line + "\n"; }, deadline);
    if (rc == -1)
        return timedOut();
    ProcessTypes defaults;
    try {
        const YAML::Node doc = YAML::Load(yaml);
        if (rc != 0 || (doc && !doc.IsMap() && !doc.IsNull()))
            throw YAML::Exception(YAML::Mark::null_mark(), "not a map");
        if (doc && doc["default_process_types"] && doc["default_process_types"].IsMap())
            for (const auto &kv : doc["default_process_types"])
                defaults.emplace_back(kv.first.as<std::string>(), kv.second.as<std::string>());
    } catch (const YAML::Exception &e) {
        problem(out, "The buildpack's bin/release did not print valid YAML: " + std::string(e.what()));
        problem(out, "Push rejected, failed to compile " + result.language + " app.");
        problem(out, "Push failed");
        return result;
    }

    header(out, "Discovering process types");
    QFile procfile(buildDir + QStringLiteral("/Procfile"));
    if (procfile.open(QIODevice::ReadOnly)) {
        auto parsed = parseProcfile(procfile.readAll().toStdString());
        if (!parsed) {
            problem(out, parsed.error().message);
            problem(out, "Push failed");
            return result;
        }
        result.processTypes = parsed.value();
        for (const auto &d : defaults) // a Procfile wins; the buildpack's other types stay
            if (std::none_of(result.processTypes.begin(), result.processTypes.end(),
                             [&](const auto &p) { return p.first == d.first; }))
                result.processTypes.push_back(d);
    } else {
        result.processTypes = defaults;
    }
    std::vector<std::string> types;
    for (const auto &p : result.processTypes)
        types.push_back(p.first);
    std::sort(types.begin(), types.end());
    std::string list;
    for (const auto &t : types)
        list += (list.empty() ? "" : ", ") + t;
    if (procfile.exists())
        detail(out, "Procfile declares types -> " + (list.empty() ? std::string("(none)") : list));
    else
        detail(out, "Default types for buildpack -> " + (list.empty() ? std::string("(none)") : list));

    header(out, "Compressing...");
    QDir().mkpath(QFileInfo(q(job.slugPath)).absolutePath());
    if (!runQuiet(QStringLiteral("tar"), {QStringLiteral("-czf"), q(job.slugPath), QStringLiteral("-C"), buildDir, QStringLiteral(".")},
                  QProcessEnvironment::systemEnvironment(), &error)) {
        problem(out, "Could not pack the slug: " + error.toStdString());
        problem(out, "Push failed");
        return result;
    }
    result.slugSize = QFileInfo(q(job.slugPath)).size();
    if (static_cast<uint64_t>(result.slugSize) > job.maxSlugBytes) {
        QFile::remove(q(job.slugPath));
        problem(out, "Compiled slug size: " + humanSize(result.slugSize) + " is too large (max is "
                             + humanSize(job.maxSlugBytes) + ").");
        problem(out, "Push failed");
        return result;
    }
    detail(out, "Done: " + humanSize(result.slugSize));
    result.buildpackDescription = result.language;
    result.ok = true;
    return result;
}

} // namespace dynodesk::build
