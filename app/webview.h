#pragma once

#include <QUrl>
#include <QWidget>

class QAction;
class QLineEdit;
class QWebEngineView;

namespace dynodesk::app {

// A small browser for the running app: back, forward, reload, an address field, and a readable
// page when a load fails.
class WebView final : public QWidget {
    Q_OBJECT
public:
    explicit WebView(QWidget *parent = nullptr);

    void load(const QUrl &url);
    // The page's URL; after a failed load, the URL that failed (the error page stands in for it).
    QUrl url() const;
    QWebEngineView *view() const { return m_view; }
    QLineEdit *addressField() const { return m_address; }
    QAction *backAction() const { return m_back; }
    QAction *forwardAction() const { return m_forward; }
    QAction *reloadAction() const { return m_reload; }
    // The page shown when a load fails.
    static QString errorPage(const QUrl &url, const QString &reason);

signals:
    // After every load of a page the user asked for; `ok` is false when it failed and the error
    // page is shown instead.
    void loadFinished(bool ok);

private:
    void updateActions();
    void showError(const QUrl &url);
    bool isErrorPage(const QUrl &url) const;

    QWebEngineView *m_view;
    QLineEdit *m_address;
    QAction *m_back = nullptr;
    QAction *m_forward = nullptr;
    QAction *m_reload = nullptr;
    QUrl m_failed; // the URL whose error page is shown, if any
    QUrl m_retry;  // the failed URL Reload loads again once about:blank is reached
};

} // namespace dynodesk::app
