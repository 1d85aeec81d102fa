#include "addonstate.h"

namespace dynodesk::addons {

std::optional<State> transition(State from, Input input)
{
    switch (input) {
    case Input::ProviderSucceeded:
        if (from == State::Provisioning)
            return State::Provisioned;
        if (from == State::Deprovisioning)
            return State::Deprovisioned;
        return std::nullopt;
    case Input::ProviderFailed:
        if (from == State::Provisioning)
            return State::Deprovisioned;
        if (from == State::Deprovisioning)
            return State::Provisioned;
        return std::nullopt;
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
