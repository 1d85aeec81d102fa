// ~/.netrc as the official CLI reads and writes it.
#include "../app/guitest.h"

#include "client/netrc.h"

#include <QFile>
#include <QTest>

using namespace dynodesk::ideplugin;

class TestNetrc : public QObject {
    Q_OBJECT

public:
    static void initMain() { guitest::prepare(); }

private slots:
    void defaultPathIsInHome() { QCOMPARE(Netrc::defaultPath(), guitest::home().path() + QStringLiteral("/.netrc")); }

    void roundTripKeepsOtherEntries()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral(".netrc"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("machine example.com login me password secret\n"
                       "machine api.heroku.com\n  login old@example.com\n  password OLD\n");
        }
        Netrc netrc(path);
        QVERIFY(netrc.load());
        QCOMPARE(netrc.entries().size(), 2);
        QCOMPARE(netrc.find(QStringLiteral("api.heroku.com"))->login, QStringLiteral("old@example.com"));

        netrc.set({QStringLiteral("api.heroku.com"), QStringLiteral("new@example.com"), QStringLiteral("HRKU-1")});
        netrc.set({QStringLiteral("git.heroku.com"), QStringLiteral("new@example.com"), QStringLiteral("HRKU-1")});
        QVERIFY(netrc.save());
        QCOMPARE(QFile(path).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());

        Netrc again(path);
        QVERIFY(again.load());
        QCOMPARE(again.entries().size(), 3);
        QCOMPARE(again.find(QStringLiteral("example.com"))->password, QStringLiteral("secret"));
        QCOMPARE(again.find(QStringLiteral("api.heroku.com"))->password, QStringLiteral("HRKU-1"));
        QCOMPARE(again.find(QStringLiteral("git.heroku.com"))->login, QStringLiteral("new@example.com"));

        again.remove(QStringLiteral("api.heroku.com"));
        QVERIFY(!again.find(QStringLiteral("api.heroku.com")));
        QCOMPARE(again.entries().size(), 2);
    }

    void machinesAreTheApiAndGitHosts()
    {
        const auto real = Netrc::machinesFor(QStringLiteral("https://api.heroku.com"));
        QCOMPARE(real.first, QStringLiteral("api.heroku.com"));
        QCOMPARE(real.second, QStringLiteral("git.heroku.com"));
        const auto server = Netrc::machinesFor(QStringLiteral("http://127.0.0.1:5001"));
        QCOMPARE(server.first, QStringLiteral("127.0.0.1:5001")); // what the CLI uses with HEROKU_HOST
        QCOMPARE(server.second, QStringLiteral("127.0.0.1:5001"));
    }

    void writesTheCliLayout()
    {
        QTemporaryDir dir;
        Netrc netrc(dir.filePath(QStringLiteral(".netrc")));
        QVERIFY(netrc.load()); // a missing file is an empty netrc
        netrc.set({QStringLiteral("127.0.0.1:5001"), QStringLiteral("dev@dynodesk.local"), QStringLiteral("HRKU-x")});
        QVERIFY(netrc.save());
        QFile file(dir.filePath(QStringLiteral(".netrc")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("machine 127.0.0.1:5001\n  login dev@dynodesk.local\n  password HRKU-x\n"));
    }
};

QTEST_MAIN(TestNetrc)
#include "tst_netrc.moc"
