#include "transferstate.h"

namespace dynodesk::platform::data {

std::optional<State> transition(State from, Input input)
{
    switch (input) {
    case Input::Started:
        if (from == State::Pending)
            return State::Running;
        return std::nullopt;
    case Input::NothingToWork:
        if (from == State::Pending)
            return State::Failed;
        return std::nullopt;
    case Input::WorkSucceeded:
        if (from == State::Running)
            return State::Succeeded;
        return std::nullopt;
    case Input::WorkFailed:
        if (from == State::Running)
            return State::Failed;
        return std::nullopt;
    case Input::Interrupted:
        if (from == State::Pending || from == State::Running)
            return State::Failed;
        return std::nullopt;
    case Input::DeleteAsked:
        if (from == State::Succeeded || from == State::Failed)
            return State::Deleted;
        return std::nullopt;
    }
    return std::nullopt;
}

std::string_view toString(State state)
{
    switch (state) {
    case State::Pending: return "pending";
    case State::Running: return "running";
    case State::Succeeded: return "succeeded";
    case State::Failed: return "failed";
    case State::Deleted: return "deleted";
    }
    return "unknown";
}

std::string_view toString(Input input)
{
    switch (input) {
    case Input::Started: return "started";
    case Input::NothingToWork: return "nothing to work on";
    case Input::WorkSucceeded: return "work succeeded";
    case Input::WorkFailed: return "work failed";
    case Input::Interrupted: return "interrupted";
    case Input::DeleteAsked: return "delete asked";
    }
    return "unknown";
}

std::optional<State> stateFromString(std::string_view word)
{
    for (State s : {State::Pending, State::Running, State::Succeeded, State::Failed, State::Deleted}) {
        if (toString(s) == word)
            return s;
    }
    return std::nullopt;
}

} // namespace dynodesk::platform::data
