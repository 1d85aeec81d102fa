#include "snapshotdetail.h"

#include "core/childprocess.h"

#include <QProcess>

namespace dynodesk::snapshot::detail {

core::ApiError refused(const QString &why)
{
    return core::ApiError::invalidParams(
            ("This is not a usable Dynodesk snapshot: " + why + ". Nothing was written.").toStdString());
}

core::ApiError ToolRun::failure(const QString &what) const
{
    return core::ApiError::internal((what + QStringLiteral(": ") + QString::fromUtf8(err.trimmed())).toStdString());
}

ToolRun runTool(const QString &program, const QStringList &args)
{
    QProcess p;
    core::inheritOnlyStdio(p);
    p.start(program, args);
    ToolRun r;
    if (!p.waitForStarted(10000) || !p.waitForFinished(-1)) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace dynodesk::snapshot::detail
