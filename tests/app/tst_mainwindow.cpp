// The main window with a real in-process emulator: the status bar names the platform, a project
// opens in the explorer and a double-click opens a file, the plugin host loads a plugin whose
// actions appear, the web view loads a page from a local server or shows a readable error page,
// the session and recent projects are kept, quitting stops the emulator, German loads.
#include "guitest.h"

#include "codeeditor.h"
#include "consoleview.h"
#include "editortabs.h"
#include "mainwindow.h"
#include "platformconnection.h"
#include "pluginloader.h"
#include "translations.h"
#include "webview.h"

#include <QDockWidget>
#include <QFile>
#include <QFileSystemModel>
#include <QLineEdit>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTranslator>
#include <QTreeView>
#include <QWebEnginePage>
#include <QWebEngineView>

#include <memory>
#include <optional>

using namespace dynodesk::app;

// A tiny HTTP/1.1 server for the web view on a free loopback port: "/" and "/second" are pages
// with titles, anything else is a 404 page with its own title; it counts requests per path.
class PageServer final : public QTcpServer {
public:
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(path));
    }
    int requests(const QString &path) const { return m_requests.value(path); }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            QByteArray &buffer = m_buffers[socket];
            buffer += socket->readAll();
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
            m_buffers.remove(socket);
            const QString path = QString::fromLatin1(requestLine.value(1));
            const int visit = ++m_requests[path];
            QByteArray status = "200 OK", title;
            if (path == QLatin1String("/"))
                title = "Hello app";
            else if (path == QLatin1String("/second"))
                title = "Second page";
            else
                status = "404 Not Found", title = "Page not found";
            const QByteArray body = "<!DOCTYPE html><html><head><title>" + title + "</title></head><body><p>" + title +
                                    ", visit " + QByteArray::number(visit) + "</p></body></html>";
            socket->write("HTTP/1.1 " + status + "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: "
                          "no-store\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size()) +
                          "\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
    }

private:
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QString, int> m_requests;
};

class TestMainWindow : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;
    QTemporaryDir m_project;
    PlatformConnection m_connection;

    static void copyFixture(const QString &to)
    {
        const QDir from(QStringLiteral(DYNODESK_FIXTURES_DIR "/node-basic"));
        for (const QString &name : from.entryList(QDir::Files))
            QFile::copy(from.filePath(name), to + QLatin1Char('/') + name);
    }

    static QAction *findAction(QWidget &window, const QString &objectName)
    {
        return window.findChild<QAction *>(objectName);
    }

    static constexpr int kLoadTimeout = 20000; // ms; every wait on the web view ends by then

    static void requireWebEngine()
    {
        if (QGuiApplication::platformName() == QLatin1String("offscreen"))
            QSKIP("QtWebEngine needs a display; ctest runs this test under xvfb-run (tests/CMakeLists.txt)");
    }

    // The page's visible text, read with JavaScript; waits at most kLoadTimeout.
    static QString pageText(WebView *web)
    {
        auto text = std::make_shared<std::optional<QString>>();
        web->view()->page()->runJavaScript(QStringLiteral("document.body ? document.body.innerText : ''"),
                                           [text](const QVariant &result) { *text = result.toString(); });
        if (!QTest::qWaitFor([&text] { return text->has_value(); }, kLoadTimeout))
            return QStringLiteral("(no answer from the page within %1 ms)").arg(kLoadTimeout);
        return **text;
    }

public:
    static void initMain() { guitest::prepare(); }

