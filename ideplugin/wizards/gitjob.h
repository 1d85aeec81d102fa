#pragma once

#include "client/gitops.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>

namespace dynodesk::ideplugin {

// Runs one piece of git work (clone, commit, push…) on a worker thread, so the wizards never block
// the GUI thread. What the work reports arrives as queued signals on the GUI thread: `output` for
// the remote's messages (the build output), `stage` for a new step ("Cloning…"). cancel() sets the
// flag the git operations check at their next network callback. Destroying a running job cancels
// it and waits for the worker, so nothing outlives the dialog that owns it.
class GitJob final : public QObject {
    Q_OBJECT
public:
    struct Context {
        std::function<void(const QString &text)> output;
        std::function<void(const QString &text)> stage;
        const std::atomic_bool *cancel = nullptr;
        git::Progress progress() const { return output; }
    };
    using Work = std::function<git::Result(const Context &)>;

    explicit GitJob(QObject *parent = nullptr);
    ~GitJob() override;

    // Starts `work`; false (and nothing started) while another run is in progress.
    bool start(Work work);
    void cancel() { m_cancel = true; }
    bool isRunning() const { return m_watcher.isRunning(); }
    bool isCancelled() const { return m_cancel.load(); }

signals:
    void output(const QString &text);
    void stage(const QString &text);
    void finished(const dynodesk::ideplugin::git::Result &result);

private:
    QThreadPool m_pool; // its own thread: a push waiting on a build never starves the global pool
    QFutureWatcher<git::Result> m_watcher;
    std::atomic_bool m_cancel = false;
};

namespace detail {

// The build's own error from a push's output: the platform's ` !     …` lines, less the closing
// "Push failed" (e.g. "Push rejected, failed to compile Node.js app."). Empty when there is none.
QString buildError(const QString &output);
// The release number in "Released v7", or 0.
int releasedVersion(const QString &output);
// A commit author name for an account email: its local part ("ada" for ada@example.com).
QString authorName(const QString &email);

} // namespace detail

} // namespace dynodesk::ideplugin
