#pragma once

#include <QList>
#include <QString>

#include <atomic>
#include <functional>

namespace dynodesk::ideplugin::git {

// The working-tree operations of Deploy, Import and Create from Template, on libgit2. Each is
// blocking and meant for a worker thread (QtConcurrent); progress is reported through a callback
// from that thread, and `cancel` aborts a push or clone at the next network callback.

struct Change {
    QString path;
    QString status; // "new", "modified", "deleted", "renamed", "typechange"
};

struct Result {
    bool ok = false;
    QString error;
    QString detail; // a commit id, or what the remote said
};

using Progress = std::function<void(const QString &text)>;

QList<Change> status(const QString &dir, QString *error);
// Stages everything (new, changed and deleted files) and commits it on the current branch.
Result commitAll(const QString &dir, const QString &message, const QString &name, const QString &email);
// Pushes HEAD to `url`'s `main` branch with the API token as the HTTP password. The remote's
// messages (the build output, as `git push` shows them after "remote:") go to `progress`.
Result push(const QString &dir, const QString &url, const QString &token, const Progress &progress,
            const std::atomic_bool *cancel);
// Clones `url` into `dir` (which must not exist or be empty), the token as the HTTP password. An
// empty repository gives an empty working tree with `url` as the `heroku` remote.
Result clone(const QString &url, const QString &token, const QString &dir, const Progress &progress,
             const std::atomic_bool *cancel);
// The URL of the remote `name`, or empty.
QString remoteUrl(const QString &dir, const QString &name);
// libgit2's version, e.g. "1.5.1".
QString libraryVersion();

} // namespace dynodesk::ideplugin::git
