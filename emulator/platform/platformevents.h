#pragma once

#include <QObject>
#include <QString>

namespace dynodesk::platform {

// What the services tell the components that converge actual state to the desired one (the
// supervisor, the router's table, the log drains, the deployer's files). Emitted on the core
// thread, only after the change they tell of has committed.
class PlatformEvents final : public QObject {
    Q_OBJECT
signals:
    void releaseCreated(const QString &appId, qint64 version);
    void formationChanged(const QString &appId);
    void appDestroyed(const QString &appId);
    void buildFinished(const QString &appId, const QString &buildId, bool succeeded);
    // Something the router looks at changed: name, maintenance or domains.
    void routingChanged(const QString &appId);
    // An app's log drains were added or removed.
    void drainsChanged(const QString &appId);
};

} // namespace dynodesk::platform
