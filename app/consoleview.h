#pragma once

#include <QPlainTextEdit>
#include <QTextCharFormat>

namespace dynodesk::app {

// The console: output streams (build output, logs, one-off commands) in a monospace view.
// ANSI SGR colours are honoured, the view follows the end unless the user has scrolled up, and
// only the last `maximumBlockCount()` lines are kept.
class ConsoleView final : public QPlainTextEdit {
    Q_OBJECT
public:
    static constexpr int defaultMaxLines = 10000;

    explicit ConsoleView(QWidget *parent = nullptr);

    // Appends raw output, which may contain ANSI escape sequences and partial lines.
    void appendOutput(const QString &text);
    bool isFollowing() const;

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void applySgr(const QString &parameters);

    QTextCharFormat m_base;
    QTextCharFormat m_format;
    QString m_pendingEscape;
};

} // namespace dynodesk::app
