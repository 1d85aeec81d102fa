#include "mainwindow.h"

#include "codeeditor.h"
#include "consoleview.h"
#include "editortabs.h"
#include "findbar.h"
#include "platformconnection.h"
#include "preferencesdialog.h"
#include "webview.h"

#include <algorithm>
#include <git2.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileSystemModel>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#ifdef DYNODESK_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/ksyntaxhighlighting_version.h>
#endif

namespace dynodesk::app {

MainWindow::MainWindow(PlatformConnection &connection, QString dataDir, QWidget *parent)
    : QMainWindow(parent), m_connection(connection), m_dataDir(std::move(dataDir)), m_editors(new EditorTabs(this)),
      m_findBar(new FindBar([this] { return m_editors->currentEditor(); }, this)),
      m_files(new QFileSystemModel(this)), m_tree(new QTreeView(this)), m_consoles(new QTabWidget(this)),
      m_connectionLabel(new QLabel(this))
{
    setWindowTitle(tr("Dynodesk"));
    QSettings store;
    m_settings = AppSettings::load(store);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_editors, 1);
    layout->addWidget(m_findBar);
    setCentralWidget(central);
    createDocks();
    createMenus();
    statusBar()->addPermanentWidget(m_connectionLabel);
    connect(&m_connection, &PlatformConnection::changed, this, &MainWindow::updateConnectionLabel);
    connect(m_editors, &EditorTabs::notice, this, &MainWindow::showStatus);
    updateConnectionLabel();
    applyEditorSettings();
    resize(1200, 760);
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks()
{
    m_files->setReadOnly(true);
    m_tree->setModel(m_files);
    m_tree->setHeaderHidden(true);
    for (int column = 1; column < m_files->columnCount(); ++column)
        m_tree->hideColumn(column);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        for (QAction *action : m_tree->actions())
            action->setData(m_files->filePath(current));
    });
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (!m_files->isDir(index))
            openFile(m_files->filePath(index));
    });
    auto *project = new QDockWidget(tr("Project"), this);
    project->setObjectName(QStringLiteral("projectDock"));
    project->setWidget(m_tree);
    addDockWidget(Qt::LeftDockWidgetArea, project);

    m_consoles->setDocumentMode(true);
    auto *consoleDock = new QDockWidget(tr("Console"), this);
    consoleDock->setObjectName(QStringLiteral("consoleDock"));
    consoleDock->setWidget(m_consoles);
    addDockWidget(Qt::BottomDockWidgetArea, consoleDock);
    console(tr("Dynodesk"));
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("file"));
    file->addAction(tr("&Open Folder…"), QKeySequence::Open, this, &MainWindow::chooseFolder);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, this, [this] { m_editors->save(m_editors->currentEditor()); });
    file->addAction(tr("Save A&ll"), QKeySequence(tr("Ctrl+Shift+S")), m_editors, &EditorTabs::saveAll);
    file->addAction(tr("&Close Tab"), QKeySequence::Close, this,
                    [this] { m_editors->closeTab(m_editors->currentIndex()); });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Undo"), QKeySequence::Undo, this, [this] {
        if (CodeEditor *e = m_editors->currentEditor())
            e->undo();
    });
    edit->addAction(tr("&Redo"), QKeySequence::Redo, this, [this] {
        if (CodeEditor *e = m_editors->currentEditor())
            e->redo();
    });
    edit->addSeparator();
    edit->addAction(tr("&Find…"), QKeySequence::Find, m_findBar, &FindBar::showFind);
    edit->addAction(tr("Find and &Replace…"), QKeySequence::Replace, m_findBar, &FindBar::showReplace);
    edit->addSeparator();
    QAction *preferences = edit->addAction(tr("&Preferences…"), QKeySequence::Preferences, this,
                                           &MainWindow::showPreferences);
    preferences->setMenuRole(QAction::PreferencesRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());
    view->addAction(tr("&Browser"), this, [this] { webView()->parentWidget()->show(); });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Dynodesk"), this, &MainWindow::about);
    about->setMenuRole(QAction::AboutRole);
    about->setObjectName(QStringLiteral("aboutAction"));
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &folder : std::as_const(m_settings.recentProjects))
        m_recentMenu->addAction(folder, this, [this, folder] { openProject(folder); });
    m_recentMenu->setEnabled(!m_settings.recentProjects.isEmpty());
}

void MainWindow::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Folder"), m_project);
    if (!folder.isEmpty())
        openProject(folder);
}

