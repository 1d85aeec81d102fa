#include "serviceuser.h"

#include "postgresdetail.h"

#include "core/childprocess.h"

#include <QProcess>

#include <pwd.h>
#include <unistd.h>

namespace dynodesk::addons::postgres {

static std::optional<ServiceUser> lookupUser(const char *name)
{
    const passwd *pw = getpwnam(name);
    if (!pw)
        return std::nullopt;
    return ServiceUser{QString::fromLocal8Bit(name), pw->pw_uid, pw->pw_gid};
}

core::Result<std::optional<ServiceUser>> ServiceUser::forCurrentProcess()
{
    if (geteuid() != 0)
        return std::optional<ServiceUser>();
    for (const char *name : {"postgres", "dynodesk-postgres"}) {
        if (auto u = lookupUser(name))
            return std::optional<ServiceUser>(*u);
    }
    QProcess useradd;
    core::inheritOnlyStdio(useradd);
    useradd.start(QStringLiteral("useradd"), {QStringLiteral("--system"), QStringLiteral("--user-group"),
                                              QStringLiteral("--no-create-home"), QStringLiteral("--shell"),
                                              QStringLiteral("/usr/sbin/nologin"), QStringLiteral("dynodesk-postgres")});
    useradd.waitForFinished(30000);
    if (auto u = lookupUser("dynodesk-postgres"))
        return std::optional<ServiceUser>(*u);
    return detail::failure(QStringLiteral("PostgreSQL refuses to run as root and the user dynodesk-postgres could not be created"),
                           QString::fromLocal8Bit(useradd.readAllStandardError()));
}

} // namespace dynodesk::addons::postgres
