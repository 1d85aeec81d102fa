#include "dynostate.h"

#include <algorithm>

namespace dynodesk::dynos {

static bool running(State s) { return s == State::Starting || s == State::Up; }

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
        if (running(from))
            return oneOff ? State::Complete : State::Crashed;
        if (from == State::Stopping)
            return State::Down;
        if (from == State::Sleeping || from == State::Waking)
            return State::Idle;
        return std::nullopt;
    case Input::BootTimeout:
        if (from == State::Starting && !oneOff)
            return State::Crashed;
        return std::nullopt;
    case Input::MemoryKill:
        if (running(from))
            return oneOff ? State::Complete : State::Crashed;
        return std::nullopt;
    case Input::StopAsked: // a dyno going to sleep finishes that first
        if (running(from) || from == State::Crashed || from == State::Idle)
            return State::Stopping;
        return std::nullopt;
    case Input::IdleAsked:
        if (from == State::Up && !oneOff)
            return State::Sleeping;
        return std::nullopt;
    case Input::WakeAsked:
        if (from == State::Sleeping)
            return State::Waking;
        return std::nullopt;
    }
    return std::nullopt;
}

bool stopping(State state) { return state == State::Stopping || state == State::Sleeping || state == State::Waking; }

std::string_view toString(State state)
{
    switch (state) {
    case State::Starting: return "starting";
    case State::Up: return "up";
    case State::Crashed: return "crashed";
    case State::Stopping:
    case State::Down: return "down";
    case State::Complete: return "complete";
    case State::Sleeping:
    case State::Waking:
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
    case Input::WakeAsked: return "wake asked";
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
