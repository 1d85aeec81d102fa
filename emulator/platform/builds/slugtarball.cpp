// An uploaded slug tarball: gzip, checksum, and the platform's `./app/...` layout stored flat.
#include "slugtarball.h"

#include "core/childprocess.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

namespace dynodesk::platform {

using core::ApiError;

namespace detail {

bool isGzip(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(2);
    return head.size() == 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b;
}

static std::string sha256Of(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (file.open(QIODevice::ReadOnly))
        hash.addData(&file);
    return "SHA256:" + hash.result().toHex().toStdString();
}

std::optional<std::string> checksumMismatch(const std::string &path, const std::string &checksum)
{
    const std::string actual = sha256Of(path);
    if (QString::fromStdString(actual).compare(QString::fromStdString(checksum), Qt::CaseInsensitive) == 0)
        return std::nullopt;
    return actual;
}

bool runTar(const QStringList &args, QByteArray *out)
{
    QProcess tar;
    core::inheritOnlyStdio(tar);
    tar.start(QStringLiteral("tar"), args);
    if (!tar.waitForFinished(300000) || tar.exitStatus() != QProcess::NormalExit || tar.exitCode() != 0)
        return false;
    if (out)
        *out = tar.readAllStandardOutput();
    return true;
}

} // namespace detail

namespace {

using detail::runTar;

// Whether every entry is under `app/` (with or without a leading `./`).
bool underApp(const QByteArray &listing)
{
    bool any = false;
    for (QByteArray entry : listing.split('\n')) {
        if (entry.startsWith("./"))
            entry.remove(0, 2);
        if (entry.isEmpty())
            continue;
        if (entry != "app" && !entry.startsWith("app/"))
            return false;
        any = true;
    }
    return any;
}

} // namespace

std::optional<std::string> slugChecksumError(const std::string &checksum)
{
    const std::string prefix = "SHA256:";
    const bool ok = checksum.size() == prefix.size() + 64 && checksum.starts_with(prefix)
            && checksum.find_first_not_of("0123456789abcdefABCDEF", prefix.size()) == std::string::npos;
    if (ok)
        return std::nullopt;
    return "The checksum must be SHA256: and the tarball's 64 hex digits, not " + checksum + ".";
}

core::Result<int64_t> storeSlugTarball(const std::string &upload, const std::string &target,
                                       const std::optional<std::string> &checksum)
{
    QFile file(QString::fromStdString(upload));
    if (!file.exists())
        return ApiError::internal("The uploaded slug could not be read.");
    if (!detail::isGzip(upload))
        return ApiError::invalidParams("The slug is not a gzipped tarball (tar -czf); nothing was stored.");
    if (checksum)
        if (auto actual = detail::checksumMismatch(upload, *checksum))
            return ApiError::invalidParams("The slug's checksum does not match: the slug was made with " + *checksum
                                           + ", the upload is " + *actual + ".");
    QByteArray listing;
    if (!runTar({QStringLiteral("-tzf"), file.fileName()}, &listing))
        return ApiError::invalidParams("The slug is gzip but not a tarball that tar can read; nothing was stored.");
    QFile::remove(QString::fromStdString(target));
    if (!underApp(listing)) {
        if (!QFile::rename(file.fileName(), QString::fromStdString(target)))
            return ApiError::internal("The slug could not be stored.");
        return static_cast<int64_t>(QFileInfo(QString::fromStdString(target)).size());
    }
    QTemporaryDir unpack;
    if (!unpack.isValid() || !runTar({QStringLiteral("-xzf"), file.fileName(), QStringLiteral("-C"), unpack.path()})
        || !runTar({QStringLiteral("-czf"), QString::fromStdString(target), QStringLiteral("-C"),
                    unpack.path() + QStringLiteral("/app"), QStringLiteral(".")}))
        return ApiError::invalidParams("The slug's ./app directory could not be expanded; nothing was stored.");
    file.remove();
    return static_cast<int64_t>(QFileInfo(QString::fromStdString(target)).size());
}

} // namespace dynodesk::platform
