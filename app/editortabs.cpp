#include "editortabs.h"

#include "codeeditor.h"

#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStringDecoder>
#include <QTextBlock>
#include <QVBoxLayout>

namespace dynodesk::app {

EditorTabs::EditorTabs(QWidget *parent) : QTabWidget(parent), m_watcher(new QFileSystemWatcher(this))
{
    setDocumentMode(true);
    setTabsClosable(true);
    setMovable(true);
    connect(this, &QTabWidget::tabCloseRequested, this, &EditorTabs::closeTab);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &EditorTabs::fileChangedOnDisk);
}

CodeEditor *EditorTabs::editorAt(int index) const
{
    QWidget *page = widget(index);
    return page ? page->findChild<CodeEditor *>() : nullptr;
}

CodeEditor *EditorTabs::currentEditor() const { return editorAt(currentIndex()); }

CodeEditor *EditorTabs::editorFor(const QString &path) const
{
    const QString canonical = QFileInfo(path).absoluteFilePath();
    for (int i = 0; i < count(); ++i)
        if (CodeEditor *e = editorAt(i); e && m_documents.value(e).path == canonical)
            return e;
    return nullptr;
}

QString EditorTabs::pathOf(const CodeEditor *editor) const { return m_documents.value(editor).path; }

QStringList EditorTabs::openFiles() const
{
    QStringList paths;
    for (int i = 0; i < count(); ++i)
        if (CodeEditor *e = editorAt(i))
            paths.append(m_documents.value(e).path);
    return paths;
}

CodeEditor *EditorTabs::openFile(const QString &path)
{
    if (CodeEditor *open = editorFor(path)) {
        setCurrentWidget(open->parentWidget());
        return open;
    }
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *banner = new QLabel(page);
    banner->setObjectName(QStringLiteral("notice"));
    banner->setWordWrap(true);
    banner->setStyleSheet(QStringLiteral("padding: 6px; background: #fff3cd; color: #5c4400;"));
    banner->hide();
    auto *editor = new CodeEditor(page);
    layout->addWidget(banner);
    layout->addWidget(editor);
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!load(editor, absolute)) {
        delete page;
        emit notice(tr("Cannot open %1.").arg(absolute));
        return nullptr;
    }
    editor->setFont(m_font);
    editor->setTabWidth(m_tabWidth);
    editor->setDarkTheme(m_dark);
    editor->setFileName(absolute);
    setCurrentIndex(addTab(page, QFileInfo(absolute).fileName()));
    setTabToolTip(currentIndex(), absolute);
    connect(editor->document(), &QTextDocument::modificationChanged, this, [this, editor] { updateTitle(editor); });
    m_watcher->addPath(absolute);
    editor->setFocus();
    return editor;
}

// Reads the file into the editor. Text that is not valid UTF-8, binary data and very large files
// are shown read-only with a notice, so a save can never corrupt them.
bool EditorTabs::load(CodeEditor *editor, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const qint64 size = file.size();
    QByteArray bytes = file.read(size > maxEditableBytes ? previewBytes : size);
    QString notice;
    QString text;
    if (size > maxEditableBytes) {
        if (const qsizetype lineEnd = bytes.lastIndexOf('\n'); lineEnd > 0)
            bytes.truncate(lineEnd + 1); // whole lines (and no UTF-8 sequence cut in two)
        text = QString::fromUtf8(bytes);
        notice = tr("This file is %1 MB, too large to edit here. Its first %2 kB are shown, read-only.")
                         .arg(size / (1024 * 1024))
                         .arg(bytes.size() / 1024);
    } else {
        QStringDecoder decoder(QStringDecoder::Utf8);
        text = decoder(bytes);
        if (bytes.contains('\0'))
            notice = tr("This looks like a binary file. It is shown read-only.");
        else if (decoder.hasError())
            notice = tr("This file is not UTF-8 text. It is shown read-only so that saving cannot change it.");
    }
    Document &doc = m_documents[editor];
    doc.path = path;
    doc.savedBytes = bytes;
    doc.readOnlyContent = !notice.isEmpty();
    editor->setPlainText(text);
    editor->document()->setModified(false);
    editor->setReadOnly(doc.readOnlyContent);
    auto *banner = editor->parentWidget()->findChild<QLabel *>(QStringLiteral("notice"));
    banner->setText(notice);
    banner->setVisible(!notice.isEmpty());
    return true;
}

