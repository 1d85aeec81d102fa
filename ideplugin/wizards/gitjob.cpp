#include "gitjob.h"

#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

namespace dynodesk::ideplugin {

GitJob::GitJob(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    connect(&m_watcher, &QFutureWatcher<git::Result>::finished, this, [this] {
        emit finished(m_watcher.result());
    });
}

GitJob::~GitJob()
{
    // The worker emits through this object: it must be done before the object goes.
    m_cancel = true;
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

bool GitJob::start(Work work)
{
    if (m_watcher.isRunning())
        return false;
    m_cancel = false;
    Context context;
    context.output = [this](const QString &text) { emit output(text); };
    context.stage = [this](const QString &text) { emit stage(text); };
    context.cancel = &m_cancel;
    m_watcher.setFuture(QtConcurrent::run(&m_pool, [work = std::move(work), context] { return work(context); }));
    return true;
}

namespace detail {

QString buildError(const QString &output)
{
    static const QRegularExpression problem(QStringLiteral("^(?:remote:)?\\s*!\\s+(.+?)\\s*$"),
                                            QRegularExpression::MultilineOption);
    QStringList lines;
    for (auto it = problem.globalMatch(QString(output).remove(QLatin1Char('\r'))); it.hasNext();) {
        const QString line = it.next().captured(1);
        if (line != QLatin1String("Push failed") && !lines.contains(line))
            lines.append(line);
    }
    return lines.join(QLatin1Char('\n'));
}

int releasedVersion(const QString &output)
{
    static const QRegularExpression released(QStringLiteral("Released v(\\d+)"));
    int version = 0;
    for (auto it = released.globalMatch(output); it.hasNext();)
        version = it.next().captured(1).toInt();
    return version;
}

QString authorName(const QString &email)
{
    const QString local = email.section(QLatin1Char('@'), 0, 0);
    return local.isEmpty() ? QStringLiteral("Dynodesk") : local;
}

} // namespace detail

} // namespace dynodesk::ideplugin
