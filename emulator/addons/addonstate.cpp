#include "addonstate.h"

namespace dynodesk::addons {

std::optional<State> transition(State from, Input input)
{
    switch (input) {
    case Input::ProviderSucceeded:
        return transition(from, from == State::Deprovisioning ? Input::DeprovisionSucceeded : Input::ProvisionSucceeded);
    case Input::ProviderFailed:
        return transition(from, from == State::Deprovisioning ? Input::DeprovisionFailed : Input::ProvisionFailed);
    case Input::DestroyAsked:
        if (from == State::Provisioning || from == State::Provisioned)
            return State::Deprovisioning;
        return std::nullopt;
    case Input::FoundOnStart:
        if (from == State::Provisioning || from == State::Deprovisioning)
            return State::Deprovisioning;
        if (from == State::Provisioned)
            return State::Provisioned;
        return std::nullopt;
    case Input::ProvisionSucceeded:
    case Input::ProvisionFailed:
        if (from == State::Provisioning)
            return input == Input::ProvisionSucceeded ? State::Provisioned : State::Deprovisioned;
        return std::nullopt;
    case Input::DeprovisionSucceeded:
    case Input::DeprovisionFailed:
        if (from == State::Deprovisioning)
            return input == Input::DeprovisionSucceeded ? State::Deprovisioned : State::Provisioned;
        return std::nullopt;
    case Input::RollBackSucceeded:
    case Input::RollBackFailed:
        if (from == State::Deprovisioning)
            return State::Deprovisioned;
        return std::nullopt;
    case Input::PlanChangeSucceeded:
    case Input::PlanChangeFailed:
        if (from == State::Provisioned)
            return State::Provisioned;
        return std::nullopt;
    }
    return std::nullopt;
}

bool providerWorkPending(State state)
{
    return state == State::Provisioning || state == State::Deprovisioning;
}

std::string_view toString(State state)
{
    switch (state) {
    case State::Provisioning: return "provisioning";
    case State::Provisioned: return "provisioned";
    case State::Deprovisioning: return "deprovisioning";
    case State::Deprovisioned: return "deprovisioned";
    }
    return "unknown";
}

std::string_view toString(Input input)
{
    switch (input) {
    case Input::ProviderSucceeded: return "provider succeeded";
    case Input::ProviderFailed: return "provider failed";
    case Input::DestroyAsked: return "destroy asked";
    case Input::FoundOnStart: return "found on start";
    case Input::ProvisionSucceeded: return "provision succeeded";
    case Input::ProvisionFailed: return "provision failed";
    case Input::DeprovisionSucceeded: return "deprovision succeeded";
    case Input::DeprovisionFailed: return "deprovision failed";
    case Input::RollBackSucceeded: return "rollback succeeded";
    case Input::RollBackFailed: return "rollback failed";
    case Input::PlanChangeSucceeded: return "plan change succeeded";
    case Input::PlanChangeFailed: return "plan change failed";
    }
    return "unknown";
}

std::optional<State> stateFromString(std::string_view word)
{
    for (State s : {State::Provisioning, State::Provisioned, State::Deprovisioning, State::Deprovisioned}) {
        if (toString(s) == word)
            return s;
    }
    return std::nullopt;
}

} // namespace dynodesk::addons
