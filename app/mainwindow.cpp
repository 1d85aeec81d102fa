#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>

namespace dynodesk::app {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_tabs(new QTabWidget(this)), m_connection(new QLabel(this))
{
    setWindowTitle(tr("Dynodesk"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    auto *welcome = new QLabel(tr("<h2>Dynodesk</h2><p>Develop, deploy and run Procfile apps on your desktop.</p>"),
                               m_tabs);
    welcome->setAlignment(Qt::AlignCenter);
    m_tabs->addTab(welcome, tr("Welcome"));
    setCentralWidget(m_tabs);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Dynodesk"), this, &MainWindow::about);

    m_connection->setText(tr("Not connected"));
    statusBar()->addPermanentWidget(m_connection);
    resize(1100, 720);
}

void MainWindow::setConnection(const QString &description, const QString &apiUrl, const QString &token)
{
    m_apiUrl = apiUrl;
    m_token = token;
    m_connection->setText(description);
}

void MainWindow::setConnectionError(const QString &message)
{
    m_apiUrl.clear();
    m_token.clear();
    m_connection->setText(tr("Not connected: %1").arg(message));
}

QString MainWindow::connectionText() const { return m_connection->text(); }

void MainWindow::addDockView(const QString &title, QWidget *view)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(title);
    dock->setWidget(view);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
}

void MainWindow::showStatus(const QString &message) { statusBar()->showMessage(message, 5000); }

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Dynodesk"),
                       tr("<h3>Dynodesk %1</h3><p>A desktop IDE for Procfile apps with an emulator of the "
                          "platform inside.</p><p>Qt %2</p>")
                               .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

} // namespace dynodesk::app
