#include "pluginloader.h"

#include "iplugin.h"

#include <QDir>
#include <QPluginLoader>

namespace dynodesk::app {

QString loadPlugin(const QString &file, IPluginHost &host, QString *error)
{
    QPluginLoader loader(file);
    auto *plugin = qobject_cast<IPlugin *>(loader.instance());
    if (!plugin) {
        if (error)
            *error = loader.errorString();
        return {};
    }
    plugin->initialize(host);
    return plugin->name();
}

QStringList pluginDirs(const QString &applicationDir)
{
    return {applicationDir + QStringLiteral("/../" CMAKE_INSTALL_LIBDIR_STR "/dynodesk/plugins"),
            applicationDir + QStringLiteral("/../lib/dynodesk/plugins"), applicationDir + QStringLiteral("/../lib")};
}

QStringList loadPlugins(const QStringList &dirs, IPluginHost &host)
{
    QStringList loaded;
    for (const QString &dir : dirs) {
        const QDir d(dir);
        for (const QString &file : d.entryList({QStringLiteral("libdynodesk-ideplugin*.so")}, QDir::Files))
            if (const QString name = loadPlugin(d.absoluteFilePath(file), host); !name.isEmpty())
                loaded.append(name);
        if (!loaded.isEmpty())
            break;
    }
    return loaded;
}

} // namespace dynodesk::app
