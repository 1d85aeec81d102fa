#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace dynodesk::dynos {

// A dyno's state, in the platform's words (platform-facts §6).
enum class State { Starting, Up, Crashed, Down, Complete, Idle };

// What happens to a dyno.
enum class Input {
    Launched,    // its process was started (again)
    Ready,       // a web dyno accepts connections on $PORT; other dynos once started
    Exited,      // its process ended on its own
    BootTimeout, // a web dyno did not bind $PORT in time (R10)
    MemoryKill,  // far over its memory quota (R15)
    StopAsked,   // a stop, a restart, a scale-down or a new release
    IdleAsked,   // an idling app's web dyno went without requests for long enough: it sleeps
};

// The next state, or nullopt when the input does not apply in that state. One-off dynos end in
// `complete` when their process exits; formation dynos in `crashed`.
std::optional<State> transition(State from, Input input, bool oneOff);

std::string_view toString(State state);
std::string_view toString(Input input);

// How long a crashed dyno waits before it is started again: at once after the first crash, then
// doubling from 1 s, never more than `cap`.
std::chrono::milliseconds crashCooldown(int crashes, std::chrono::milliseconds cap);

} // namespace dynodesk::dynos
