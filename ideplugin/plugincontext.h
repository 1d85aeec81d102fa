#pragma once

#include "client/platformclient.h"
#include "iplugin.h"

#include <QObject>
#include <QString>

namespace dynodesk::ideplugin {

// What every view and wizard of the plugin shares: the shell's host interface, the Platform API
// client, and the signed-in account (for permissions). One per loaded plugin.
class PluginContext final : public QObject {
    Q_OBJECT
public:
    PluginContext(app::IPluginHost &host, QObject *parent = nullptr)
        : QObject(parent), host(host), client(host.network(), this)
    {
    }

    app::IPluginHost &host;
    PlatformClient client;
    QString accountEmail; // empty until GET /account answered

    // Tells the user what happened: the status bar, and the console for failures and results.
    void report(const QString &text) { host.showStatus(text); }
    void fail(const QString &what, const Reply &reply)
    {
        const QString line = reply.requestId.isEmpty()
                                     ? QStringLiteral("%1: %2").arg(what, reply.error)
                                     : QStringLiteral("%1: %2 (Request-Id %3)").arg(what, reply.error, reply.requestId);
        host.showStatus(line);
        host.writeConsole(tr("Platform"), QStringLiteral("\x1b[31m%1\x1b[0m\n").arg(line));
    }

signals:
    // Something changed on the platform through this plugin (an app made, renamed, destroyed…):
    // views refresh at once instead of at their next poll.
    void appsChanged();
    // Ask the plugin to open the app editor / a log view / the deploy dialog for an app.
    void appInfoRequested(const QString &app);
    void logsRequested(const QString &app);
    void deployRequested(const QString &app);
    void importRequested(const QString &app);
};

} // namespace dynodesk::ideplugin
