#pragma once

#include <QString>
#include <QtPlugin>

class QWidget;

namespace dynodesk::app {

// What the shell offers a plugin. The shell knows nothing about the platform beyond this.
class IPluginHost {
public:
    virtual ~IPluginHost() = default;
    // The Platform API the plugin talks to: base URL and token (in-process emulator or remote).
    virtual QString apiUrl() const = 0;
    virtual QString apiToken() const = 0;
    virtual void addDockView(const QString &title, QWidget *view) = 0;
    virtual void showStatus(const QString &message) = 0;
};

// A plugin the shell loads with QPluginLoader.
class IPlugin {
public:
    virtual ~IPlugin() = default;
    virtual QString name() const = 0;
    virtual void initialize(IPluginHost &host) = 0;
};

} // namespace dynodesk::app

#define DynodeskPlugin_iid "org.dynodesk.IPlugin/1.0"
Q_DECLARE_INTERFACE(dynodesk::app::IPlugin, DynodeskPlugin_iid)
