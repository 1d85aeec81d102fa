#pragma once

#include <QString>
#include <QUrl>

namespace dynodesk::app {

class MainWindow;

// For tools/screenshots: after start-up, saves PNGs of the main window, each preferences page
// and the web view showing `url` into `dir`, then quits. Set by DYNODESK_SCREENSHOT_DIR.
void takeScreenshots(MainWindow &window, const QString &dir, const QUrl &url);

} // namespace dynodesk::app