private slots:
    void initTestCase()
    {
        copyFixture(m_project.path());
        QVERIFY(m_connection.startLocal(m_data.path()));
    }

    void statusBarNamesTheLocalEmulator()
    {
        MainWindow window(m_connection, m_data.path());
        const QString text = window.connectionText();
        QVERIFY2(text.startsWith(QStringLiteral("Local emulator · 127.0.0.1:")), qPrintable(text));
        QCOMPARE(window.apiUrl(), m_connection.apiUrl());
    }

    void openFolderShowsTheTreeAndDoubleClickOpensAFile()
    {
        MainWindow window(m_connection, m_data.path());
        window.show();
        window.openProject(m_project.path());
        QCOMPARE(window.currentProject(), QFileInfo(m_project.path()).absoluteFilePath());
        QTreeView *tree = window.projectTree();
        auto *model = static_cast<QFileSystemModel *>(tree->model());
        const QString server = m_project.filePath(QStringLiteral("server.js"));
        QModelIndex index;
        QTRY_VERIFY((index = model->index(server)).isValid() && tree->visualRect(index).isValid());
        tree->scrollTo(index);
        const QPoint at = tree->visualRect(index).center();
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at);
        QTRY_COMPARE(window.editors()->count(), 1);
        QCOMPARE(window.editors()->tabText(0), QStringLiteral("server.js"));
        QVERIFY(window.editors()->currentEditor()->toPlainText().contains(QStringLiteral("PORT")));
        QCOMPARE(window.settings().recentProjects.value(0), window.currentProject());
    }

    void sessionRestoresTheProjectAndOpenFiles()
    {
        {
            MainWindow window(m_connection, m_data.path());
            window.openProject(m_project.path());
            window.openFile(m_project.filePath(QStringLiteral("package.json")));
            window.show();
            QVERIFY(window.close());
        }
        MainWindow again(m_connection, m_data.path());
        again.restoreSession();
        QCOMPARE(again.currentProject(), QFileInfo(m_project.path()).absoluteFilePath());
        QCOMPARE(again.editors()->openFiles(), QStringList{m_project.filePath(QStringLiteral("package.json"))});
        QVERIFY(!again.recentMenu()->actions().isEmpty());
    }

    void closingWithUnsavedWorkCanBeCancelled()
    {
        MainWindow window(m_connection, m_data.path());
        window.show();
        QTest::keyClicks(window.editors()->openFile(m_project.filePath(QStringLiteral("README.txt"))),
                         QStringLiteral("x"));
        guitest::answerNextMessageBox(QMessageBox::Cancel);
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        guitest::answerNextMessageBox(QMessageBox::Discard);
        QVERIFY(window.close());
    }

    void pluginHostLoadsAPluginAndItsActionsAppear()
    {
        MainWindow window(m_connection, m_data.path());
        QString error;
        QCOMPARE(loadPlugin(QStringLiteral(DYNODESK_TEST_PLUGIN), window, &error), QStringLiteral("Test plugin"));
        QAction *action = findAction(window, QStringLiteral("testPluginAction"));
        QVERIFY(action);
        QMenu *platformMenu = nullptr;
        for (QAction *top : window.menuBar()->actions())
            if (top->text() == QStringLiteral("&Platform"))
                platformMenu = top->menu();
        QVERIFY(platformMenu && platformMenu->actions().contains(action));
        QCOMPARE(window.menuBar()->actions().constLast()->text(), QStringLiteral("&Help")); // Help stays last
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("Test View")));
        QVERIFY(window.projectTree()->actions().contains(findAction(window, QStringLiteral("testContextAction"))));

        action->trigger();
        QVERIFY(window.console(QStringLiteral("Test"))->toPlainText().contains(QStringLiteral("hello from ") +
                                                                                 m_connection.apiUrl()));
        QVERIFY(loadPlugin(QStringLiteral("/nonexistent/libx.so"), window, &error).isEmpty());
        QVERIFY(!error.isEmpty());
    }

    void webViewLoadsNavigatesAndReloads()
    {
        requireWebEngine();
        PageServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        MainWindow window(m_connection, m_data.path());
        window.show();
        const QUrl first = server.url(QStringLiteral("/"));
        window.openUrl(first);
        WebView *web = window.webView();
        QVERIFY(web->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(web->view()->title(), QStringLiteral("Hello app"), kLoadTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(web->url(), first, kLoadTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(web->addressField()->text(), first.toDisplayString(), kLoadTimeout);
        QVERIFY(!web->backAction()->isEnabled());

        // The address field: type a URL and press Enter.
        const QUrl second = server.url(QStringLiteral("/second"));
        web->addressField()->clear();
        QTest::keyClicks(web->addressField(), second.toString());
        QTest::keyClick(web->addressField(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(web->view()->title(), QStringLiteral("Second page"), kLoadTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(web->addressField()->text(), second.toDisplayString(), kLoadTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(web->backAction()->isEnabled(), kLoadTimeout);
        QVERIFY(!web->forwardAction()->isEnabled());

        web->backAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(web->view()->title(), QStringLiteral("Hello app"), kLoadTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(web->addressField()->text(), first.toDisplayString(), kLoadTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(web->forwardAction()->isEnabled(), kLoadTimeout);

        web->forwardAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(web->view()->title(), QStringLiteral("Second page"), kLoadTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(web->addressField()->text(), second.toDisplayString(), kLoadTimeout);

        // Reload asks the server again and shows what it answers now.
        const int served = server.requests(QStringLiteral("/second"));
        QSignalSpy finished(web, &WebView::loadFinished);
        web->reloadAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kLoadTimeout);
        QCOMPARE(finished.constFirst().constFirst().toBool(), true);
        QCOMPARE(server.requests(QStringLiteral("/second")), served + 1);
        QCOMPARE(web->view()->title(), QStringLiteral("Second page"));
        QVERIFY(pageText(web).contains(QStringLiteral("visit %1").arg(served + 1)));
    }

    void webViewShowsAReadableErrorPage()
    {
        requireWebEngine();
        quint16 closedPort = 0;
        {
            QTcpServer probe; // a port that was free a moment ago and is closed now
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            closedPort = probe.serverPort();
        }
        MainWindow window(m_connection, m_data.path());
        window.show();
        WebView *web = window.webView();
        QSignalSpy finished(web, &WebView::loadFinished);
        const QUrl gone(QStringLiteral("http://127.0.0.1:%1/gone").arg(closedPort));
        window.openUrl(gone);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kLoadTimeout);
        QCOMPARE(finished.constFirst().constFirst().toBool(), false);
        const QString heading = QStringLiteral("Cannot open %1").arg(gone.toDisplayString());
        QTRY_COMPARE_WITH_TIMEOUT(web->view()->title(), heading, kLoadTimeout);
        const QString text = pageText(web);
        QVERIFY2(text.contains(heading) && text.contains(QStringLiteral("Is the app running?")) &&
                         text.contains(QStringLiteral("press Reload")),
                 qPrintable(text));
        QCOMPARE(web->addressField()->text(), gone.toDisplayString()); // not the error page's data: URL
        QCOMPARE(web->url(), gone);

        // Once the app listens there, Reload loads the page itself.
        PageServer server;
        if (!server.listen(QHostAddress::LocalHost, closedPort))
            QSKIP("the closed port was taken by another process in the meantime");
        finished.clear();
        web->reloadAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(web->view()->title(), QStringLiteral("Page not found"), kLoadTimeout);
        QVERIFY(server.requests(QStringLiteral("/gone")) >= 1);
        QCOMPARE(web->url(), gone);
        QCOMPARE(web->addressField()->text(), gone.toDisplayString());
    }

    void aboutListsVersionsAndSaysOnceThatHighlightingIsUnavailable()
    {
        MainWindow window(m_connection, m_data.path());
        window.show();
        QString text;
        guitest::answerNextMessageBox(QMessageBox::Ok, &text);
        findAction(window, QStringLiteral("aboutAction"))->trigger();
        QVERIFY2(text.contains(QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion()))), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("libgit2 ")), qPrintable(text));
#ifdef DYNODESK_HAVE_KSYNTAXHIGHLIGHTING
        QVERIFY2(!text.contains(QStringLiteral("unavailable")), qPrintable(text));
#else
        QVERIFY2(text.contains(QStringLiteral("KSyntaxHighlighting not available")), qPrintable(text));
        QCOMPARE(text.count(QStringLiteral("highlighting is unavailable")), 1);
#endif
    }

    void germanTranslationLoads()
    {
        QVERIFY(installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German, QLocale::Germany)));
        MainWindow window(m_connection, m_data.path());
        QCOMPARE(window.menuBar()->actions().constFirst()->text(), QStringLiteral("&Datei"));
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("consoleDock"))->windowTitle() ==
                QStringLiteral("Konsole"));
        for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>())
            QCoreApplication::removeTranslator(t);
    }

    void quittingStopsTheEmulator()
    {
        const QString url = m_connection.apiUrl();
        m_connection.stop();
        QVERIFY(!m_connection.isConnected());
        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(QNetworkRequest(QUrl(url + QStringLiteral("/schema"))));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
