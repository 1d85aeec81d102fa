#include "releasestate.h"

namespace dynodesk::platform::releases {

State initialState(bool releasePhase)
{
    return releasePhase ? State::Pending : State::Succeeded;
}

std::optional<State> transition(State from, Input input)
{
    if (from != State::Pending)
        return std::nullopt; // only a running release phase moves a release
    switch (input) {
    case Input::ReleasePhaseSucceeded: return State::Succeeded;
    case Input::ReleasePhaseFailed:
    case Input::ReleasePhaseTimedOut:
    case Input::Interrupted: return State::Failed;
    }
    return std::nullopt;
}

bool canBeCurrent(State state)
{
    return state == State::Succeeded;
}

std::string_view toString(State state)
{
    switch (state) {
    case State::Pending: return "pending";
    case State::Succeeded: return "succeeded";
    case State::Failed: return "failed";
    case State::Expired: return "expired";
    }
    return "unknown";
}

std::string_view toString(Input input)
{
    switch (input) {
    case Input::ReleasePhaseSucceeded: return "release phase succeeded";
    case Input::ReleasePhaseFailed: return "release phase failed";
    case Input::ReleasePhaseTimedOut: return "release phase timed out";
    case Input::Interrupted: return "interrupted";
    }
    return "unknown";
}

std::optional<State> stateFromString(std::string_view word)
{
    for (State s : {State::Pending, State::Succeeded, State::Failed, State::Expired}) {
        if (toString(s) == word)
            return s;
    }
    return std::nullopt;
}

} // namespace dynodesk::platform::releases
