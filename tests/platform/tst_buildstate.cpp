// The build state machine: every state against every input, written out.
#include "platform/builds/buildstate.h"

#include "common/statetable.h"

using namespace dynodesk::platform::builds;
using Row = dynodesk::test::StateRow<State, Input>;

Q_DECLARE_METATYPE(State)
Q_DECLARE_METATYPE(Input)

class TestBuildState : public QObject {
    Q_OBJECT
    static std::vector<Row> table()
    {
        const State P = State::Pending, OK = State::Succeeded, F = State::Failed;
        const std::nullopt_t no = std::nullopt;
        return {
            {P, Input::SlugCompiled, OK},     {OK, Input::SlugCompiled, no},      {F, Input::SlugCompiled, no},
            {P, Input::CompileFailed, F},     {OK, Input::CompileFailed, no},     {F, Input::CompileFailed, no},
            {P, Input::TimedOut, F},          {OK, Input::TimedOut, no},          {F, Input::TimedOut, no},
            {P, Input::ReleaseNotCreated, F}, {OK, Input::ReleaseNotCreated, no}, {F, Input::ReleaseNotCreated, no},
            // a build left pending by a stop failed; a finished one stays as it ended
            {P, Input::Interrupted, F},       {OK, Input::Interrupted, no},       {F, Input::Interrupted, no},
        };
    }

private slots:
    void transitions_data() { dynodesk::test::addStateRows(table()); }

    void transitions() { dynodesk::test::checkStateRow(&transition); }

    void tableCoversEveryPair() { QVERIFY(dynodesk::test::coversEveryPair(table(), 3, 5)); }

    void platformWordsRoundTrip()
    {
        QCOMPARE(toString(State::Pending), std::string_view("pending"));
        QCOMPARE(toString(State::Succeeded), std::string_view("succeeded"));
        QCOMPARE(toString(State::Failed), std::string_view("failed"));
        for (State s : {State::Pending, State::Succeeded, State::Failed})
            QCOMPARE(stateFromString(toString(s)), std::optional<State>(s));
        QVERIFY(!stateFromString("running"));
        QVERIFY(!stateFromString("Succeeded"));
    }
};

QTEST_GUILESS_MAIN(TestBuildState)
#include "tst_buildstate.moc"
