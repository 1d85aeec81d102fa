// The release state machine: every state against every input, written out, and which releases
// can be current.
#include "platform/releases/releasestate.h"

#include "common/statetable.h"

using namespace dynodesk::platform::releases;
using Row = dynodesk::test::StateRow<State, Input>;

Q_DECLARE_METATYPE(State)
Q_DECLARE_METATYPE(Input)

class TestReleaseState : public QObject {
    Q_OBJECT
    static std::vector<Row> table()
    {
        const State P = State::Pending, OK = State::Succeeded, F = State::Failed, E = State::Expired;
        const std::nullopt_t no = std::nullopt;
        return {
            {P, Input::ReleasePhaseSucceeded, OK}, {OK, Input::ReleasePhaseSucceeded, no},
            {F, Input::ReleasePhaseSucceeded, no}, {E, Input::ReleasePhaseSucceeded, no},
            {P, Input::ReleasePhaseFailed, F},     {OK, Input::ReleasePhaseFailed, no},
            {F, Input::ReleasePhaseFailed, no},    {E, Input::ReleasePhaseFailed, no},
            {P, Input::ReleasePhaseTimedOut, F},   {OK, Input::ReleasePhaseTimedOut, no},
            {F, Input::ReleasePhaseTimedOut, no},  {E, Input::ReleasePhaseTimedOut, no},
            // a release phase cut short by a stop failed
            {P, Input::Interrupted, F},            {OK, Input::Interrupted, no},
            {F, Input::Interrupted, no},           {E, Input::Interrupted, no},
        };
    }

private slots:
    void transitions_data() { dynodesk::test::addStateRows(table()); }

    void transitions() { dynodesk::test::checkStateRow(&transition); }

    void tableCoversEveryPair() { QVERIFY(dynodesk::test::coversEveryPair(table(), 4, 4)); }

    void aReleasePhaseHoldsTheReleasePending()
    {
        QCOMPARE(toString(initialState(true)), toString(State::Pending));
        QCOMPARE(toString(initialState(false)), toString(State::Succeeded));
    }

    void onlySucceededReleasesCanBeCurrent()
    {
        QVERIFY(canBeCurrent(State::Succeeded));
        QVERIFY(!canBeCurrent(State::Pending));
        QVERIFY(!canBeCurrent(State::Failed));
        QVERIFY(!canBeCurrent(State::Expired));
        // the phase decides: succeeded makes it current, failed or timed out leaves the previous
        QVERIFY(canBeCurrent(*transition(State::Pending, Input::ReleasePhaseSucceeded)));
        QVERIFY(!canBeCurrent(*transition(State::Pending, Input::ReleasePhaseFailed)));
        QVERIFY(!canBeCurrent(*transition(State::Pending, Input::ReleasePhaseTimedOut)));
    }

    void platformWordsRoundTrip()
    {
        QCOMPARE(toString(State::Pending), std::string_view("pending"));
        QCOMPARE(toString(State::Succeeded), std::string_view("succeeded"));
        QCOMPARE(toString(State::Failed), std::string_view("failed"));
        QCOMPARE(toString(State::Expired), std::string_view("expired"));
        for (State s : {State::Pending, State::Succeeded, State::Failed, State::Expired})
            QCOMPARE(stateFromString(toString(s)), std::optional<State>(s));
        QVERIFY(!stateFromString("current"));
    }
};

QTEST_GUILESS_MAIN(TestReleaseState)
#include "tst_releasestate.moc"
