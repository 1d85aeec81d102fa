#pragma once

#include <QPlainTextEdit>

#include <memory>

#ifdef DYNODESK_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/Repository>
namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}
#endif

class QSyntaxHighlighter;

namespace dynodesk::app {

// A plain-text code editor in the shape of KSyntaxHighlighting's examples/codeeditor: a
// line-number gutter, the current line highlighted, syntax highlighting by file name (through
// KSyntaxHighlighting when it is available, a small built-in highlighter otherwise).
class CodeEditor final : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit CodeEditor(QWidget *parent = nullptr);
    ~CodeEditor() override;

    // Chooses the highlighting for a file name (Procfile, .env, app.json, *.py, ...).
    void setFileName(const QString &fileName);
    void setTabWidth(int spaces);
    void setDarkTheme(bool dark);

    // Finds the next match after the cursor, wrapping around once; false when there is none.
    bool findNext(const QString &text, bool caseSensitive = false);
    // Replaces the current match (if the selection is one) and moves to the next.
    bool replaceNext(const QString &text, const QString &replacement, bool caseSensitive = false);
    // Replaces every match as one undo step; returns how many.
    int replaceAll(const QString &text, const QString &replacement, bool caseSensitive = false);

    static bool hasFullHighlighting();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    class Gutter;
    int gutterWidth() const;
    void paintGutter(QPaintEvent *event);
    void highlightCurrentLine();

    Gutter *m_gutter;
    bool m_dark = false;
#ifdef DYNODESK_HAVE_KSYNTAXHIGHLIGHTING
    KSyntaxHighlighting::Repository m_repository;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
#else
    QSyntaxHighlighter *m_highlighter;
#endif
};

} // namespace dynodesk::app
