// The buildpack registry's look-ups for the built-in buildpacks, at the registry's own paths on
// the API host: point the CLI's HEROKU_BUILDPACK_REGISTRY_URL at the API URL. Public, as the
// registry's reads are.
#include "apirouter.h"
#include "routes.h"

#include "build/buildpacks.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>
#include <functional>
#include <optional>

namespace dynodesk::api {

using core::ApiError;

namespace {

// One revision per built-in buildpack: the files on this machine are the published version.
struct Revision final {
    std::string checksum;  // `sha256:` of the buildpack's files
    std::string createdAt; // the newest file's modification time
};

std::optional<build::BuiltinBuildpack> findBuiltin(const std::string &slug)
{
    for (const auto &b : build::builtinBuildpacks())
        if (slug == b.name)
            return b;
    return std::nullopt;
}

QString folderOf(const std::string &root, const build::BuiltinBuildpack &b)
{
    return QString::fromStdString(root) + QLatin1Char('/') + QString::fromUtf8(b.dir);
}

std::string uuidOf(const std::string &seed)
{
    static const QUuid ns(QStringLiteral("{5a8f1a52-6b0e-4c1e-9d1f-2f4b8c1e0d21}"));
    return QUuid::createUuidV5(ns, QString::fromStdString(seed)).toString(QUuid::WithoutBraces).toStdString();
}

Revision revisionOf(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QDateTime newest = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
    for (const QString &path : files) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly)) {
            hash.addData(QDir(folder).relativeFilePath(path).toUtf8());
            hash.addData(f.readAll());
        }
        newest = std::max(newest, QFileInfo(path).lastModified().toUTC());
    }
    return {"sha256:" + hash.result().toHex().toStdString(), newest.toString(Qt::ISODate).toStdString()};
}

nlohmann::json buildpackBody(const build::BuiltinBuildpack &b, const Revision &rev)
{
    const std::string name(b.name);
    const auto slash = name.find('/');
    return {{"id", uuidOf(name)},
            {"namespace", name.substr(0, slash)},
            {"name", name.substr(slash + 1)},
            {"description", b.description},
            {"category", "languages"},
            {"blob_url", build::registryBlobUrl(name)},
            {"two_factor_authentication", false},
            {"source", {{"type", "builtin"}, {"owner", nullptr}, {"repo", nullptr}}},
            {"support", {{"method", "website"}, {"address", std::string("https://devcenter.heroku.com/articles/") + b.article}}},
            {"logo", nullptr},
            {"created_at", rev.createdAt},
            {"updated_at", rev.createdAt}};
}

nlohmann::json revisionBody(const build::BuiltinBuildpack &b, const Revision &rev)
{
    const std::string name(b.name);
    return {{"id", uuidOf(name + "@" + rev.checksum)},
            {"buildpack_id", uuidOf(name)},
            {"release", 1},
            {"status", "published"},
            {"checksum", rev.checksum},
            {"tarball", build::registryBlobUrl(name)},
            {"license", nullptr},
            {"ref", nullptr},
            {"published_by_id", nullptr},
            {"published_by_email", nullptr},
            {"error", nullptr},
            {"created_at", rev.createdAt},
            {"updated_at", rev.createdAt}};
}

// The registry's search: `in[namespace][]` and `in[name][]` pick exact values (any of the
// listed ones), `like[description]` a part of the description, case ignored; all must hold.
bool matches(const build::BuiltinBuildpack &b, const QUrlQuery &query)
{
    const QString name = QString::fromUtf8(b.name);
    QStringList namespaces, names;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("in[namespace][]"))
            namespaces << value;
        else if (key == QLatin1String("in[name][]"))
            names << value;
        else if (key == QLatin1String("like[description]")
                 && !QString::fromUtf8(b.description).contains(value, Qt::CaseInsensitive))
            return false;
    }
    return (namespaces.isEmpty() || namespaces.contains(name.section(QLatin1Char('/'), 0, 0), Qt::CaseInsensitive))
            && (names.isEmpty() || names.contains(name.section(QLatin1Char('/'), 1), Qt::CaseInsensitive));
}

QUrlQuery queryOf(const HttpRequest &request)
{
    const auto q = request.target.find('?');
    return QUrlQuery(q == std::string::npos ? QString() : QString::fromStdString(request.target.substr(q + 1)));
}

ApiError unknown(const std::string &slug)
{
    return ApiError::notFound(slug + " is not a buildpack of this emulator. Use heroku/nodejs, heroku/python, "
                                     "heroku/ruby, heroku/go, heroku/java or heroku/static, or a URL.");
}

} // namespace

void addRegistryRoutes(ApiRouter &r, const std::string &builtinRoot)
{
    // With the built-in buildpack of `{slug}` and its revision, or the registry's 404.
    using Lookup = std::function<nlohmann::json(const build::BuiltinBuildpack &, const Revision &, const QString &)>;
    auto lookup = [builtinRoot](Lookup answer) {
        return [builtinRoot, answer](ApiContext &ctx) -> core::Result<ApiReply> {
            const auto b = findBuiltin(ctx.param("slug"));
            if (!b)
                return unknown(ctx.param("slug"));
            const QString folder = folderOf(builtinRoot, *b);
            return ApiReply{200, answer(*b, revisionOf(folder), folder), {}};
        };
    };

    r.add("GET", "/buildpacks", "buildpack-registry", "Search", [builtinRoot](ApiContext &ctx) -> core::Result<ApiReply> {
        const QUrlQuery query = queryOf(ctx.request);
        nlohmann::json found = nlohmann::json::array();
        for (const auto &b : build::builtinBuildpacks())
            if (matches(b, query))
                found.push_back(buildpackBody(b, revisionOf(folderOf(builtinRoot, b))));
        return ApiReply{200, std::move(found), {}};
    }, true);
    r.add("GET", "/buildpacks/{slug}", "buildpack-registry", "Info",
          lookup([](const auto &b, const Revision &rev, const QString &) { return buildpackBody(b, rev); }), true);
    r.add("GET", "/buildpacks/{slug}/revisions", "buildpack-registry", "Revisions",
          lookup([](const auto &b, const Revision &rev, const QString &) {
              return nlohmann::json::array({revisionBody(b, rev)});
          }), true);
    r.add("GET", "/buildpacks/{slug}/revisions/{revision}", "buildpack-registry", "Revision info",
          [lookup](ApiContext &ctx) -> core::Result<ApiReply> {
              auto reply = lookup([](const auto &b, const Revision &rev, const QString &) { return revisionBody(b, rev); })(ctx);
              if (reply && reply->body["id"] != ctx.param("revision"))
                  return ApiError::notFound("No revision " + ctx.param("revision") + " of " + ctx.param("slug") + ".");
              return reply;
          }, true);
    r.add("GET", "/buildpacks/{slug}/readme", "buildpack-registry", "Readme",
          lookup([](const auto &, const Revision &, const QString &folder) {
              QFile readme(folder + QStringLiteral("/README.md"));
              const QByteArray text = readme.open(QIODevice::ReadOnly) ? readme.readAll() : QByteArray();
              return nlohmann::json{{"content", text.toBase64().toStdString()}, {"encoding", "base64"},
                                    {"sha", QCryptographicHash::hash(text, QCryptographicHash::Sha1).toHex().toStdString()}};
          }), true);
}

} // namespace dynodesk::api
