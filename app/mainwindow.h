#pragma once

#include "iplugin.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace dynodesk::app {

// The IDE's main window: a tabbed central area, docks for plugins, and a status bar that says
// which platform is connected.
class MainWindow final : public QMainWindow, public IPluginHost {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    void setConnection(const QString &description, const QString &apiUrl, const QString &token);
    void setConnectionError(const QString &message);
    QString connectionText() const;

    QString apiUrl() const override { return m_apiUrl; }
    QString apiToken() const override { return m_token; }
    void addDockView(const QString &title, QWidget *view) override;
    void showStatus(const QString &message) override;

private:
    void about();

    QTabWidget *m_tabs;
    QLabel *m_connection;
    QString m_apiUrl, m_token;
};

} // namespace dynodesk::app
