#include "postgrescommand.h"

#include "core/childprocess.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>

#include <sys/stat.h>
#include <unistd.h>

namespace dynodesk::addons::postgres {

static constexpr int CommandTimeoutMs = 120000;

PostgresCommand::PostgresCommand(QString workDir) : m_dir(std::move(workDir)) {}

PostgresCommand::Output PostgresCommand::run(const QString &program, const QStringList &args, bool asServiceUser,
                                             const QString &password) const
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    if (!password.isEmpty())
        env.insert(QStringLiteral("PGPASSWORD"), password);
    env.remove(QStringLiteral("PGDATA"));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(m_dir);
    core::inheritOnlyStdio(p); // the server pg_ctl starts lives on: it must hold none of ours
    if (asServiceUser && m_user) {
        QStringList wrapped{QStringLiteral("--reuid=%1").arg(m_user->uid), QStringLiteral("--regid=%1").arg(m_user->gid),
                            QStringLiteral("--init-groups"), QStringLiteral("--"), program};
        p.start(QStringLiteral("setpriv"), wrapped + args);
    } else {
        p.start(program, args);
    }
    Output o;
    if (!p.waitForStarted(10000)) {
        o.err = p.errorString();
        return o;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(CommandTimeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        o.err = QStringLiteral("%1 did not finish in time").arg(QFileInfo(program).fileName());
        return o;
    }
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = QString::fromUtf8(p.readAllStandardOutput());
    o.err = QString::fromUtf8(p.readAllStandardError());
    return o;
}

bool PostgresCommand::giveToServiceUser(const QString &path, unsigned mode) const
{
    const QByteArray native = QFile::encodeName(path);
    if (m_user && chown(native.constData(), m_user->uid, m_user->gid) != 0)
        return false;
    chmod(native.constData(), mode);
    return true;
}

} // namespace dynodesk::addons::postgres
