// The desktop binary without a display, or with --headless, runs dynodesk-server instead.
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

class TestHeadless : public QObject {
    Q_OBJECT

    static QString runUntilReady(const QStringList &args, const QProcessEnvironment &env)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(DYNODESK_APP_BIN), args);
        QString out;
        for (int i = 0; i < 100 && !out.contains(QStringLiteral("export HEROKU_API_KEY=")); ++i) {
            p.waitForReadyRead(100);
            out += QString::fromUtf8(p.readAll());
        }
        p.terminate();
        p.waitForFinished(5000);
        return out + QString::fromUtf8(p.readAll());
    }

private slots:
    void headlessFlagStartsTheServer()
    {
        QTemporaryDir dir;
        const QString out = runUntilReady({QStringLiteral("--headless"), QStringLiteral("--data-dir"), dir.path(),
                                           QStringLiteral("--api-port"), QStringLiteral("0")},
                                          QProcessEnvironment::systemEnvironment());
        QVERIFY2(out.contains(QStringLiteral("starting dynodesk-server")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("export HEROKU_HOST=http://127.0.0.1:")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("Dynodesk emulator stopped.")), qPrintable(out));
    }

    void noDisplayStartsTheServer()
    {
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QString::fromLatin1(name));
        const QString out = runUntilReady({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--api-port"),
                                           QStringLiteral("0")},
                                          env);
        QVERIFY2(out.contains(QStringLiteral("export HEROKU_API_KEY=HRKU-")), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
