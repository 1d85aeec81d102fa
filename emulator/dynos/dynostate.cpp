#include "dynostate.h"

#include <algorithm>

namespace dynodesk::dynos {

std::optional<State> transition(State from, Input input, bool oneOff)
{
    switch (input) {
    case Input::Launched:
        if (from == State::Down || from == State::Crashed || from == State::Idle)
            return State::Starting;
        return std::nullopt;
    case Input::Ready:
        if (from == State::Starting)
            return State::Up;
        return std::nullopt;
    case Input::Exited:
        if (from == State::Starting || from == State::Up)
            return oneOff ? State::Complete : State::Crashed;
        return std::nullopt;
    case Input::BootTimeout:
        if (from == State::Starting && !oneOff)
            return State::Crashed;
        return std::nullopt;
    case Input::MemoryKill:
        if (from == State::Starting || from == State::Up)
            return oneOff ? State::Complete : State::Crashed;
        return std::nullopt;
    case Input::StopAsked:
        if (from == State::Starting || from == State::Up || from == State::Crashed || from == State::Idle)
            return State::Down;
        return std::nullopt;
    case Input::IdleAsked:
        if (from == State::Up && !oneOff)
            return State::Idle;
        return std::nullopt;
    }
    return std::nullopt;
}

std::string_view toString(State state)
{
    switch (state) {
    case State::Starting: return "starting";
    case State::Up: return "up";
    case State::Crashed: return "crashed";
    case State::Down: return "down";
    case State::Complete: return "complete";
    case State::Idle: return "idle";
    }
    return "unknown";
}

std::string_view toString(Input input)
{
    switch (input) {
    case Input::Launched: return "launched";
    case Input::Ready: return "ready";
    case Input::Exited: return "exited";
    case Input::BootTimeout: return "boot timeout";
    case Input::MemoryKill: return "memory kill";
    case Input::StopAsked: return "stop asked";
    case Input::IdleAsked: return "idle asked";
    }
    return "unknown";
}

std::chrono::milliseconds crashCooldown(int crashes, std::chrono::milliseconds cap)
{
    if (crashes <= 1)
        return std::chrono::milliseconds(0);
    const int doublings = std::min(crashes - 2, 30);
    const std::chrono::milliseconds wait(1000LL << doublings);
    return std::min(wait, cap);
}

} // namespace dynodesk::dynos
