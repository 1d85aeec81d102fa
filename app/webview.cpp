#include "webview.h"

#include <QAction>
#include <QLineEdit>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>
#include <QWebEngineHistory>
#include <QWebEngineLoadingInfo>
#include <QWebEnginePage>
#include <QWebEngineSettings>
#include <QWebEngineView>

#include <utility>

namespace dynodesk::app {

WebView::WebView(QWidget *parent) : QWidget(parent), m_view(new QWebEngineView(this)), m_address(new QLineEdit(this))
{
    auto *bar = new QToolBar(this);
    bar->setIconSize(QSize(16, 16));
    m_back = bar->addAction(style()->standardIcon(QStyle::SP_ArrowBack), tr("Back"), m_view, &QWebEngineView::back);
    m_forward =
            bar->addAction(style()->standardIcon(QStyle::SP_ArrowForward), tr("Forward"), m_view, &QWebEngineView::forward);
    m_reload = bar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Reload"), this, [this] {
        if (m_failed.isValid()) {
            // Try the page that failed again, not the error page. Chromium turns a load of that
            // URL from our error page into a reload of the error page (which ends on
            // about:blank), so step onto about:blank first and load it from there.
            m_retry = m_failed;
            m_view->setUrl(QUrl(QStringLiteral("about:blank")));
        } else
            m_view->reload();
    });
    m_back->setShortcut(QKeySequence::Back);
    m_forward->setShortcut(QKeySequence::Forward);
    m_reload->setShortcut(QKeySequence::Refresh);
    m_address->setPlaceholderText(tr("Address"));
    m_address->setClearButtonEnabled(true);
    bar->addWidget(m_address);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(bar);
    layout->addWidget(m_view, 1);
    // Our own error page replaces Chromium's, which would flash first.
    m_view->settings()->setAttribute(QWebEngineSettings::ErrorPageEnabled, false);
    updateActions();

    connect(m_address, &QLineEdit::returnPressed, this, [this] { load(QUrl::fromUserInput(m_address->text())); });
    connect(m_view, &QWebEngineView::urlChanged, this, [this](const QUrl &url) {
        if (!isErrorPage(url) && url != m_failed) {
            m_failed.clear();
            m_address->setText(url.toDisplayString());
        }
        updateActions();
    });
    connect(m_view->page(), &QWebEnginePage::loadingChanged, this, [this](const QWebEngineLoadingInfo &info) {
        if (m_retry.isValid() && info.url() == QUrl(QStringLiteral("about:blank")) &&
            info.status() == QWebEngineLoadingInfo::LoadSucceededStatus)
            return load(std::exchange(m_retry, QUrl()));
        if (isErrorPage(info.url()))
            return updateActions();
        switch (info.status()) {
        case QWebEngineLoadingInfo::LoadSucceededStatus:
            updateActions();
            emit loadFinished(true);
            break;
        case QWebEngineLoadingInfo::LoadFailedStatus:
            // An HTTP error status comes with the server's own page (e.g. the router's), which
            // says more than ours would; anything else (refused, unknown host, ...) gets ours.
            if (info.errorDomain() == QWebEngineLoadingInfo::HttpStatusCodeDomain) {
                emit loadFinished(true);
                break;
            }
            showError(info.url());
            emit loadFinished(false);
            break;
        case QWebEngineLoadingInfo::LoadStartedStatus:
        case QWebEngineLoadingInfo::LoadStoppedStatus: // stopped or replaced by another navigation
            break;
        }
    });
}

void WebView::load(const QUrl &url)
{
    m_failed.clear();
    m_address->setText(url.toDisplayString());
    m_view->load(url);
}

// Our error page loads as a data: URL, reported as "" and about:blank on the way.
bool WebView::isErrorPage(const QUrl &url) const
{
    return m_failed.isValid() &&
           (url.isEmpty() || url.scheme() == QLatin1String("data") || url == QUrl(QStringLiteral("about:blank")));
}

QUrl WebView::url() const { return m_failed.isValid() ? m_failed : m_view->url(); }

void WebView::updateActions()
{
    m_back->setEnabled(m_view->history()->canGoBack());
    m_forward->setEnabled(m_view->history()->canGoForward());
}

void WebView::showError(const QUrl &url)
{
    m_failed = url;
    m_address->setText(url.toDisplayString());
    // No base URL: with the failed URL as its base, loading that URL again (Reload) went nowhere.
    m_view->setHtml(errorPage(url, tr("The page could not be loaded. Is the app running?")));
}

QString WebView::errorPage(const QUrl &url, const QString &reason)
{
    const QString title = tr("Cannot open %1").arg(url.toDisplayString()).toHtmlEscaped();
    return QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title></head>"
                          "<body style=\"font-family: sans-serif; margin: 3em; color: #333\">"
                          "<h2>%1</h2><p>%2</p><p>%3</p></body></html>")
            .arg(title, reason.toHtmlEscaped(),
                 tr("Check the address, start the app's web dyno, and press Reload.").toHtmlEscaped());
}

} // namespace dynodesk::app
