#include "consoleview.h"

#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QMenu>
#include <QRegularExpression>
#include <QScrollBar>

namespace dynodesk::app {

ConsoleView::ConsoleView(QWidget *parent) : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setMaximumBlockCount(defaultMaxLines);
    m_base.setForeground(palette().color(QPalette::Text));
    m_format = m_base;
}

bool ConsoleView::isFollowing() const
{
    const QScrollBar *bar = verticalScrollBar();
    return bar->value() >= bar->maximum() - 1;
}

// The 8 standard and 8 bright colours of a common terminal palette.
static QColor ansiColor(int index, bool bright)
{
    static const QColor normal[8] = {QColor(0, 0, 0),       QColor(0xcd, 0x31, 0x31), QColor(0x0d, 0xbc, 0x79),
                                     QColor(0xe5, 0xe5, 0x10), QColor(0x24, 0x72, 0xc8), QColor(0xbc, 0x3f, 0xbc),
                                     QColor(0x11, 0xa8, 0xcd), QColor(0xe5, 0xe5, 0xe5)};
    static const QColor light[8] = {QColor(0x66, 0x66, 0x66), QColor(0xf1, 0x4c, 0x4c), QColor(0x23, 0xd1, 0x8b),
                                    QColor(0xf5, 0xf5, 0x43), QColor(0x3b, 0x8e, 0xea), QColor(0xd6, 0x70, 0xd6),
                                    QColor(0x29, 0xb8, 0xdb), QColor(0xff, 0xff, 0xff)};
    return bright ? light[index] : normal[index];
}

void ConsoleView::applySgr(const QString &parameters)
{
    const QStringList codes = parameters.isEmpty() ? QStringList{QStringLiteral("0")} : parameters.split(QLatin1Char(';'));
    for (const QString &code : codes) {
        const int n = code.toInt();
        if (n == 0)
            m_format = m_base;
        else if (n == 1)
            m_format.setFontWeight(QFont::Bold);
        else if (n == 22)
            m_format.setFontWeight(QFont::Normal);
        else if (n == 4)
            m_format.setFontUnderline(true);
        else if (n == 24)
            m_format.setFontUnderline(false);
        else if (n >= 30 && n <= 37)
            m_format.setForeground(ansiColor(n - 30, false));
        else if (n >= 90 && n <= 97)
            m_format.setForeground(ansiColor(n - 90, true));
        else if (n == 39)
            m_format.setForeground(m_base.foreground());
        else if (n >= 40 && n <= 47)
            m_format.setBackground(ansiColor(n - 40, false));
        else if (n == 49)
            m_format.clearBackground();
    }
}

void ConsoleView::appendOutput(const QString &text)
{
    static const QRegularExpression escape(QStringLiteral("\x1b\\[([0-9;]*)([A-Za-z])"));
    const bool follow = isFollowing();
    const QString input = m_pendingEscape + text;
    m_pendingEscape.clear();
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    qsizetype from = 0;
    for (auto it = escape.globalMatch(input); it.hasNext();) {
        const auto m = it.next();
        cursor.insertText(input.mid(from, m.capturedStart() - from), m_format);
        if (m.captured(2) == QLatin1String("m"))
            applySgr(m.captured(1));
        from = m.capturedEnd();
    }
    QString rest = input.mid(from);
    // An escape sequence cut by a chunk boundary waits for the next chunk.
    if (const qsizetype esc = rest.lastIndexOf(QLatin1Char('\x1b')); esc >= 0 && rest.size() - esc < 16) {
        m_pendingEscape = rest.mid(esc);
        rest.truncate(esc);
    }
    cursor.insertText(rest, m_format);
    if (follow)
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void ConsoleView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createStandardContextMenu();
    menu->addSeparator();
    menu->addAction(tr("Clear"), this, &QPlainTextEdit::clear);
    menu->exec(event->globalPos());
    delete menu;
}

} // namespace dynodesk::app
