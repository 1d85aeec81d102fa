// The dyno state machine: every state against every input, for formation and one-off dynos,
// written out as a table.
#include "dynos/dynostate.h"

#include <QTest>

using namespace dynodesk::dynos;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(State)
Q_DECLARE_METATYPE(Input)

static constexpr State allStates[] = {State::Starting, State::Up,       State::Crashed, State::Stopping, State::Down,
                                      State::Complete, State::Sleeping, State::Waking,  State::Idle};
static constexpr Input allInputs[] = {Input::Launched,   Input::Ready,     Input::Exited,    Input::BootTimeout,
                                      Input::MemoryKill, Input::StopAsked, Input::IdleAsked, Input::WakeAsked};

// One letter per state in the table below; '.' is "the input does not apply".
static int fromLetter(char c)
{
    const std::string_view letters = "SUCTDXZWI";
    const auto at = letters.find(c);
    return at == std::string_view::npos ? -1 : static_cast<int>(allStates[at]);
}

class TestDynoState : public QObject {
    Q_OBJECT
private slots:
    void transitions_data()
    {
        QTest::addColumn<State>("from");
        QTest::addColumn<Input>("input");
        QTest::addColumn<bool>("oneOff");
        QTest::addColumn<int>("to"); // -1: the input does not apply

        // S starting, U up, C crashed, T stopping, D down, X complete, Z sleeping, W waking, I idle.
        // Columns: Launched, Ready, Exited, BootTimeout, MemoryKill, StopAsked, IdleAsked, WakeAsked.
        struct Row { State from; const char *formation; const char *oneOff; };
        const Row rows[] = {
            // The process starts, comes up, ends on its own or is killed (R10 only for web
            // dynos of the formation, R15 for any); a one-off ends `complete`.
            {State::Starting, ".UCCCT..", ".UX.XT.."},
            {State::Up,       "..C.CTZ.", "..X.XT.."},
            // A crashed dyno starts again after its cool-off, or is stopped while it waits.
            {State::Crashed,  "S....T..", "S....T.."},
            // A stop waits for the processes to end; then the dyno is down and goes.
            {State::Stopping, "..D.....", "..D....."},
            {State::Down,     "S.......", "S......."},
            {State::Complete, "........", "........"},
            // Idling: going to sleep, a stop waits for the sleep; a request meanwhile wakes it
            // once its processes have ended; asleep, it launches again or is stopped.
            {State::Sleeping, "..I....W", "..I....W"},
            {State::Waking,   "..I.....", "..I....."},
            {State::Idle,     "S....T..", "S....T.."},
        };
        QCOMPARE(std::size(rows), std::size(allStates));
        for (const Row &r : rows) {
            for (size_t i = 0; i < std::size(allInputs); ++i) {
                const Input input = allInputs[i];
                QTest::addRow("%s + %s", toString(r.from).data(), toString(input).data())
                        << r.from << input << false << fromLetter(r.formation[i]);
                QTest::addRow("one-off %s + %s", toString(r.from).data(), toString(input).data())
                        << r.from << input << true << fromLetter(r.oneOff[i]);
            }
        }
    }

    void transitions()
    {
        QFETCH(State, from);
        QFETCH(Input, input);
        QFETCH(bool, oneOff);
        QFETCH(int, to);
        const auto next = transition(from, input, oneOff);
        if (to < 0)
            QVERIFY2(!next, next ? toString(*next).data() : "");
        else
            QCOMPARE(next ? static_cast<int>(*next) : -1, to);
    }

    void everyPairIsInTheTable()
    {
        // The table above has a row per state and a column per input; a new state or input
        // has to be added to it.
        QCOMPARE(std::size(allStates), size_t(9));
        QCOMPARE(std::size(allInputs), size_t(8));
        QCOMPARE(static_cast<int>(State::Idle), 8);
        QCOMPARE(static_cast<int>(Input::WakeAsked), 7);
    }

    void platformWords_data()
    {
        QTest::addColumn<State>("state");
        QTest::addColumn<QString>("word");
        QTest::addColumn<bool>("stopping");
        QTest::newRow("starting") << State::Starting << "starting" << false;
        QTest::newRow("up") << State::Up << "up" << false;
        QTest::newRow("crashed") << State::Crashed << "crashed" << false;
        QTest::newRow("stopping") << State::Stopping << "down" << true;
        QTest::newRow("down") << State::Down << "down" << false;
        QTest::newRow("complete") << State::Complete << "complete" << false;
        QTest::newRow("sleeping") << State::Sleeping << "idle" << true;
        QTest::newRow("waking") << State::Waking << "idle" << true;
        QTest::newRow("idle") << State::Idle << "idle" << false;
    }

    void platformWords()
    {
        QFETCH(State, state);
        QFETCH(QString, word);
        QFETCH(bool, stopping);
        QCOMPARE(QString::fromUtf8(toString(state).data()), word);
        QCOMPARE(dynodesk::dynos::stopping(state), stopping);
    }

    void crashCooldownGrowsToItsCap()
    {
        QCOMPARE(crashCooldown(1, 20min), 0ms);
        QCOMPARE(crashCooldown(2, 20min), 1000ms);
        QCOMPARE(crashCooldown(3, 20min), 2000ms);
        QCOMPARE(crashCooldown(6, 20min), 16000ms);
        QCOMPARE(crashCooldown(20, 20min), std::chrono::milliseconds(20min));
        QCOMPARE(crashCooldown(1000, 5s), 5000ms);
    }
};

QTEST_GUILESS_MAIN(TestDynoState)
#include "tst_dynostate.moc"
