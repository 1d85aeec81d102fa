// Attachment and backup names: DATABASE first, then HEROKU_POSTGRESQL_<COLOR>; bad or clashing
// names are refused; backups count b001, b002, ...
#include "addons/attachmentnames.h"

#include <QTest>

using namespace dynodesk::addons;

class TestAttachmentNames : public QObject {
    Q_OBJECT

    const PlanCatalog m_catalog;
    const Service &postgres() const { return *m_catalog.service("heroku-postgresql"); }

private slots:
    void firstPostgresIsDatabaseThenColors()
    {
        std::vector<std::string> names;
        QCOMPARE(defaultAttachmentName(postgres(), names), std::string("DATABASE"));
        names.push_back("DATABASE");
        const std::string second = defaultAttachmentName(postgres(), names);
        QCOMPARE(second, std::string("HEROKU_POSTGRESQL_AMBER"));
        names.push_back(second);
        QCOMPARE(defaultAttachmentName(postgres(), names), std::string("HEROKU_POSTGRESQL_AQUA"));
    }

    void detachedDatabaseNameIsFreeAgain()
    {
        // after a promote or detach the app has colors but no DATABASE: the next one takes it
        QCOMPARE(defaultAttachmentName(postgres(), {"HEROKU_POSTGRESQL_AMBER"}), std::string("DATABASE"));
    }

    void namesNeverRepeat()
    {
        std::vector<std::string> names{"DATABASE"};
        for (int i = 0; i < 40; ++i) {
            const std::string n = defaultAttachmentName(postgres(), names);
            QVERIFY2(std::find(names.begin(), names.end(), n) == names.end(), n.c_str());
            QVERIFY(!attachmentNameError(n, {}));
            names.push_back(n);
        }
    }

    void badNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("ok");
        QTest::newRow("upper") << "OTHER_DB" << true;
        QTest::newRow("digits") << "DB2" << true;
        QTest::newRow("lower") << "other" << false;
        QTest::newRow("leading digit") << "2DB" << false;
        QTest::newRow("dash") << "MY-DB" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("clash") << "DATABASE" << false;
    }

    void badNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, ok);
        const auto error = attachmentNameError(name.toStdString(), {"DATABASE"});
        QCOMPARE(!error.has_value(), ok);
    }

    void backupsCountUp()
    {
        QCOMPARE(nextBackupName({}), std::string("b001"));
        QCOMPARE(nextBackupName({"b001", "b002"}), std::string("b003"));
        QCOMPARE(nextBackupName({"b009", "a001", "b003"}), std::string("b010")); // deleted ones are not reused
    }
};

QTEST_GUILESS_MAIN(TestAttachmentNames)
#include "tst_attachmentnames.moc"
