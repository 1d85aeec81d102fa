// The add-on provisioning state machine: every state against every input, written out.
#include "addons/addonstate.h"

#include "common/statetable.h"

using namespace dynodesk::addons;
using Row = dynodesk::test::StateRow<State, Input>;

Q_DECLARE_METATYPE(State)
Q_DECLARE_METATYPE(Input)

class TestAddonState : public QObject {
    Q_OBJECT
    static std::vector<Row> table()
    {
        const State P = State::Provisioning, OK = State::Provisioned, DP = State::Deprovisioning, X = State::Deprovisioned;
        const std::nullopt_t no = std::nullopt;
        return {
            // the provider's outcome, read as the job the state implies
            {P, Input::ProviderSucceeded, OK},     {OK, Input::ProviderSucceeded, no},
            {DP, Input::ProviderSucceeded, X},     {X, Input::ProviderSucceeded, no},
            {P, Input::ProviderFailed, X},         {OK, Input::ProviderFailed, no},
            {DP, Input::ProviderFailed, OK},       {X, Input::ProviderFailed, no},
            {P, Input::DestroyAsked, DP},          {OK, Input::DestroyAsked, DP},
            {DP, Input::DestroyAsked, no},         {X, Input::DestroyAsked, no},
            // interrupted provisioning is rolled back; interrupted deprovisioning carries on
            {P, Input::FoundOnStart, DP},          {OK, Input::FoundOnStart, OK},
            {DP, Input::FoundOnStart, DP},         {X, Input::FoundOnStart, no},
            // a provision's outcome for an add-on destroyed meanwhile changes nothing
            {P, Input::ProvisionSucceeded, OK},    {OK, Input::ProvisionSucceeded, no},
            {DP, Input::ProvisionSucceeded, no},   {X, Input::ProvisionSucceeded, no},
            {P, Input::ProvisionFailed, X},        {OK, Input::ProvisionFailed, no},
            {DP, Input::ProvisionFailed, no},      {X, Input::ProvisionFailed, no},
            {P, Input::DeprovisionSucceeded, no},  {OK, Input::DeprovisionSucceeded, no},
            {DP, Input::DeprovisionSucceeded, X},  {X, Input::DeprovisionSucceeded, no},
            {P, Input::DeprovisionFailed, no},     {OK, Input::DeprovisionFailed, no},
            {DP, Input::DeprovisionFailed, OK},    {X, Input::DeprovisionFailed, no},
            // a rollback ends deprovisioned whatever the provider says: it was never provisioned
            {P, Input::RollBackSucceeded, no},     {OK, Input::RollBackSucceeded, no},
            {DP, Input::RollBackSucceeded, X},     {X, Input::RollBackSucceeded, no},
            {P, Input::RollBackFailed, no},        {OK, Input::RollBackFailed, no},
            {DP, Input::RollBackFailed, X},        {X, Input::RollBackFailed, no},
            // a plan change keeps the add-on provisioned either way; destroyed meanwhile, it is ignored
            {P, Input::PlanChangeSucceeded, no},   {OK, Input::PlanChangeSucceeded, OK},
            {DP, Input::PlanChangeSucceeded, no},  {X, Input::PlanChangeSucceeded, no},
            {P, Input::PlanChangeFailed, no},      {OK, Input::PlanChangeFailed, OK},
            {DP, Input::PlanChangeFailed, no},     {X, Input::PlanChangeFailed, no},
        };
    }

private slots:
    void transitions_data() { dynodesk::test::addStateRows(table()); }

    void transitions() { dynodesk::test::checkStateRow(&transition); }

    void tableCoversEveryPair() { QVERIFY(dynodesk::test::coversEveryPair(table(), 4, 12)); }

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
