#include "screenshots.h"

#include "editortabs.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "webview.h"

#include <QApplication>
#include <QDir>
#include <QTabWidget>
#include <QTimer>

namespace dynodesk::app {

static void save(QWidget &widget, const QString &dir, const QString &name)
{
    QApplication::processEvents();
    widget.grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

void takeScreenshots(MainWindow &window, const QString &dir, const QUrl &url)
{
    QDir().mkpath(dir);
    QTimer::singleShot(1500, &window, [&window, dir, url] {
        save(window, dir, QStringLiteral("main-window"));
        PreferencesDialog *preferences = window.makePreferences();
        preferences->show();
        for (int page = 0; page < preferences->pages()->count(); ++page) {
            preferences->pages()->setCurrentIndex(page);
            save(*preferences, dir, QStringLiteral("preferences-%1").arg(page + 1));
        }
        preferences->deleteLater();
        WebView *web = window.webView();
        QObject::connect(web, &WebView::loadFinished, &window, [&window, dir] {
            QTimer::singleShot(800, &window, [&window, dir] {
                save(window, dir, QStringLiteral("web-view"));
                window.editors()->closeAll();
                window.close();
            });
        });
        window.openUrl(url);
    });
}

} // namespace dynodesk::app
