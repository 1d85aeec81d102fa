#include "core/names.h"

#include <QRegularExpression>
#include <QTest>

using namespace dynodesk::core;

class TestNames : public QObject {
    Q_OBJECT
private slots:
    void generatedNamesHaveThePlatformForm()
    {
        NameGenerator gen;
        const QRegularExpression form(QStringLiteral("^[a-z]+-[a-z]+-[0-9]{4}$"));
        for (int i = 0; i < 500; ++i) {
            const auto name = gen.generate();
            QVERIFY2(form.match(QString::fromStdString(name)).hasMatch(), name.c_str());
            QVERIFY2(!appNameError(name), name.c_str());
        }
    }

    void generatorUsesItsRandomSource()
    {
        NameGenerator first([](unsigned) { return 0u; });
        NameGenerator last([](unsigned bound) { return bound - 1; });
        QCOMPARE(first.generate(), std::string("aged-bayou-1000"));
        QCOMPARE(last.generate(), std::string("young-woodland-9999"));
    }

    void appNameValidation_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("simple") << "myapp" << true << "";
        QTest::newRow("dashes and digits") << "my-app-2" << true << "";
        QTest::newRow("shortest") << "abc" << true << "";
        QTest::newRow("longest") << QString(30, QLatin1Char('a')) << true << "";
        QTest::newRow("too short") << "ab" << false << "too short";
        QTest::newRow("too long") << QString(31, QLatin1Char('a')) << false << "too long";
        QTest::newRow("upper case") << "MyApp" << false << "lowercase letters";
        QTest::newRow("starts with digit") << "1app" << false << "start with a letter";
        QTest::newRow("ends with dash") << "app-" << false << "end with a letter or digit";
        QTest::newRow("underscore") << "my_app" << false << "dashes";
        QTest::newRow("dot") << "my.app" << false << "dashes";
        QTest::newRow("space") << "my app" << false << "dashes";
    }
    void appNameValidation()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QFETCH(QString, messagePart);
        const auto error = appNameError(name.toStdString());
        QCOMPARE(!error.has_value(), valid);
        if (error)
            QVERIFY2(QString::fromStdString(*error).contains(messagePart), error->c_str());
    }

    void domainHostnames_data()
    {
        QTest::addColumn<QString>("hostname");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("www") << "www.example.test" << true << "";
        QTest::newRow("apex") << "example.test" << true << "";
        QTest::newRow("deep, digits, dashes") << "a-1.b2.example.test" << true << "";
        QTest::newRow("wildcard") << "*.example.test" << true << "";
        QTest::newRow("63-character label") << QString(63, QLatin1Char('a')) + ".test" << true << "";
        QTest::newRow("empty") << "" << false << "must be given";
        QTest::newRow("one label") << "intranet" << false << "top-level domain";
        QTest::newRow("wildcard of a TLD") << "*.test" << false << "top-level domain";
        QTest::newRow("wildcard inside") << "www.*.example.test" << false << "letters, digits";
        QTest::newRow("underscore") << "my_site.example.test" << false << "letters, digits";
        QTest::newRow("space") << "www example.test" << false << "letters, digits";
        QTest::newRow("url, not a hostname") << "http://www.example.test" << false << "letters, digits";
        QTest::newRow("empty label") << "www..example.test" << false << "single dots";
        QTest::newRow("trailing dot") << "www.example.test." << false << "single dots";
        QTest::newRow("leading dash") << "-www.example.test" << false << "dash";
        QTest::newRow("64-character label") << QString(64, QLatin1Char('a')) + ".test" << false << "63";
        QTest::newRow("too long") << (QString(60, QLatin1Char('a')) + QLatin1Char('.')).repeated(5) + "test" << false << "253";
        QTest::newRow("IP address") << "192.168.0.1" << false << "IP addresses";
        QTest::newRow("an app's own domain") << "myapp.localhost" << false << "reserved";
        QTest::newRow("localhost") << "localhost" << false << "top-level domain";
    }
    void domainHostnames()
    {
        QFETCH(QString, hostname);
        QFETCH(bool, valid);
        QFETCH(QString, messagePart);
        const auto error = domainHostnameError(hostname.toStdString());
        QCOMPARE(!error.has_value(), valid);
        if (error)
            QVERIFY2(QString::fromStdString(*error).contains(messagePart), error->c_str());
    }

    void configKeyValidation_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("valid");
        QTest::newRow("upper") << "DATABASE_URL" << true;
        QTest::newRow("mixed") << "MyKey2" << true;
        QTest::newRow("leading underscore") << "_X" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("leading digit") << "1X" << false;
        QTest::newRow("dash") << "MY-KEY" << false;
        QTest::newRow("space") << "MY KEY" << false;
        QTest::newRow("equals") << "A=B" << false;
        QTest::newRow("reserved PORT") << "PORT" << false;
        QTest::newRow("reserved DYNO") << "DYNO" << false;
    }
    void configKeyValidation()
    {
        QFETCH(QString, key);
        QFETCH(bool, valid);
        QCOMPARE(!configKeyError(key.toStdString()).has_value(), valid);
    }

    void processTypes_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("valid");
        QTest::newRow("web") << "web" << true;
        QTest::newRow("with dash and underscore") << "my_worker-2" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("space") << "my worker" << false;
        QTest::newRow("colon") << "web:" << false;
    }
    void processTypes()
    {
        QFETCH(QString, type);
        QFETCH(bool, valid);
        QCOMPARE(isValidProcessType(type.toStdString()), valid);
    }
};

QTEST_GUILESS_MAIN(TestNames)
#include "tst_names.moc"
