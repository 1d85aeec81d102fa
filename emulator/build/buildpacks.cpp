#include "buildpacks.h"

#include "core/childprocess.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QUrl>

#include <array>
#include <utility>

namespace dynodesk::build {

// The platform's names, the built-in folders and the registry's descriptions, in detection order.
static constexpr std::array<BuiltinBuildpack, 6> kBuiltins{{
    {"heroku/nodejs", "nodejs", "Node.js apps with npm, yarn or pnpm, built with this machine's node", "nodejs-support"},
    {"heroku/python", "python", "Python apps with pip, Pipenv, Poetry or uv, built with this machine's python3",
     "python-support"},
    {"heroku/ruby", "ruby", "Ruby apps with Bundler, built with this machine's ruby and vendored gems", "ruby-support"},
    {"heroku/go", "go", "Go apps with Go modules, built with this machine's go and vendored modules", "go-support"},
    {"heroku/java", "java-maven", "Java apps built with Maven from a local Maven repository", "java-support"},
    {"heroku/static", "static", "Static HTML sites served by a small file server", "static-sites-ruby"},
}};

std::vector<BuiltinBuildpack> builtinBuildpacks() { return {kBuiltins.begin(), kBuiltins.end()}; }

std::vector<std::string> builtinBuildpackDirs(const std::string &builtinRoot)
{
    std::vector<std::string> out;
    for (const auto &b : kBuiltins)
        out.push_back(builtinRoot + "/" + b.dir);
    return out;
}

// The platform's registry gives buildpacks as tarball URLs; these name the built-in ones.
static std::string registryName(const std::string &spec)
{
    for (const char *prefix : {"https://buildpack-registry.s3.amazonaws.com/buildpacks/",
                               "https://codon-buildpacks.s3.amazonaws.com/buildpacks/"}) {
        const std::string p(prefix);
        if (spec.rfind(p, 0) == 0 && spec.size() > p.size() + 4 && spec.ends_with(".tgz"))
            return spec.substr(p.size(), spec.size() - p.size() - 4);
    }
    return spec;
}

std::string builtinNameOfDir(const std::string &builtinRoot, const std::string &dir)
{
    for (const auto &b : kBuiltins)
        if (dir == builtinRoot + "/" + b.dir)
            return b.name;
    return {};
}

std::string builtinName(const std::string &spec)
{
    const std::string s = registryName(spec);
    for (const auto &b : kBuiltins)
        if (s == b.name || s == b.dir)
            return b.name;
    return {};
}

std::string registryBlobUrl(const std::string &slug)
{
    for (const auto &b : kBuiltins)
        if (slug == b.name)
            return "https://buildpack-registry.s3.amazonaws.com/buildpacks/" + slug + ".tgz";
    return {};
}

static bool isBuildpackDir(const QString &dir) { return QFileInfo(dir + QStringLiteral("/bin/compile")).isExecutable(); }

core::Result<std::string> resolveBuildpack(const std::string &spec, const std::string &builtinRoot,
                                           const std::string &cloneRoot)
{
    const std::string named = registryName(spec);
    for (const auto &b : kBuiltins)
        if (named == b.name || named == b.dir)
            return builtinRoot + "/" + b.dir;
    const QString s = QString::fromStdString(spec);
    QString local = s;
    if (s.startsWith(QStringLiteral("file://")))
        local = QUrl(s.section(QLatin1Char('#'), 0, 0)).toLocalFile();
    if (QFileInfo(local).isDir() && isBuildpackDir(local))
        return QFileInfo(local).absoluteFilePath().toStdString();

    const bool cloneable = s.startsWith(QStringLiteral("file://")) || s.startsWith(QStringLiteral("http://"))
            || s.startsWith(QStringLiteral("https://")) || QFileInfo(local).isDir();
    if (!cloneable)
        return core::ApiError::invalidParams("Buildpack " + spec + " is neither a built-in buildpack, a directory "
                                             "with bin/compile, nor a git URL.");
    const QString url = s.section(QLatin1Char('#'), 0, 0);
    const QString ref = s.section(QLatin1Char('#'), 1);
    const QString target = QString::fromStdString(cloneRoot) + QLatin1Char('/')
            + QString::fromLatin1(QCryptographicHash::hash(s.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
    QDir(target).removeRecursively();
    QDir().mkpath(QString::fromStdString(cloneRoot));
    QStringList args{QStringLiteral("clone"), QStringLiteral("--quiet"), QStringLiteral("--depth"), QStringLiteral("1")};
    if (!ref.isEmpty())
        args << QStringLiteral("--branch") << ref;
    args << url << target;
    QProcess git;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    git.setProcessEnvironment(env);
    core::inheritOnlyStdio(git);
    git.start(QStringLiteral("git"), args);
    if (!git.waitForFinished(120000) || git.exitCode() != 0)
        return core::ApiError::invalidParams("Could not clone buildpack " + spec + ": "
                                             + QString::fromUtf8(git.readAllStandardError()).trimmed().toStdString());
    if (!isBuildpackDir(target))
        return core::ApiError::invalidParams("Buildpack " + spec + " has no executable bin/compile.");
    return target.toStdString();
}

} // namespace dynodesk::build
