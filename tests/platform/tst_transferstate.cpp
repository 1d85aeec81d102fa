// The data transfer (pg:backups capture and restore) state machine: every state against every
// input, written out.
#include "platform/data/transferstate.h"

#include "common/statetable.h"

using namespace dynodesk::platform::data;
using Row = dynodesk::test::StateRow<State, Input>;

Q_DECLARE_METATYPE(State)
Q_DECLARE_METATYPE(Input)

class TestTransferState : public QObject {
    Q_OBJECT
    static std::vector<Row> table()
    {
        const State P = State::Pending, R = State::Running, OK = State::Succeeded, F = State::Failed, D = State::Deleted;
        const std::nullopt_t no = std::nullopt;
        return {
            {P, Input::Started, R},        {R, Input::Started, no},        {OK, Input::Started, no},
            {F, Input::Started, no},       {D, Input::Started, no},
            {P, Input::NothingToWork, F},  {R, Input::NothingToWork, no},  {OK, Input::NothingToWork, no},
            {F, Input::NothingToWork, no}, {D, Input::NothingToWork, no},
            // the outcome of a transfer deleted meanwhile is dropped
            {P, Input::WorkSucceeded, no}, {R, Input::WorkSucceeded, OK},  {OK, Input::WorkSucceeded, no},
            {F, Input::WorkSucceeded, no}, {D, Input::WorkSucceeded, no},
            {P, Input::WorkFailed, no},    {R, Input::WorkFailed, F},      {OK, Input::WorkFailed, no},
            {F, Input::WorkFailed, no},    {D, Input::WorkFailed, no},
            {P, Input::Interrupted, F},    {R, Input::Interrupted, F},     {OK, Input::Interrupted, no},
            {F, Input::Interrupted, no},   {D, Input::Interrupted, no},
            // only a finished transfer can be deleted
            {P, Input::DeleteAsked, no},   {R, Input::DeleteAsked, no},    {OK, Input::DeleteAsked, D},
            {F, Input::DeleteAsked, D},    {D, Input::DeleteAsked, no},
        };
    }

private slots:
    void transitions_data() { dynodesk::test::addStateRows(table()); }

    void transitions() { dynodesk::test::checkStateRow(&transition); }

    void tableCoversEveryPair() { QVERIFY(dynodesk::test::coversEveryPair(table(), 5, 6)); }

    void platformWordsRoundTrip()
    {
        QCOMPARE(toString(State::Pending), std::string_view("pending"));
        QCOMPARE(toString(State::Running), std::string_view("running"));
        QCOMPARE(toString(State::Succeeded), std::string_view("succeeded"));
        QCOMPARE(toString(State::Failed), std::string_view("failed"));
        for (State s : {State::Pending, State::Running, State::Succeeded, State::Failed, State::Deleted})
            QCOMPARE(stateFromString(toString(s)), std::optional<State>(s));
        QVERIFY(!stateFromString("canceled"));
    }
};

QTEST_GUILESS_MAIN(TestTransferState)
#include "tst_transferstate.moc"
