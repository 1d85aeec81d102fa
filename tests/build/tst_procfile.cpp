// Procfile parsing as the platform reads it: one `<type>: <command>` per line, the type
// alphanumeric plus `_` and `-`; blank lines and `#` comments skipped; anything else rejected
// with the line named, so a merge conflict or a typo never deploys half a Procfile.

#include "build/procfile.h"

#include <QTest>

using dynodesk::build::parseProcfile;
using dynodesk::build::ProcessTypes;

Q_DECLARE_METATYPE(ProcessTypes)

// The platform's words for a line that is not `<type>: <command>`.
static QString notValid(int line, const char *text)
{
    return QStringLiteral("Procfile line %1 is not valid: `%2`. Each line must be `<process type>: <command>`.")
            .arg(line)
            .arg(QString::fromUtf8(text));
}

class TestProcfile final : public QObject {
    Q_OBJECT

private slots:
    void parses_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<ProcessTypes>("expected");

        QTest::newRow("one web line") << QByteArray("web: npm start\n") << ProcessTypes{{"web", "npm start"}};
        QTest::newRow("file order kept") << QByteArray("worker: node worker.js\nweb: node index.js\nclock: node clock.js\n")
                                         << ProcessTypes{{"worker", "node worker.js"}, {"web", "node index.js"}, {"clock", "node clock.js"}};
        QTest::newRow("no trailing newline") << QByteArray("web: ./server") << ProcessTypes{{"web", "./server"}};
        QTest::newRow("no space after colon") << QByteArray("web:bin/start") << ProcessTypes{{"web", "bin/start"}};
        QTest::newRow("comments and blank lines") << QByteArray("# the app\n\nweb: gunicorn app:app\n   \n\t\n  # indented comment\n")
                                                  << ProcessTypes{{"web", "gunicorn app:app"}};
        QTest::newRow("CRLF line ends") << QByteArray("web: bundle exec puma\r\nworker: bundle exec sidekiq\r\n")
                                        << ProcessTypes{{"web", "bundle exec puma"}, {"worker", "bundle exec sidekiq"}};
        QTest::newRow("blank CRLF line") << QByteArray("\r\nweb: x\r\n\r\n") << ProcessTypes{{"web", "x"}};
        QTest::newRow("spaces around the command trimmed") << QByteArray("web: \t  node index.js  \t\n")
                                                           << ProcessTypes{{"web", "node index.js"}};
        QTest::newRow("colons, $PORT and # inside the command")
                << QByteArray("web: rails s -b 0.0.0.0:$PORT # not a comment\n")
                << ProcessTypes{{"web", "rails s -b 0.0.0.0:$PORT # not a comment"}};
        QTest::newRow("names: digits, _ and -") << QByteArray("urgent_worker: a\nworker-2: b\n2fast: c\nWEB: d\n")
                                                << ProcessTypes{{"urgent_worker", "a"}, {"worker-2", "b"}, {"2fast", "c"}, {"WEB", "d"}};
        QTest::newRow("release phase is a type like the others") << QByteArray("release: ./migrate\nweb: ./serve\n")
                                                                 << ProcessTypes{{"release", "./migrate"}, {"web", "./serve"}};
        QTest::newRow("empty file") << QByteArray("") << ProcessTypes{};
        QTest::newRow("only comments") << QByteArray("# nothing yet\n") << ProcessTypes{};
    }

    void parses()
    {
        QFETCH(QByteArray, text);
        QFETCH(ProcessTypes, expected);
        const auto parsed = parseProcfile(text.toStdString());
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
        QCOMPARE(parsed.value(), expected);
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message"); // the platform's error names the line

        QTest::newRow("no colon") << QByteArray("web npm start\n") << notValid(1, "web npm start");
        QTest::newRow("empty command") << QByteArray("web: node a\nworker:\n") << notValid(2, "worker:");
        QTest::newRow("blank command") << QByteArray("worker:   \t\n") << notValid(1, "worker:   \t");
        QTest::newRow("dot in the type") << QByteArray("web.1: node a\n") << notValid(1, "web.1: node a");
        QTest::newRow("space in the type") << QByteArray("my web: node a\n") << notValid(1, "my web: node a");
        QTest::newRow("space before the colon") << QByteArray("web : node a\n") << notValid(1, "web : node a");
        QTest::newRow("merge conflict, counted after comments and CRLF")
                << QByteArray("# top\r\n\r\nweb: a\r\n<<<<<<< HEAD\r\n") << notValid(4, "<<<<<<< HEAD");
        QTest::newRow("duplicate type") << QByteArray("web: a\nworker: b\nweb: c\n")
                                        << QStringLiteral("Procfile line 3 declares `web` a second time.");
    }

    void rejects()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        const auto parsed = parseProcfile(text.toStdString());
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().status, 422);
        QCOMPARE(parsed.error().id, std::string("invalid_params"));
        QCOMPARE(QString::fromStdString(parsed.error().message), message);
    }
};

QTEST_GUILESS_MAIN(TestProcfile)
#include "tst_procfile.moc"
