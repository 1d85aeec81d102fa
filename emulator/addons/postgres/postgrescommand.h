#pragma once

#include "serviceuser.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace dynodesk::addons::postgres {

// Runs the cluster's programs (initdb, pg_ctl, psql, pg_dump, openssl...) in the cluster's
// directory with a clean environment, as the service user when one is set and asked for.
class PostgresCommand final {
public:
    struct Output {
        int exitCode = -1;
        QString out;
        QString err;
    };

    explicit PostgresCommand(QString workDir);

    void setWorkDir(QString dir) { m_dir = std::move(dir); }
    void setServiceUser(std::optional<ServiceUser> user) { m_user = std::move(user); }
    const std::optional<ServiceUser> &serviceUser() const { return m_user; }

    Output run(const QString &program, const QStringList &args, bool asServiceUser, const QString &password = {}) const;
    // Gives `path` to the service user (if any) with `mode`; false if chown fails.
    bool giveToServiceUser(const QString &path, unsigned mode) const;

private:
    QString m_dir;
    std::optional<ServiceUser> m_user;
};

} // namespace dynodesk::addons::postgres