void MainWindow::openProject(const QString &folder)
{
    if (!QFileInfo(folder).isDir())
        return showStatus(tr("%1 is not a folder.").arg(folder));
    m_project = QFileInfo(folder).absoluteFilePath();
    m_tree->setRootIndex(m_files->setRootPath(m_project));
    setWindowTitle(tr("%1 — Dynodesk").arg(QFileInfo(m_project).fileName()));
    m_settings.addRecentProject(m_project);
    QSettings store;
    m_settings.save(store);
    updateRecentMenu();
    // The explorer comes forward (a plugin's dock may share its place).
    if (auto *dock = findChild<QDockWidget *>(QStringLiteral("projectDock")))
        QTimer::singleShot(0, dock, &QWidget::raise);
}

void MainWindow::restoreSession()
{
    QSettings store;
    restoreGeometry(store.value(QStringLiteral("session/geometry")).toByteArray());
    restoreState(store.value(QStringLiteral("session/state")).toByteArray());
    const QString project = store.value(QStringLiteral("session/project")).toString();
    if (!project.isEmpty() && QFileInfo(project).isDir())
        openProject(project);
    for (const QString &path : store.value(QStringLiteral("session/files")).toStringList())
        if (QFileInfo(path).isFile())
            m_editors->openFile(path);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const QStringList files = m_editors->openFiles();
    if (!m_editors->closeAll()) {
        event->ignore();
        return;
    }
    QSettings store;
    store.setValue(QStringLiteral("session/geometry"), saveGeometry());
    store.setValue(QStringLiteral("session/state"), saveState());
    store.setValue(QStringLiteral("session/project"), m_project);
    store.setValue(QStringLiteral("session/files"), files);
    event->accept();
}

ConsoleView *MainWindow::console(const QString &source)
{
    for (int i = 0; i < m_consoles->count(); ++i)
        if (m_consoles->tabText(i) == source)
            return static_cast<ConsoleView *>(m_consoles->widget(i));
    auto *view = new ConsoleView(m_consoles);
    m_consoles->addTab(view, source);
    return view;
}

WebView *MainWindow::webView()
{
    if (!m_web) {
        m_web = new WebView(this);
        auto *dock = new QDockWidget(tr("Browser"), this);
        dock->setObjectName(QStringLiteral("browserDock"));
        dock->setWidget(m_web);
        addDockWidget(Qt::RightDockWidgetArea, dock);
        resizeDocks({dock}, {width() / 2}, Qt::Horizontal);
    }
    return m_web;
}

QString MainWindow::apiUrl() const { return m_connection.apiUrl(); }
QString MainWindow::apiToken() const { return m_connection.token(); }

void MainWindow::addDockView(const QString &title, QWidget *view)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(title);
    dock->setWidget(view);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    tabifyDockWidget(findChild<QDockWidget *>(QStringLiteral("projectDock")), dock);
}

void MainWindow::addMenuAction(const QString &menuTitle, QAction *action)
{
    // Each segment of the path names a menu by its objectName ("file") or its text ("&Platform").
    auto matches = [](QAction *a, const QString &segment) {
        return a->menu() && (a->menu()->objectName() == segment || a->text() == segment);
    };
    QMenu *menu = nullptr;
    for (const QString &segment : menuTitle.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        const QList<QAction *> actions = menu ? menu->actions() : menuBar()->actions();
        auto found = std::find_if(actions.begin(), actions.end(), [&](QAction *a) { return matches(a, segment); });
        if (found != actions.end()) {
            menu = (*found)->menu();
            continue;
        }
        auto *made = new QMenu(segment, this);
        made->setObjectName(segment);
        if (menu) // a new submenu goes first, as File › New does
            menu->insertMenu(actions.isEmpty() ? nullptr : actions.constFirst(), made);
        else
            menuBar()->insertMenu(menuBar()->actions().constLast(), made); // before Help
        menu = made;
    }
    if (!menu)
        return;
    // Into an existing menu the action goes before its last group (File's Quit stays last).
    const QList<QAction *> actions = menu->actions();
    auto lastSeparator = std::find_if(actions.rbegin(), actions.rend(), [](QAction *a) { return a->isSeparator(); });
    menu->insertAction(lastSeparator == actions.rend() ? nullptr : *lastSeparator, action);
}

QWidget *MainWindow::openView(const QString &title, QWidget *view)
{
    if (!view->objectName().isEmpty())
        for (int i = 0; i < m_editors->count(); ++i)
            if (m_editors->widget(i)->objectName() == view->objectName()) {
                delete view;
                m_editors->setCurrentIndex(i);
                return m_editors->widget(i);
            }
    m_editors->setCurrentIndex(m_editors->addTab(view, title));
    return view;
}

