#pragma once

#include <QString>

namespace dynodesk::addons::postgres {

// What an add-on's app uses to connect.
struct Credentials final {
    QString database;
    QString user;
    QString password;
    QString host;
    int port = 0;

    QString url() const // postgres://user:password@host:port/database
    {
        return QStringLiteral("postgres://%1:%2@%3:%4/%5").arg(user, password, host).arg(port).arg(database);
    }
};

} // namespace dynodesk::addons::postgres
