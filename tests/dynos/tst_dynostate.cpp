// The dyno state machine: every state against every input, written out.
#include "dynos/dynostate.h"

#include <QTest>

using namespace dynodesk::dynos;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(State)
Q_DECLARE_METATYPE(Input)

class TestDynoState : public QObject {
    Q_OBJECT
private slots:
    void transitions_data()
    {
        QTest::addColumn<State>("from");
        QTest::addColumn<Input>("input");
        QTest::addColumn<bool>("oneOff");
        QTest::addColumn<int>("to"); // -1: the input does not apply

        const State S = State::Starting, U = State::Up, C = State::Crashed, D = State::Down, X = State::Complete,
                    I = State::Idle;
        const int no = -1;
        auto to = [](State s) { return static_cast<int>(s); };
        // from, input, formation dyno, one-off dyno
        struct Row { State from; Input input; int formation; int oneOff; };
        const Row rows[] = {
            {D, Input::Launched, to(S), to(S)},   {C, Input::Launched, to(S), to(S)},
            {S, Input::Launched, no, no},         {U, Input::Launched, no, no},      {X, Input::Launched, no, no},
            {S, Input::Ready, to(U), to(U)},      {U, Input::Ready, no, no},         {C, Input::Ready, no, no},
            {D, Input::Ready, no, no},            {X, Input::Ready, no, no},
            {S, Input::Exited, to(C), to(X)},     {U, Input::Exited, to(C), to(X)},  {C, Input::Exited, no, no},
            {D, Input::Exited, no, no},           {X, Input::Exited, no, no},
            {S, Input::BootTimeout, to(C), no},   {U, Input::BootTimeout, no, no},   {C, Input::BootTimeout, no, no},
            {D, Input::BootTimeout, no, no},      {X, Input::BootTimeout, no, no},
            {S, Input::MemoryKill, to(C), to(X)}, {U, Input::MemoryKill, to(C), to(X)}, {C, Input::MemoryKill, no, no},
            {D, Input::MemoryKill, no, no},       {X, Input::MemoryKill, no, no},
            {S, Input::StopAsked, to(D), to(D)},  {U, Input::StopAsked, to(D), to(D)}, {C, Input::StopAsked, to(D), to(D)},
            {D, Input::StopAsked, no, no},        {X, Input::StopAsked, no, no},
            // Idling: only an up formation dyno sleeps; a sleeping one wakes by launching, and
            // a stop (new release, restart, scale) takes it down.
            {U, Input::IdleAsked, to(I), no},     {S, Input::IdleAsked, no, no},     {C, Input::IdleAsked, no, no},
            {D, Input::IdleAsked, no, no},        {I, Input::IdleAsked, no, no},     {X, Input::IdleAsked, no, no},
            {I, Input::Launched, to(S), to(S)},   {I, Input::StopAsked, to(D), to(D)}, {I, Input::Ready, no, no},
            {I, Input::Exited, no, no},           {I, Input::BootTimeout, no, no},   {I, Input::MemoryKill, no, no},
        };
        for (const Row &r : rows) {
            QTest::addRow("%s + %s", toString(r.from).data(), toString(r.input).data()) << r.from << r.input << false << r.formation;
            QTest::addRow("one-off %s + %s", toString(r.from).data(), toString(r.input).data()) << r.from << r.input << true << r.oneOff;
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

    void platformWords()
    {
        QCOMPARE(toString(State::Starting), std::string_view("starting"));
        QCOMPARE(toString(State::Up), std::string_view("up"));
        QCOMPARE(toString(State::Crashed), std::string_view("crashed"));
        QCOMPARE(toString(State::Down), std::string_view("down"));
        QCOMPARE(toString(State::Complete), std::string_view("complete"));
        QCOMPARE(toString(State::Idle), std::string_view("idle"));
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
