// The add-on provisioning state machine: every state against every input, written out.
#include "addons/addonstate.h"

#include <QTest>

using namespace dynodesk::addons;

Q_DECLARE_METATYPE(State)
Q_DECLARE_METATYPE(Input)

class TestAddonState : public QObject {
    Q_OBJECT
private slots:
    void transitions_data()
    {
        QTest::addColumn<State>("from");
        QTest::addColumn<Input>("input");
        QTest::addColumn<int>("to"); // -1: the input does not apply

        const State P = State::Provisioning, OK = State::Provisioned, DP = State::Deprovisioning, X = State::Deprovisioned;
        const int no = -1;
        auto to = [](State s) { return static_cast<int>(s); };
        struct Row { State from; Input input; int to; };
        const Row rows[] = {
            {P, Input::ProviderSucceeded, to(OK)}, {OK, Input::ProviderSucceeded, no},
            {DP, Input::ProviderSucceeded, to(X)}, {X, Input::ProviderSucceeded, no},
            {P, Input::ProviderFailed, to(X)},     {OK, Input::ProviderFailed, no},
            {DP, Input::ProviderFailed, to(OK)},   {X, Input::ProviderFailed, no},
            {P, Input::DestroyAsked, to(DP)},      {OK, Input::DestroyAsked, to(DP)},
            {DP, Input::DestroyAsked, no},         {X, Input::DestroyAsked, no},
            // interrupted provisioning is rolled back; interrupted deprovisioning carries on
            {P, Input::FoundOnStart, to(DP)},      {OK, Input::FoundOnStart, to(OK)},
            {DP, Input::FoundOnStart, to(DP)},     {X, Input::FoundOnStart, no},
        };
        for (const Row &r : rows)
            QTest::addRow("%s + %s", toString(r.from).data(), toString(r.input).data()) << r.from << r.input << r.to;
    }

    void transitions()
    {
        QFETCH(State, from);
        QFETCH(Input, input);
        QFETCH(int, to);
        const auto next = transition(from, input);
        if (to < 0)
            QVERIFY2(!next, next ? toString(*next).data() : "");
        else
            QCOMPARE(next ? static_cast<int>(*next) : -1, to);
    }

    void platformWordsRoundTrip()
    {
        QCOMPARE(toString(State::Provisioning), std::string_view("provisioning"));
        QCOMPARE(toString(State::Provisioned), std::string_view("provisioned"));
        QCOMPARE(toString(State::Deprovisioned), std::string_view("deprovisioned"));
        for (State s : {State::Provisioning, State::Provisioned, State::Deprovisioning, State::Deprovisioned})
            QCOMPARE(stateFromString(toString(s)), std::optional<State>(s));
        QVERIFY(!stateFromString("created"));
    }

    void providerWorkOnlyWhilePending()
    {
        QVERIFY(providerWorkPending(State::Provisioning));
        QVERIFY(providerWorkPending(State::Deprovisioning));
        QVERIFY(!providerWorkPending(State::Provisioned));
        QVERIFY(!providerWorkPending(State::Deprovisioned));
    }
};

QTEST_GUILESS_MAIN(TestAddonState)
#include "tst_addonstate.moc"
