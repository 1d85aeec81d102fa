// The code editor area: open, edit, save, the modified marker, the unsaved-changes prompt, reload
// on a change on disk, read-only for files that are not UTF-8, find and replace, undo.
#include "guitest.h"

#include "codeeditor.h"
#include "editortabs.h"
#include "findbar.h"
#include "translations.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace dynodesk::app;

class TestEditorTabs : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(bytes);
        return path;
    }
    static QByteArray read(const QString &path)
    {
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        return file.readAll();
    }

    static void removeTranslators()
    {
        for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>()) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }

public:
    static void initMain() { guitest::prepare(); }

private slots:
    // As the app starts for an English-speaking user (the English translation gives the plurals).
    void initTestCase() { installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English)); }
    void editShowsTheMarkerAndSaveWritesTheFile()
    {
        const QString path = write(QStringLiteral("Procfile"), "web: node index.js\n");
        EditorTabs tabs;
        CodeEditor *editor = tabs.openFile(path);
        QVERIFY(editor);
        QCOMPARE(tabs.tabText(0), QStringLiteral("Procfile"));
        QCOMPARE(editor->toPlainText(), QStringLiteral("web: node index.js\n"));
        QVERIFY(!editor->isReadOnly());

        editor->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor, QStringLiteral("worker: node worker.js"));
        QCOMPARE(tabs.tabText(0), QStringLiteral("Procfile *"));
        QVERIFY(tabs.save(editor));
        QCOMPARE(tabs.tabText(0), QStringLiteral("Procfile"));
        QCOMPARE(read(path), QByteArray("web: node index.js\nworker: node worker.js"));

        editor->undo();
        QCOMPARE(editor->toPlainText(), QStringLiteral("web: node index.js\n"));
        QCOMPARE(tabs.tabText(0), QStringLiteral("Procfile *"));
        editor->redo();
        QCOMPARE(editor->toPlainText(), QStringLiteral("web: node index.js\nworker: node worker.js"));
    }

    void openingTwiceReusesTheTab()
    {
        const QString path = write(QStringLiteral("app.json"), "{}\n");
        EditorTabs tabs;
        QCOMPARE(tabs.openFile(path), tabs.openFile(path));
        QCOMPARE(tabs.count(), 1);
    }

    void closingUnsavedWorkAsksAndCancelKeepsIt()
    {
        const QString path = write(QStringLiteral("index.js"), "console.log(1)\n");
        EditorTabs tabs;
        CodeEditor *editor = tabs.openFile(path);
        QTest::keyClicks(editor, QStringLiteral("// edit "));

        QString asked;
        guitest::answerNextMessageBox(QMessageBox::Cancel, &asked);
        QVERIFY(!tabs.closeTab(0));
        QVERIFY2(asked.contains(QStringLiteral("index.js has unsaved changes")), qPrintable(asked));
        QCOMPARE(tabs.count(), 1);

        guitest::answerNextMessageBox(QMessageBox::Save);
        QVERIFY(tabs.closeTab(0));
        QCOMPARE(tabs.count(), 0);
        QCOMPARE(read(path), QByteArray("// edit console.log(1)\n"));
    }

    void discardClosesWithoutWriting()
    {
        const QString path = write(QStringLiteral("discard.txt"), "keep\n");
        EditorTabs tabs;
        QTest::keyClicks(tabs.openFile(path), QStringLiteral("junk"));
        guitest::answerNextMessageBox(QMessageBox::Discard);
        QVERIFY(tabs.closeAll());
        QCOMPARE(read(path), QByteArray("keep\n"));
    }

    void aChangeOnDiskReloadsAnUnmodifiedFile()
    {
        const QString path = write(QStringLiteral("requirements.txt"), "flask\n");
        EditorTabs tabs;
        CodeEditor *editor = tabs.openFile(path);
        QTest::qWait(50);
        write(QStringLiteral("requirements.txt"), "flask\ngunicorn\n");
        QTRY_COMPARE(editor->toPlainText(), QStringLiteral("flask\ngunicorn\n"));
        QVERIFY(!editor->document()->isModified());
    }

    void ownSaveDoesNotAskToReload()
    {
        const QString path = write(QStringLiteral(".env"), "A=1\n");
        EditorTabs tabs;
        CodeEditor *editor = tabs.openFile(path);
        QTest::keyClicks(editor, QStringLiteral("B=2 "));
        QVERIFY(tabs.save(editor));
        QTest::qWait(300); // the watcher fires for our own write; no prompt may open
        QVERIFY(!QApplication::activeModalWidget());
        QCOMPARE(editor->toPlainText(), QStringLiteral("B=2 A=1\n"));
    }

    void notUtf8OpensReadOnlyAndIsNeverWritten()
    {
        const QByteArray latin1("caf\xe9\n", 5);
        const QString path = write(QStringLiteral("latin1.txt"), latin1);
        EditorTabs tabs;
        CodeEditor *editor = tabs.openFile(path);
        QVERIFY(editor->isReadOnly());
        auto *notice = editor->parentWidget()->findChild<QLabel *>(QStringLiteral("notice"));
        QVERIFY(notice->text().contains(QStringLiteral("not UTF-8")));
        QVERIFY(!tabs.save(editor));
        QCOMPARE(read(path), latin1);

        const QString binary = write(QStringLiteral("image.bin"), QByteArray("\x89PNG\0\0\0", 7));
        QVERIFY(tabs.openFile(binary)->isReadOnly());
    }

    void hugeFileOpensReadOnlyQuickly()
    {
        const QString path = write(QStringLiteral("huge.log"), QByteArray(50 * 1024 * 1024, 'x').replace(0, 1, "\n"));
        EditorTabs tabs;
        QElapsedTimer timer;
        timer.start();
        CodeEditor *editor = tabs.openFile(path);
        QVERIFY(editor->isReadOnly());
        QVERIFY(editor->document()->characterCount() <= EditorTabs::previewBytes + 1);
        auto *notice = editor->parentWidget()->findChild<QLabel *>(QStringLiteral("notice"));
        QVERIFY2(notice->text().contains(QStringLiteral("too large to edit")), qPrintable(notice->text()));
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    }

    void findAndReplace()
    {
        const QString path = write(QStringLiteral("server.py"), "port = 5000\nprint(port)\nPORT = 1\n");
        EditorTabs tabs;
        FindBar bar([&tabs] { return tabs.currentEditor(); });
        CodeEditor *editor = tabs.openFile(path);
        bar.showReplace();
        bar.findField()->setText(QStringLiteral("port"));
        bar.findNext();
        QCOMPARE(editor->textCursor().selectedText(), QStringLiteral("port"));
        QCOMPARE(editor->textCursor().blockNumber(), 0);
        bar.findNext();
        QCOMPARE(editor->textCursor().blockNumber(), 1);

        bar.replaceField()->setText(QStringLiteral("listen_port"));
        bar.replaceAll();
        QCOMPARE(bar.result(), QStringLiteral("Replaced 3 occurrences")); // case-insensitive by default
        QCOMPARE(editor->toPlainText(), QStringLiteral("listen_port = 5000\nprint(listen_port)\nlisten_port = 1\n"));
        editor->undo(); // one step undoes the whole replace
        QCOMPARE(editor->toPlainText(), QStringLiteral("port = 5000\nprint(port)\nPORT = 1\n"));

        bar.findField()->setText(QStringLiteral("absent"));
        bar.findNext();
        QCOMPARE(bar.result(), QStringLiteral("Not found"));
    }

    void replaceAllCountsInTheUsersLanguage_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<int>("occurrences");
        QTest::addColumn<QString>("expected");
        const QLocale english(QLocale::English, QLocale::UnitedStates), german(QLocale::German, QLocale::Germany);
        QTest::newRow("en 0") << english << 0 << QStringLiteral("Replaced 0 occurrences");
        QTest::newRow("en 1") << english << 1 << QStringLiteral("Replaced 1 occurrence");
        QTest::newRow("en 2") << english << 2 << QStringLiteral("Replaced 2 occurrences");
        QTest::newRow("de 1") << german << 1 << QStringLiteral("1 Vorkommen ersetzt");
        QTest::newRow("de 2") << german << 2 << QStringLiteral("2 Vorkommen ersetzt");
        QTest::newRow("C locale") << QLocale::c() << 1 << QStringLiteral("Replaced 1 occurrence");
    }

    void replaceAllCountsInTheUsersLanguage()
    {
        QFETCH(QLocale, locale);
        QFETCH(int, occurrences);
        QFETCH(QString, expected);
        removeTranslators();
        installTranslations(*QCoreApplication::instance(), locale);
        const QString path = write(QStringLiteral("count.txt"), QByteArray("web ").repeated(occurrences) + "end\n");
        EditorTabs tabs;
        FindBar bar([&tabs] { return tabs.currentEditor(); });
        QVERIFY(tabs.openFile(path));
        bar.showReplace();
        bar.findField()->setText(QStringLiteral("web"));
        bar.replaceField()->setText(QStringLiteral("worker"));
        bar.replaceAll();
        QCOMPARE(bar.result(), expected);
        removeTranslators();
        installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));
    }
};

QTEST_MAIN(TestEditorTabs)
#include "tst_editortabs.moc"
