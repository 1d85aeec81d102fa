#include "setupstate.h"

namespace dynodesk::platform::setups {

std::optional<State> transition(State from, Input input)
{
    if (from != State::Pending)
        return std::nullopt;
    return input == Input::Completed ? State::Succeeded : State::Failed;
}

std::string_view toString(Input input)
{
    switch (input) {
    case Input::Completed: return "completed";
    case Input::SourceBad: return "source bad";
    case Input::ManifestBad: return "manifest bad";
    case Input::StepFailed: return "step failed";
    case Input::Interrupted: return "interrupted";
    }
    return "unknown";
}

} // namespace dynodesk::platform::setups
