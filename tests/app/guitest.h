#pragma once

// Shared set-up for the desktop GUI tests: a temporary HOME (so QSettings, ~/.netrc and ~/.ssh
// are the test's own), WebEngine allowed to run as root, and a helper that answers the next
// modal message box.
#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <memory>

namespace guitest {

inline QTemporaryDir &home()
{
    static QTemporaryDir dir;
    return dir;
}

// Call from the test class's static initMain(), before QApplication exists.
inline void prepare()
{
    qputenv("HOME", home().path().toUtf8());
    qunsetenv("XDG_CONFIG_HOME");
    qunsetenv("XDG_DATA_HOME");
    qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    qputenv("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --no-sandbox");
    qputenv("LANGUAGE", "en");
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QCoreApplication::setOrganizationName(QStringLiteral("DynodeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("Dynodesk"));
}

// Clicks `button` on the next QMessageBox that opens (polls, since exec() blocks the caller).
// `seen` receives the box's text.
inline void answerNextMessageBox(QMessageBox::StandardButton button, QString *seen = nullptr)
{
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [button, seen, poll] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            if (seen)
                *seen = box->text();
            box->button(button)->click();
            return;
        }
        QTimer::singleShot(20, *poll);
    };
    QTimer::singleShot(0, *poll);
}

} // namespace guitest
