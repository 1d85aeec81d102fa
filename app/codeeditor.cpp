#include "codeeditor.h"

#include "simplehighlighter.h"

#include <QPainter>
#include <QTextBlock>

#ifdef DYNODESK_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#endif

namespace dynodesk::app {

class CodeEditor::Gutter final : public QWidget {
public:
    explicit Gutter(CodeEditor *editor) : QWidget(editor), m_editor(editor) {}
    QSize sizeHint() const override { return {m_editor->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintGutter(event); }

private:
    CodeEditor *m_editor;
};

CodeEditor::CodeEditor(QWidget *parent) : QPlainTextEdit(parent), m_gutter(new Gutter(this))
{
    setLineWrapMode(QPlainTextEdit::NoWrap);
#ifdef DYNODESK_HAVE_KSYNTAXHIGHLIGHTING
    m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document());
#else
    m_highlighter = new SimpleHighlighter(document());
#endif
    setDarkTheme(palette().color(QPalette::Base).lightness() < 128);
    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { setViewportMargins(gutterWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy)
            m_gutter->scroll(0, dy);
        else
            m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    });
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &CodeEditor::highlightCurrentLine);
    setViewportMargins(gutterWidth(), 0, 0, 0);
    highlightCurrentLine();
}

CodeEditor::~CodeEditor() = default;

bool CodeEditor::hasFullHighlighting()
{
#ifdef DYNODESK_HAVE_KSYNTAXHIGHLIGHTING
    return true;
#else
    return false;
#endif
}

void CodeEditor::setFileName(const QString &fileName)
{
#ifdef DYNODESK_HAVE_KSYNTAXHIGHLIGHTING
    m_highlighter->setDefinition(m_repository.definitionForFileName(fileName));
#else
    static_cast<SimpleHighlighter *>(m_highlighter)->setLanguage(SimpleHighlighter::languageFor(fileName));
#endif
}

void CodeEditor::setDarkTheme(bool dark)
{
    m_dark = dark;
#ifdef DYNODESK_HAVE_KSYNTAXHIGHLIGHTING
    m_highlighter->setTheme(m_repository.defaultTheme(dark ? KSyntaxHighlighting::Repository::DarkTheme
                                                           : KSyntaxHighlighting::Repository::LightTheme));
    m_highlighter->rehighlight();
#else
    static_cast<SimpleHighlighter *>(m_highlighter)->setDark(dark);
#endif
    highlightCurrentLine();
}

void CodeEditor::setTabWidth(int spaces)
{
    setTabStopDistance(spaces * fontMetrics().horizontalAdvance(QLatin1Char(' ')));
}

int CodeEditor::gutterWidth() const
{
    int digits = QString::number(qMax(1, blockCount())).size();
    return 10 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * qMax(3, digits);
}

void CodeEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_gutter->setGeometry(QRect(cr.left(), cr.top(), gutterWidth(), cr.height()));
}

void CodeEditor::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    const QColor base = palette().color(QPalette::Base);
    painter.fillRect(event->rect(), m_dark ? base.lighter(130) : base.darker(106));
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const int current = textCursor().blockNumber();
    for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
        const QRectF box = blockBoundingGeometry(block).translated(contentOffset());
        if (box.top() > event->rect().bottom())
            break;
        if (!block.isVisible() || box.bottom() < event->rect().top())
            continue;
        QFont f = font();
        f.setBold(block.blockNumber() == current);
        painter.setFont(f);
        painter.drawText(0, int(box.top()), m_gutter->width() - 5, fontMetrics().height(), Qt::AlignRight,
                         QString::number(block.blockNumber() + 1));
    }
}

void CodeEditor::highlightCurrentLine()
{
    QTextEdit::ExtraSelection line;
    const QColor base = palette().color(QPalette::Base);
    line.format.setBackground(m_dark ? base.lighter(140) : QColor(0xfd, 0xf6, 0xe3));
    line.format.setProperty(QTextFormat::FullWidthSelection, true);
    line.cursor = textCursor();
    line.cursor.clearSelection();
    setExtraSelections({line});
}

static QTextDocument::FindFlags flagsFor(bool caseSensitive)
{
    return caseSensitive ? QTextDocument::FindCaseSensitively : QTextDocument::FindFlags();
}

bool CodeEditor::findNext(const QString &text, bool caseSensitive)
{
    if (text.isEmpty())
        return false;
    if (find(text, flagsFor(caseSensitive)))
        return true;
    QTextCursor start(document());
    const QTextCursor match = document()->find(text, start, flagsFor(caseSensitive));
    if (match.isNull())
        return false;
    setTextCursor(match);
    return true;
}

bool CodeEditor::replaceNext(const QString &text, const QString &replacement, bool caseSensitive)
{
    QTextCursor cursor = textCursor();
    const Qt::CaseSensitivity cs = caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
    if (cursor.hasSelection() && cursor.selectedText().compare(text, cs) == 0 && !isReadOnly())
        cursor.insertText(replacement);
    return findNext(text, caseSensitive);
}

int CodeEditor::replaceAll(const QString &text, const QString &replacement, bool caseSensitive)
{
    if (text.isEmpty() || isReadOnly())
        return 0;
    int count = 0;
    QTextCursor edit(document());
    edit.beginEditBlock();
    for (QTextCursor match = document()->find(text, 0, flagsFor(caseSensitive)); !match.isNull();
         match = document()->find(text, match, flagsFor(caseSensitive))) {
        match.insertText(replacement);
        ++count;
    }
    edit.endEditBlock();
    return count;
}

} // namespace dynodesk::app
