#include "buildstate.h"

namespace dynodesk::platform::builds {

std::optional<State> transition(State from, Input input)
{
    if (from != State::Pending)
        return std::nullopt; // a finished build stays as it ended
    switch (input) {
    case Input::SlugCompiled: return State::Succeeded;
    case Input::CompileFailed:
    case Input::TimedOut:
    case Input::ReleaseNotCreated:
    case Input::Interrupted: return State::Failed;
    }
    return std::nullopt;
}

std::string_view toString(State state)
{
    switch (state) {
    case State::Pending: return "pending";
    case State::Succeeded: return "succeeded";
    case State::Failed: return "failed";
    }
    return "unknown";
}

std::string_view toString(Input input)
{
    switch (input) {
    case Input::SlugCompiled: return "slug compiled";
    case Input::CompileFailed: return "compile failed";
    case Input::TimedOut: return "timed out";
    case Input::ReleaseNotCreated: return "release not created";
    case Input::Interrupted: return "interrupted";
    }
    return "unknown";
}

std::optional<State> stateFromString(std::string_view word)
{
    for (State s : {State::Pending, State::Succeeded, State::Failed}) {
        if (toString(s) == word)
            return s;
    }
    return std::nullopt;
}

} // namespace dynodesk::platform::builds