void MainWindow::addProjectContextAction(QAction *action) { m_tree->addAction(action); }

void MainWindow::openFile(const QString &path) { m_editors->openFile(path); }

void MainWindow::openUrl(const QUrl &url)
{
    WebView *web = webView();
    web->parentWidget()->show();
    web->load(url);
}

void MainWindow::writeConsole(const QString &source, const QString &text)
{
    // The source written to comes forward: a deploy's build output is what the user waits for.
    ConsoleView *view = console(source);
    m_consoles->setCurrentWidget(view);
    view->appendOutput(text);
}

void MainWindow::showStatus(const QString &message) { statusBar()->showMessage(message, 8000); }

QString MainWindow::connectionText() const { return m_connectionLabel->text(); }

void MainWindow::updateConnectionLabel()
{
    if (m_connection.isConnected()) {
        m_connectionLabel->setText(m_connection.description());
        m_connectionLabel->setStyleSheet(QString());
        writeConsole(tr("Dynodesk"), QStringLiteral("\x1b[32m%1\x1b[0m\n")
                                             .arg(tr("Connected: %1 (Platform API at %2).")
                                                          .arg(m_connection.description(), m_connection.apiUrl())));
    } else {
        m_connectionLabel->setText(m_connection.error().isEmpty()
                                           ? tr("Not connected")
                                           : tr("Not connected: %1").arg(m_connection.error()));
        m_connectionLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    }
    emit connectionChanged();
}

bool MainWindow::connectLocal() { return m_connection.isLocal() || m_connection.startLocal(m_dataDir); }

void MainWindow::connectRemote(const QString &apiUrl, const QString &token, const QString &description)
{
    m_connection.connectRemote(apiUrl, token, description);
}

void MainWindow::disconnectPlatform(const QString &reason) { m_connection.disconnectWithError(reason); }

void MainWindow::onConnectionChanged(QObject *context, std::function<void()> changed)
{
    connect(this, &MainWindow::connectionChanged, context, std::move(changed));
}

void MainWindow::addPreferencesPages(std::function<QList<IPreferencesPage *>(QWidget *)> makePages)
{
    m_preferencesPages.append(std::move(makePages));
}

PreferencesDialog *MainWindow::makePreferences()
{
    return new PreferencesDialog(m_settings, m_preferencesPages, this);
}

void MainWindow::showPreferences()
{
    std::unique_ptr<PreferencesDialog> owned(makePreferences());
    PreferencesDialog &dialog = *owned;
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings = dialog.settings();
    QSettings store;
    m_settings.save(store);
    applyEditorSettings();
}

void MainWindow::applyEditorSettings()
{
    bool dark = palette().color(QPalette::Base).lightness() < 128;
    if (m_settings.theme != QLatin1String("auto"))
        dark = m_settings.theme == QLatin1String("dark");
    m_editors->applyEditorSettings(m_settings.editorFont, m_settings.tabWidth, dark);
}

void MainWindow::about()
{
    int major = 0, minor = 0, patch = 0;
    git_libgit2_version(&major, &minor, &patch);
    const QString libgit2 = QStringLiteral("%1.%2.%3").arg(major).arg(minor).arg(patch);
#ifdef DYNODESK_HAVE_KSYNTAXHIGHLIGHTING
    const QString highlighting = QStringLiteral(KSYNTAXHIGHLIGHTING_VERSION_STRING);
    const QString note;
#else
    const QString highlighting = tr("not available");
    const QString note = QStringLiteral("<p>%1</p>").arg(
            tr("Full syntax highlighting is unavailable: KSyntaxHighlighting is not installed on this system, so a "
               "basic highlighter is used."));
#endif
    const QString text = QStringLiteral("<h3>%1</h3><p>%2</p><p>%3<br>%4<br>%5</p>%6")
                                 .arg(tr("Dynodesk %1").arg(QApplication::applicationVersion()),
                                      tr("A desktop IDE for Procfile apps with an emulator of the platform inside."),
                                      tr("Qt %1").arg(QString::fromLatin1(qVersion())), tr("libgit2 %1").arg(libgit2),
                                      tr("KSyntaxHighlighting %1").arg(highlighting), note);
    QMessageBox::about(this, tr("About Dynodesk"), text);
}

} // namespace dynodesk::app
