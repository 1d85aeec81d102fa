#pragma once

#include "core/apierror.h"

#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QString>

#include <optional>

#include <signal.h>

namespace dynodesk::addons::postgres::detail {

// The cluster's superuser, made by initdb; the emulator alone knows its password.
inline const QString Superuser = QStringLiteral("dynodesk");

// An internal error naming what failed and the program's own words.
inline core::ApiError failure(const QString &what, const QString &detail)
{
    return core::ApiError::internal((what + QStringLiteral(": ") + detail.trimmed()).toStdString());
}

// A database and role name that is safe to put in SQL unquoted.
inline bool validName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z0-9_]{0,62}$"));
    return re.match(name).hasMatch();
}

// A password or secret of `length` hex digits from the system's random source.
inline QString randomHex(int length)
{
    static const char digits[] = "0123456789abcdef";
    QString s;
    for (int i = 0; i < length; ++i)
        s += QChar(digits[QRandomGenerator::system()->bounded(16)]);
    return s;
}

// The pid in a server's `postmaster.pid`, if that process is alive.
inline std::optional<qint64> livePostmaster(const QString &pidFile)
{
    QFile f(pidFile);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const qint64 pid = QString::fromLatin1(f.readLine()).trimmed().toLongLong();
    if (pid > 0 && kill(static_cast<pid_t>(pid), 0) == 0)
        return pid;
    return std::nullopt;
}

inline core::ApiError invalidName()
{
    return core::ApiError::invalidParams("invalid database name");
}

} // namespace dynodesk::addons::postgres::detail
