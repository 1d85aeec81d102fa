// A plugin for tst_mainwindow: adds a menu action, a dock and a project context entry, and writes
// to the console, through the host interface only.
#include "iplugin.h"

#include <QAction>
#include <QLabel>
#include <QObject>

class TestPlugin final : public QObject, public dynodesk::app::IPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DynodeskPlugin_iid)
    Q_INTERFACES(dynodesk::app::IPlugin)
public:
    QString name() const override { return QStringLiteral("Test plugin"); }
    void initialize(dynodesk::app::IPluginHost &host) override
    {
        auto *action = new QAction(QStringLiteral("Say Hello"), host.window());
        action->setObjectName(QStringLiteral("testPluginAction"));
        QObject::connect(action, &QAction::triggered, action, [&host] {
            host.writeConsole(QStringLiteral("Test"), QStringLiteral("hello from ") + host.apiUrl() + QLatin1Char('\n'));
        });
        host.addMenuAction(QStringLiteral("&Platform"), action);
        host.addDockView(QStringLiteral("Test View"), new QLabel(QStringLiteral("test view")));
        auto *context = new QAction(QStringLiteral("Test Context"), host.window());
        context->setObjectName(QStringLiteral("testContextAction"));
        host.addProjectContextAction(context);
    }
};

#include "testplugin.moc"
