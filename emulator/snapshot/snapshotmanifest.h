#pragma once

#include "core/apierror.h"

#include <QByteArray>
#include <QMap>
#include <QString>

namespace dynodesk::snapshot {

// `manifest.json`, the first member of a snapshot: the magic and format version that tell our
// files from others, where the state came from, and the SHA-256 of every other member.
struct SnapshotManifest final {
    static constexpr int Format = 1;
    static QString magic() { return QStringLiteral("dynodesk-lab-snapshot"); }
    static QString fileName() { return QStringLiteral("manifest.json"); }

    QString sourceDataDir;
    QString createdAt;
    QMap<QString, QString> members; // path relative to the snapshot's root → SHA-256 (hex)

    // Every regular file under `root`, with its checksum.
    static core::Result<SnapshotManifest> describe(const QString &root, const QString &sourceDataDir);
    static core::Result<SnapshotManifest> parse(const QByteArray &json);
    QByteArray toJson() const;
    // The files under `root` are exactly the members, each with its checksum.
    core::Status verify(const QString &root) const;
};

} // namespace dynodesk::snapshot
