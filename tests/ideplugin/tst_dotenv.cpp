// parseDotEnv(): KEY=value lines as dotenv and `heroku local` read a .env file, and the lines it
// cannot read reported by number.
#include "views/dotenv.h"

#include <QTest>

using namespace dynodesk::ideplugin;

using Vars = QList<QPair<QString, QString>>;

class TestDotEnv : public QObject {
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Vars>("vars");
        QTest::addColumn<QList<int>>("errorLines");
        auto v = [](const QString &k, const QString &value) { return QPair<QString, QString>(k, value); };

        QTest::newRow("plain") << "FOO=bar" << Vars{v("FOO", "bar")} << QList<int>{};
        QTest::newRow("comments and blank lines")
                << "# a comment\n\nFOO=bar\n   \n  # indented comment\nBAZ=qux\n"
                << Vars{v("FOO", "bar"), v("BAZ", "qux")} << QList<int>{};
        QTest::newRow("export prefix") << "export FOO=bar\nexport   BAZ=1" << Vars{v("FOO", "bar"), v("BAZ", "1")}
                                       << QList<int>{};
        QTest::newRow("a key named export") << "export=yes" << Vars{v("export", "yes")} << QList<int>{};
        QTest::newRow("spaces around =") << "FOO = bar\n  BAZ  =  qux  " << Vars{v("FOO", "bar"), v("BAZ", "qux")}
                                         << QList<int>{};
        QTest::newRow("= inside the value") << "URL=postgres://u:p@h/db?sslmode=require&x=1"
                                            << Vars{v("URL", "postgres://u:p@h/db?sslmode=require&x=1")} << QList<int>{};
        QTest::newRow("empty values") << "EMPTY=\nQUOTED=\"\"\nSINGLE=''"
                                      << Vars{v("EMPTY", ""), v("QUOTED", ""), v("SINGLE", "")} << QList<int>{};
        QTest::newRow("single quotes keep everything")
                << "S='a \\n \"b\" # not a comment'" << Vars{v("S", "a \\n \"b\" # not a comment")} << QList<int>{};
        QTest::newRow("double quotes") << "GREETING=\"hello world\"" << Vars{v("GREETING", "hello world")}
                                       << QList<int>{};
        QTest::newRow("escapes in double quotes")
                << "E=\"line1\\nline2\\ttab \\\"quoted\\\" back\\\\slash \\x\""
                << Vars{v("E", "line1\nline2\ttab \"quoted\" back\\slash \\x")} << QList<int>{};
        QTest::newRow("quoted value spanning lines")
                << "KEY=\"-----BEGIN-----\nabc\n-----END-----\"\nNEXT=1"
                << Vars{v("KEY", "-----BEGIN-----\nabc\n-----END-----"), v("NEXT", "1")} << QList<int>{};
        QTest::newRow("inline comments") << "A=1 # one\nB=\"2\" # two\nC='3'#three\nD=a#b"
                                         << Vars{v("A", "1"), v("B", "2"), v("C", "3"), v("D", "a#b")} << QList<int>{};
        QTest::newRow("quotes inside an unquoted value") << "J={\"a\": \"b\"}" << Vars{v("J", "{\"a\": \"b\"}")}
                                                         << QList<int>{};
        QTest::newRow("dots and dashes in keys") << "my.key-1=x\n_UNDER=y" << Vars{v("my.key-1", "x"), v("_UNDER", "y")}
                                                 << QList<int>{};
        QTest::newRow("the last of a repeated key wins") << "A=1\nB=2\nA=3" << Vars{v("B", "2"), v("A", "3")}
                                                         << QList<int>{};
        QTest::newRow("CRLF line ends") << "A=1\r\nB=\"2\"\r\n" << Vars{v("A", "1"), v("B", "2")} << QList<int>{};
        QTest::newRow("invalid lines reported")
                << "GOOD=1\nno equals sign\n=novalue\n1ABC=x\nBAD KEY=x\nOPEN=\"never closed"
                << Vars{v("GOOD", "1")} << QList<int>{2, 3, 4, 5, 6};
        QTest::newRow("text after a closing quote") << "A=\"x\" y\nB=2" << Vars{v("B", "2")} << QList<int>{1};
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(Vars, vars);
        QFETCH(QList<int>, errorLines);
        const DotEnv env = parseDotEnv(text);
        QCOMPARE(env.vars, vars);
        QList<int> lines;
        for (const DotEnvError &e : env.errors)
            lines << e.line;
        QCOMPARE(lines, errorLines);
    }

    void errorsKeepTheLineText()
    {
        const DotEnv env = parseDotEnv(QStringLiteral("A=1\n  not a var  \n"));
        QCOMPARE(env.errors.size(), 1);
        QCOMPARE(env.errors.first().line, 2);
        QCOMPARE(env.errors.first().text, QStringLiteral("not a var"));
    }
};

QTEST_GUILESS_MAIN(TestDotEnv)
#include "tst_dotenv.moc"
