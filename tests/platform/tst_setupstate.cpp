// The app setup state machine: every state against every input, written out.
#include "platform/setups/setupstate.h"

#include "common/statetable.h"

using namespace dynodesk::platform::setups;
using Row = dynodesk::test::StateRow<State, Input>;

Q_DECLARE_METATYPE(State)
Q_DECLARE_METATYPE(Input)

class TestSetupState : public QObject {
    Q_OBJECT
    static std::vector<Row> table()
    {
        const State P = State::Pending, OK = State::Succeeded, F = State::Failed;
        const std::nullopt_t no = std::nullopt;
        return {
            {P, Input::Completed, OK},  {OK, Input::Completed, no},  {F, Input::Completed, no},
            {P, Input::SourceBad, F},   {OK, Input::SourceBad, no},   {F, Input::SourceBad, no},
            {P, Input::ManifestBad, F}, {OK, Input::ManifestBad, no}, {F, Input::ManifestBad, no},
            {P, Input::StepFailed, F},  {OK, Input::StepFailed, no},  {F, Input::StepFailed, no},
            // a setup left pending by a stop failed; a finished one stays as it ended
            {P, Input::Interrupted, F}, {OK, Input::Interrupted, no}, {F, Input::Interrupted, no},
        };
    }

private slots:
    void transitions_data() { dynodesk::test::addStateRows(table()); }
    void transitions() { dynodesk::test::checkStateRow(&transition); }
    void tableCoversEveryPair() { QVERIFY(dynodesk::test::coversEveryPair(table(), 3, 5)); }


    // The words are a build's (tst_buildstate checks them); the inputs have their own.
    void inputsHaveWords()
    {
        for (Input i : {Input::Completed, Input::SourceBad, Input::ManifestBad, Input::StepFailed, Input::Interrupted})
            QVERIFY(toString(i) != std::string_view("unknown"));
        QCOMPARE(toString(State::Succeeded), std::string_view("succeeded"));
    }
};

QTEST_GUILESS_MAIN(TestSetupState)
#include "tst_setupstate.moc"
