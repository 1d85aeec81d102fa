#pragma once

#include <QFont>
#include <QHash>
#include <QTabWidget>

class QFileSystemWatcher;

namespace dynodesk::app {

class CodeEditor;

// The tabbed editor area: one CodeEditor per open file, a `*` on tabs with unsaved changes, a
// prompt before unsaved work is closed, and a reload when a file changes on disk. Files that are
// not UTF-8 text, or too large to edit, open read-only with a notice above the text.
class EditorTabs final : public QTabWidget {
    Q_OBJECT
public:
    // Above this size a file opens read-only and only its beginning is shown.
    static constexpr qint64 maxEditableBytes = 8 * 1024 * 1024;
    // How much of a file above that size is shown: laying out megabytes of text (worst: one long
    // line) would freeze the window for seconds.
    static constexpr qint64 previewBytes = 1024 * 1024;

    explicit EditorTabs(QWidget *parent = nullptr);

    CodeEditor *openFile(const QString &path);
    CodeEditor *currentEditor() const;
    CodeEditor *editorFor(const QString &path) const;
    QString pathOf(const CodeEditor *editor) const;
    QStringList openFiles() const;

    bool save(CodeEditor *editor);
    bool saveAll();
    // Closes a tab; with unsaved changes asks to save, discard or cancel. False when cancelled.
    bool closeTab(int index);
    bool closeAll();

    void applyEditorSettings(const QFont &font, int tabWidth, bool dark);

signals:
    void notice(const QString &message);

private:
    struct Document {
        QString path;
        QByteArray savedBytes; // what the file held when it was loaded or last saved
        bool readOnlyContent = false;
    };
    CodeEditor *editorAt(int index) const;
    bool load(CodeEditor *editor, const QString &path);
    void updateTitle(CodeEditor *editor);
    void fileChangedOnDisk(const QString &path);

    QFileSystemWatcher *m_watcher;
    QHash<const CodeEditor *, Document> m_documents;
    QFont m_font;
    int m_tabWidth = 4;
    bool m_dark = false;
};

} // namespace dynodesk::app
