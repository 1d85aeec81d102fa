#include "snapshotmanifest.h"

#include "snapshotdetail.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace dynodesk::snapshot {

using core::ApiError;

using detail::refused;

static std::optional<QString> sha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f))
        return std::nullopt;
    return QString::fromLatin1(hash.result().toHex());
}

static QStringList filesUnder(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(root).relativeFilePath(it.next());
    files.removeAll(SnapshotManifest::fileName());
    return files;
}

core::Result<SnapshotManifest> SnapshotManifest::describe(const QString &root, const QString &sourceDataDir)
{
    SnapshotManifest m{sourceDataDir, QDateTime::currentDateTimeUtc().toString(Qt::ISODate), {}};
    for (const QString &file : filesUnder(root)) {
        auto sum = sha256(QDir(root).filePath(file));
        if (!sum)
            return ApiError::internal("Cannot read " + QDir(root).filePath(file).toStdString() + ".");
        m.members.insert(file, *sum);
    }
    return m;
}

QByteArray SnapshotManifest::toJson() const
{
    QJsonObject members;
    for (auto it = this->members.cbegin(); it != this->members.cend(); ++it)
        members.insert(it.key(), QJsonObject{{QStringLiteral("sha256"), it.value()}});
    const QJsonObject o{{QStringLiteral("magic"), magic()},
                        {QStringLiteral("format"), Format},
                        {QStringLiteral("source_data_dir"), sourceDataDir},
                        {QStringLiteral("created_at"), createdAt},
                        {QStringLiteral("members"), members}};
    return QJsonDocument(o).toJson();
}

core::Result<SnapshotManifest> SnapshotManifest::parse(const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    if (o.value(QStringLiteral("magic")).toString() != magic())
        return refused(QStringLiteral("its manifest is missing or not ours"));
    if (o.value(QStringLiteral("format")).toInt() != Format)
        return refused(QStringLiteral("its format %1 is not format %2, which this version reads")
                               .arg(o.value(QStringLiteral("format")).toInt())
                               .arg(Format));
    SnapshotManifest m{o.value(QStringLiteral("source_data_dir")).toString(), o.value(QStringLiteral("created_at")).toString(), {}};
    const QJsonObject members = o.value(QStringLiteral("members")).toObject();
    for (auto it = members.begin(); it != members.end(); ++it)
        m.members.insert(it.key(), it.value().toObject().value(QStringLiteral("sha256")).toString());
    return m;
}

core::Status SnapshotManifest::verify(const QString &root) const
{
    const QStringList found = filesUnder(root);
    for (const QString &file : found)
        if (!members.contains(file))
            return refused(QStringLiteral("it holds %1, which its manifest does not list").arg(file));
    for (auto it = members.cbegin(); it != members.cend(); ++it) {
        const auto sum = sha256(QDir(root).filePath(it.key()));
        if (!sum)
            return refused(QStringLiteral("%1 is missing").arg(it.key()));
        if (*sum != it.value())
            return refused(QStringLiteral("%1 is damaged (its SHA-256 differs from the manifest's)").arg(it.key()));
    }
    return core::Done{};
}

} // namespace dynodesk::snapshot
