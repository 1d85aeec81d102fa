#include "sourceaccess.h"

#include <QDir>
#include <QFileInfo>
#include <QUrlQuery>

#include <algorithm>

namespace dynodesk::api {

using core::ApiError;

// Whether `path` lies under `root` (both resolved, symbolic links followed).
static bool within(const QString &path, const QString &root)
{
    const QString r = QFileInfo(root).canonicalFilePath();
    return !r.isEmpty() && (path == r || path.startsWith(r.endsWith(QLatin1Char('/')) ? r : r + QLatin1Char('/')));
}

bool mayRead(platform::Platform &p, const platform::Actor &who, const QString &file, const std::string &extraRoot)
{
    const QFileInfo info(file);
    const QString resolved = info.exists() ? info.canonicalFilePath() : QDir::cleanPath(info.absoluteFilePath());
    std::vector<std::string> roots = p.settings().allowedSourcePaths;
    roots.push_back(p.settings().dataDir + "/sources/" + who.id);
    if (!extraRoot.empty())
        roots.push_back(extraRoot);
    return std::any_of(roots.begin(), roots.end(), [&](const std::string &root) { return within(resolved, QString::fromStdString(root)); });
}

core::Result<std::string> localSource(platform::Platform &p, const platform::Actor &who, const QUrl &url)
{
    const QString file = url.toLocalFile();
    if (mayRead(p, who, file))
        return file.toStdString();
    return ApiError::forbidden("You do not have access to the source " + url.toString().toStdString()
                               + ". Sources on this machine must be under a path the server allows.");
}

std::optional<std::string> ownSource(platform::Platform &p, const QUrl &url)
{
    const QString path = url.path();
    if ((url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || !path.startsWith(QLatin1String("/sources/")))
        return std::nullopt;
    auto source = p.builds().source(path.mid(9).toStdString());
    if (source && QUrlQuery(url).queryItemValue(QStringLiteral("secret")).toStdString() == source->secret)
        return source->path;
    return std::nullopt;
}

} // namespace dynodesk::api
