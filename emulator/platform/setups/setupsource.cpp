#include "setupsource.h"

#include "platform/builds/slugtarball.h"

#include "core/childprocess.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>

namespace dynodesk::platform {

namespace {

std::string megabytes(uint64_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MB"; }

// curl's exit status for a file over --max-filesize.
constexpr int kCurlTooLarge = 63;

std::optional<std::string> fetch(const SetupSource &s)
{
    QProcess curl;
    core::inheritOnlyStdio(curl);
    curl.start(QStringLiteral("curl"), {QStringLiteral("-sS"), QStringLiteral("-f"), QStringLiteral("-L"),
                                        QStringLiteral("--max-filesize"), QString::number(s.maxBytes),
                                        QStringLiteral("-o"), QString::fromStdString(s.target),
                                        QString::fromStdString(s.url)});
    if (!curl.waitForFinished(600000)) {
        curl.kill();
        curl.waitForFinished();
        return "The source tarball could not be fetched from " + s.url + ": it took longer than 10 minutes.";
    }
    if (curl.exitStatus() == QProcess::NormalExit && curl.exitCode() == kCurlTooLarge)
        return "The source tarball is larger than the " + megabytes(s.maxBytes) + " limit.";
    if (curl.exitStatus() != QProcess::NormalExit || curl.exitCode() != 0)
        return "The source tarball could not be fetched from " + s.url + ": "
                + QString::fromUtf8(curl.readAllStandardError()).trimmed().toStdString();
    return std::nullopt;
}

std::optional<std::string> check(const SetupSource &s)
{
    const QString target = QString::fromStdString(s.target);
    if (static_cast<uint64_t>(QFileInfo(target).size()) > s.maxBytes)
        return "The source tarball is larger than the " + megabytes(s.maxBytes) + " limit.";
    if (!detail::isGzip(s.target))
        return "The source tarball is not a gzipped tarball (tar -czf).";
    if (s.checksum) {
        if (!s.checksum->starts_with("SHA256:"))
            return "The checksum must be SHA256:<hex>, not " + *s.checksum + ".";
        if (auto actual = detail::checksumMismatch(s.target, *s.checksum))
            return "The checksum of the source tarball does not match: expected " + *s.checksum + ", the tarball is "
                    + *actual + ".";
    }
    return std::nullopt;
}

// The member that is app.json: at the root, or under the only top-level directory.
std::optional<QString> manifestMember(const QByteArray &listing)
{
    QStringList entries;
    for (const QByteArray &line : listing.split('\n'))
        if (!line.isEmpty())
            entries << QString::fromUtf8(line);
    QString top;
    bool oneTop = true;
    for (const QString &entry : entries) {
        QString name = entry.startsWith(QStringLiteral("./")) ? entry.mid(2) : entry;
        if (name == QStringLiteral("app.json"))
            return entry;
        const QString first = name.section(QLatin1Char('/'), 0, 0);
        if (first.isEmpty() || first == QStringLiteral("."))
            continue;
        if (top.isEmpty())
            top = first;
        else if (first != top)
            oneTop = false;
    }
    if (!oneTop || top.isEmpty())
        return std::nullopt;
    for (const QString &entry : entries) {
        const QString name = entry.startsWith(QStringLiteral("./")) ? entry.mid(2) : entry;
        if (name == top + QStringLiteral("/app.json"))
            return entry;
    }
    return std::nullopt;
}

ReadSource readManifest(const SetupSource &s)
{
    ReadSource read;
    QByteArray listing;
    if (!detail::runTar({QStringLiteral("-tzf"), QString::fromStdString(s.target)}, &listing)) {
        read.failure = "The source tarball is gzip but not a tarball that tar can read.";
        return read;
    }
    const auto member = manifestMember(listing);
    if (!member)
        return read;
    QByteArray text;
    if (!detail::runTar({QStringLiteral("-xzOf"), QString::fromStdString(s.target), *member}, &text))
        read.failure = "app.json could not be read from the source tarball.";
    read.manifestText = text.toStdString();
    return read;
}

} // namespace

ReadSource readSetupSource(const SetupSource &source)
{
    QFile::remove(QString::fromStdString(source.target));
    std::optional<std::string> failure;
    if (!source.url.empty())
        failure = fetch(source);
    else if (!QFile::copy(QString::fromStdString(source.file), QString::fromStdString(source.target)))
        failure = "The source tarball " + source.file + " could not be read.";
    if (!failure)
        failure = check(source);
    ReadSource read;
    if (!failure)
        read = readManifest(source);
    else
        read.failure = failure;
    if (read.failure)
        QFile::remove(QString::fromStdString(source.target));
    return read;
}

} // namespace dynodesk::platform
