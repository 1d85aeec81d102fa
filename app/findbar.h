#pragma once

#include <QWidget>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace dynodesk::app {

class CodeEditor;

// Find and replace in the current editor, shown under the editor tabs (Ctrl+F / Ctrl+H).
class FindBar final : public QWidget {
    Q_OBJECT
public:
    // `editor` returns the editor to search, or null when none is open.
    explicit FindBar(std::function<CodeEditor *()> editor, QWidget *parent = nullptr);

    void showFind();
    void showReplace();
    QLineEdit *findField() const { return m_find; }
    QLineEdit *replaceField() const { return m_replace; }
    QString result() const;

    void findNext();
    void replaceNext();
    void replaceAll();

private:
    std::function<CodeEditor *()> m_editor;
    QLineEdit *m_find;
    QLineEdit *m_replace;
    QCheckBox *m_case;
    QLabel *m_result;
    QWidget *m_replaceRow;
};

} // namespace dynodesk::app
