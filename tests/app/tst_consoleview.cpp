// The console: ANSI colours, the line bound, following the end unless scrolled up, clear.
#include "guitest.h"

#include "consoleview.h"

#include <QScrollBar>
#include <QTest>
#include <QTextBlock>

using namespace dynodesk::app;

class TestConsoleView : public QObject {
    Q_OBJECT

    static QColor colorAt(const ConsoleView &view, const QString &text)
    {
        const QTextCursor found = view.document()->find(text);
        QTextCursor at(view.document());
        at.setPosition(found.selectionStart() + 1);
        return at.charFormat().foreground().color();
    }

public:
    static void initMain() { guitest::prepare(); }

private slots:
    void ansiColoursAreShownAndEscapesHidden()
    {
        ConsoleView view;
        view.appendOutput(QStringLiteral("plain \x1b[31mred\x1b[0m \x1b[1;92mgreen\x1b[0m back\n"));
        QCOMPARE(view.toPlainText(), QStringLiteral("plain red green back\n"));
        QCOMPARE(colorAt(view, QStringLiteral("red")), QColor(0xcd, 0x31, 0x31));
        QCOMPARE(colorAt(view, QStringLiteral("green")), QColor(0x23, 0xd1, 0x8b));
        QCOMPARE(colorAt(view, QStringLiteral("back")), view.palette().color(QPalette::Text));
    }

    void anEscapeSplitAcrossChunksStillApplies()
    {
        ConsoleView view;
        view.appendOutput(QStringLiteral("a\x1b[3"));
        view.appendOutput(QStringLiteral("4mblue\n"));
        QCOMPARE(view.toPlainText(), QStringLiteral("ablue\n"));
        QCOMPARE(colorAt(view, QStringLiteral("blue")), QColor(0x24, 0x72, 0xc8));
    }

    void memoryIsBounded()
    {
        ConsoleView view;
        view.setMaximumBlockCount(100);
        for (int i = 0; i < 1000; ++i)
            view.appendOutput(QStringLiteral("line %1\n").arg(i));
        QVERIFY(view.document()->blockCount() <= 100);
        QVERIFY(view.toPlainText().contains(QStringLiteral("line 999")));
        QVERIFY(!view.toPlainText().contains(QStringLiteral("line 1\n")));
    }

    void followsTheEndUnlessScrolledUp()
    {
        ConsoleView view;
        view.resize(400, 200);
        view.show();
        for (int i = 0; i < 200; ++i)
            view.appendOutput(QStringLiteral("line %1\n").arg(i));
        QScrollBar *bar = view.verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), bar->maximum());

        bar->setValue(10); // the user scrolls up to read
        view.appendOutput(QStringLiteral("more\n"));
        QCOMPARE(bar->value(), 10);

        bar->setValue(bar->maximum()); // back at the end: following again
        view.appendOutput(QStringLiteral("again\n"));
        QCOMPARE(bar->value(), bar->maximum());
    }

    void clearEmptiesTheView()
    {
        ConsoleView view;
        view.appendOutput(QStringLiteral("x\n"));
        view.clear();
        QVERIFY(view.toPlainText().isEmpty());
    }
};

QTEST_MAIN(TestConsoleView)
#include "tst_consoleview.moc"
