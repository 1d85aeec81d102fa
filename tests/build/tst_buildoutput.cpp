// A build's output as `heroku builds:output` and the push's side band read it: every reader
// gets all the lines, in order, from the first, whether it comes early, late or after the end;
// the end is told once, with the exit code; the log file holds the same lines.

#include "build/buildoutput.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using dynodesk::build::BuildOutput;
using Lines = std::vector<std::string>;

class TestBuildOutput final : public QObject {
    Q_OBJECT

    struct Reader {
        Lines lines;
        std::vector<int> ends;
        int id = 0;
        size_t replayed = 0; // lines handed over within subscribe(), on the reader's own thread
        void follow(BuildOutput &out)
        {
            const auto self = std::this_thread::get_id();
            id = out.subscribe(
                    [this, self](const std::string &l) {
                        lines.push_back(l);
                        replayed += std::this_thread::get_id() == self;
                    },
                    [this](int code) { ends.push_back(code); });
        }
    };

private slots:
    void lateReaderGetsThePastThenFollows()
    {
        BuildOutput out{std::string()};
        out.append("-----> Building on the Heroku-24 stack");
        out.append("-----> Node.js app detected");
        Reader r;
        r.follow(out);
        QCOMPARE(r.lines, (Lines{"-----> Building on the Heroku-24 stack", "-----> Node.js app detected"}));
        out.append("       Done: 21K");
        QCOMPARE(r.lines.back(), std::string("       Done: 21K"));
        QVERIFY(r.ends.empty());
        QVERIFY(!out.finished());
        out.finish(0);
        QCOMPARE(r.ends, std::vector<int>{0});
        QVERIFY(out.finished());
    }

    void finishIsFinal()
    {
        BuildOutput out{std::string()};
        Reader r;
        r.follow(out);
        out.append("a");
        out.finish(1);
        out.finish(0);          // a second end changes nothing
        out.append("too late"); // nor do lines after it
        QCOMPARE(r.ends, std::vector<int>{1});
        QCOMPARE(out.lines(), Lines{"a"});
        QCOMPARE(r.lines, Lines{"a"});
    }

    void readerAfterTheEndGetsEverythingAndTheCode()
    {
        BuildOutput out{std::string()};
        out.append("x");
        out.append("y");
        out.finish(7);
        Reader r;
        r.follow(out);
        QCOMPARE(r.lines, (Lines{"x", "y"}));
        QCOMPARE(r.ends, std::vector<int>{7});
    }

    void unsubscribedReaderHearsNothingMore()
    {
        BuildOutput out{std::string()};
        Reader gone, stays;
        gone.follow(out);
        stays.follow(out);
        out.append("1");
        out.unsubscribe(gone.id);
        out.append("2");
        out.finish(0);
        QCOMPARE(gone.lines, Lines{"1"});
        QVERIFY(gone.ends.empty());
        QCOMPARE(stays.lines, (Lines{"1", "2"}));
        QCOMPARE(stays.ends, std::vector<int>{0});
        QVERIFY(gone.id != stays.id);
    }

    void logFileAndReadingItBack()
    {
        QTemporaryDir tmp;
        const std::string log = tmp.filePath(QStringLiteral("build.log")).toStdString();
        {
            BuildOutput out(log);
            out.append("-----> Compressing...");
            out.append("       Done: 8.3M");
            out.finish(0);
        }
        QFile f(QString::fromStdString(log));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("-----> Compressing...\n       Done: 8.3M\n"));
        const auto back = BuildOutput::finishedFromFile(log, 1);
        QVERIFY(back->finished());
        QCOMPARE(back->lines(), (Lines{"-----> Compressing...", "       Done: 8.3M"}));
        Reader r;
        r.follow(*back);
        QCOMPARE(r.ends, std::vector<int>{1});
        QCOMPARE(back->lines().size(), size_t(2));
    }

    void missingLogReadsBackEmpty()
    {
        const auto back = BuildOutput::finishedFromFile("/nonexistent/dynodesk/build.log", 0);
        QVERIFY(back->finished());
        QVERIFY(back->lines().empty());
    }

    // A reader that joins while the build writes from another thread neither loses nor repeats
    // a line, and sees them in order.
    void liveReaderWhileWriting()
    {
        BuildOutput out{std::string()};
        constexpr int Count = 20000;
        std::atomic<bool> go{false};
        std::thread writer([&] {
            while (!go.load())
                std::this_thread::yield();
            for (int i = 0; i < Count; ++i) {
                out.append(std::to_string(i));
                if (i % 2000 == 0) // leaves the readers time to join along the way
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
            out.finish(0);
        });
        std::vector<Reader> readers(4);
        go = true;
        for (auto &r : readers) {
            r.follow(out);
            std::this_thread::sleep_for(std::chrono::milliseconds(3));
        }
        writer.join();
        QVERIFY2(readers.front().replayed < size_t(Count), "the first reader joined after the end");
        for (const auto &r : readers) {
            QCOMPARE(r.lines.size(), size_t(Count));
            for (int i = 0; i < Count; ++i)
                if (r.lines[i] != std::to_string(i))
                    QFAIL(qPrintable(QStringLiteral("line %1 is %2").arg(i).arg(QString::fromStdString(r.lines[i]))));
            QCOMPARE(r.ends, std::vector<int>{0});
        }
    }
};

QTEST_GUILESS_MAIN(TestBuildOutput)
#include "tst_buildoutput.moc"
