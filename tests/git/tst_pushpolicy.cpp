// The push policy: which branch a push deploys, what it refuses, and what the pusher is told.
#include "git/pushpolicy.h"

#include <QTest>

using namespace dynodesk::git;

static const std::string kZero(40, '0');
static const std::string kA(40, 'a'), kB(40, 'b');

class TestPushPolicy : public QObject {
    Q_OBJECT
private slots:
    void deployBranches_data()
    {
        QTest::addColumn<QString>("ref");
        QTest::addColumn<bool>("deploys");
        QTest::newRow("main") << "refs/heads/main" << true;
        QTest::newRow("master") << "refs/heads/master" << true;
        QTest::newRow("feature branch") << "refs/heads/feature" << false;
        QTest::newRow("branch named like main") << "refs/heads/main2" << false;
        QTest::newRow("nested branch") << "refs/heads/team/main" << false;
        QTest::newRow("tag") << "refs/tags/main" << false;
    }

    void deployBranches()
    {
        QFETCH(QString, ref);
        QFETCH(bool, deploys);
        const PushPlan plan = planPush({{ref.toStdString(), kZero, kA}});
        QCOMPARE(plan.deploys(), deploys);
        QVERIFY(!plan.refused);
        if (deploys) {
            QCOMPARE(plan.deployCommit, kA);
            QVERIFY(plan.notes.empty());
        } else {
            QCOMPARE(plan.notes.size(), size_t(1));
            QVERIFY(plan.notes[0].find("which does not deploy (only main and master do)") != std::string::npos);
        }
    }

    void otherBranchesAreStoredBesideADeploy()
    {
        const PushPlan plan = planPush({{"refs/heads/wip", kZero, kB}, {"refs/heads/main", kA, kB}});
        QVERIFY(plan.deploys());
        QCOMPARE(plan.deployBranch, std::string("main"));
        QCOMPARE(plan.notes.size(), size_t(1));
    }

    void deletingTheDeployedBranchIsRefused()
    {
        const PushPlan plan = planPush({{"refs/heads/main", kA, kZero}});
        QVERIFY(plan.refused);
        QVERIFY(!plan.deploys());
        QCOMPARE(plan.notes, std::vector<std::string>{" !     Deleting main is not allowed: it is the deployed branch."});
        // Deleting another branch is fine.
        QVERIFY(!planPush({{"refs/heads/old", kA, kZero}}).refused);
    }

    void mainAndMasterAtOnceIsRefused()
    {
        const PushPlan plan = planPush({{"refs/heads/main", kZero, kA}, {"refs/heads/master", kZero, kB}});
        QVERIFY(plan.refused);
        QVERIFY(!plan.deploys());
        QCOMPARE(plan.notes, std::vector<std::string>{" !     Push main or master, not both at once."});
    }

    void anEmptyPushDeploysNothing() { QVERIFY(!planPush({}).deploys()); }
};

QTEST_GUILESS_MAIN(TestPushPolicy)
#include "tst_pushpolicy.moc"
