#pragma once

#include <QString>
#include <QStringList>

namespace dynodesk::app {

class IPluginHost;

// Loads a Dynodesk plugin with QPluginLoader and initialises it with the host. Returns the
// plugin's name, or an empty string with `error` set.
QString loadPlugin(const QString &file, IPluginHost &host, QString *error = nullptr);

// The folders the IDE plugin is looked for in: the install's plugin dir, then the build tree.
QStringList pluginDirs(const QString &applicationDir);

// Loads every `libdynodesk-*plugin*.so` found in `dirs`; the first folder that has one wins.
QStringList loadPlugins(const QStringList &dirs, IPluginHost &host);

} // namespace dynodesk::app