void EditorTabs::updateTitle(CodeEditor *editor)
{
    const int index = indexOf(editor->parentWidget());
    const QString name = QFileInfo(m_documents.value(editor).path).fileName();
    setTabText(index, editor->document()->isModified() ? tr("%1 *").arg(name) : name);
}

bool EditorTabs::save(CodeEditor *editor)
{
    if (!editor || !m_documents.contains(editor))
        return false;
    Document &doc = m_documents[editor];
    if (doc.readOnlyContent) {
        emit notice(tr("%1 is read-only here and was not saved.").arg(doc.path));
        return false;
    }
    const QByteArray bytes = editor->toPlainText().toUtf8();
    QSaveFile file(doc.path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        QMessageBox::warning(this, tr("Save failed"),
                             tr("Could not save %1: %2").arg(doc.path, file.errorString()));
        return false;
    }
    doc.savedBytes = bytes;
    editor->document()->setModified(false);
    m_watcher->addPath(doc.path); // a rename-on-save drops the watch
    emit notice(tr("Saved %1").arg(doc.path));
    return true;
}

bool EditorTabs::saveAll()
{
    bool all = true;
    for (int i = 0; i < count(); ++i)
        if (CodeEditor *e = editorAt(i); e && e->document()->isModified())
            all = save(e) && all;
    return all;
}

bool EditorTabs::closeTab(int index)
{
    CodeEditor *editor = editorAt(index);
    if (editor && editor->document()->isModified()) {
        setCurrentIndex(index);
        QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                        tr("%1 has unsaved changes. Save them before closing?")
                                .arg(QFileInfo(m_documents.value(editor).path).fileName()),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("unsavedChanges"));
        box.setDefaultButton(QMessageBox::Save);
        const int answer = box.exec();
        if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !save(editor)))
            return false;
    }
    if (editor)
        m_watcher->removePath(m_documents.take(editor).path);
    QWidget *page = widget(index);
    removeTab(index);
    delete page;
    return true;
}

bool EditorTabs::closeAll()
{
    while (count() > 0)
        if (!closeTab(count() - 1))
            return false;
    return true;
}

void EditorTabs::applyEditorSettings(const QFont &font, int tabWidth, bool dark)
{
    m_font = font;
    m_tabWidth = tabWidth;
    m_dark = dark;
    for (int i = 0; i < count(); ++i)
        if (CodeEditor *e = editorAt(i)) {
            e->setFont(font);
            e->setTabWidth(tabWidth);
            e->setDarkTheme(dark);
        }
}

void EditorTabs::fileChangedOnDisk(const QString &path)
{
    CodeEditor *editor = editorFor(path);
    if (!editor)
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        emit notice(tr("%1 was removed or renamed on disk.").arg(path));
        return;
    }
    m_watcher->addPath(path);
    const QByteArray bytes = file.read(maxEditableBytes);
    if (bytes == m_documents.value(editor).savedBytes)
        return; // our own save, or a touch
    if (editor->document()->isModified()) {
        const auto answer = QMessageBox::question(
                this, tr("File changed on disk"),
                tr("%1 changed on disk and has unsaved changes here. Reload it and lose your changes?").arg(path),
                QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return;
    }
    const int line = editor->textCursor().blockNumber();
    load(editor, path);
    QTextCursor cursor(editor->document()->findBlockByNumber(qMin(line, editor->blockCount() - 1)));
    editor->setTextCursor(cursor);
    emit notice(tr("Reloaded %1: it changed on disk.").arg(path));
}

} // namespace dynodesk::app
