#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace dynodesk::dynos {

// Where a dyno stands. toString() gives the platform's word (platform-facts §6): the states
// that differ only in what the supervisor still waits for share it.
enum class State {
    Starting, // its run was asked for (the slug expands, the process starts): `starting`
    Up,       // a web dyno accepts connections on $PORT; other dynos once started: `up`
    Crashed,  // its process ended on its own, or was killed for R10 or R15: `crashed`
    Stopping, // a stop was asked and its processes have not all ended yet: `down`
    Down,     // nothing runs, and it goes: `down`
    Complete, // a one-off whose command ended: `complete`
    Sleeping, // idling: asked to sleep, its processes have not all ended yet: `idle`
    Waking,   // sleeping, and a request came meanwhile: it starts again once down: `idle`
    Idle,     // asleep, nothing runs, until a request wakes it: `idle`
};

// What happens to a dyno.
enum class Input {
    Launched,    // its run was started (again)
    Ready,       // a web dyno accepts connections on $PORT; other dynos once started
    Exited,      // its process ended (on its own, or as asked)
    BootTimeout, // a web dyno did not bind $PORT in time (R10)
    MemoryKill,  // far over its memory quota (R15)
    StopAsked,   // a stop, a restart, a scale-down or a new release
    IdleAsked,   // an idling app's web dyno went without requests for long enough: it sleeps
    WakeAsked,   // a request came for a dyno that is going to sleep
};

// The next state, or nullopt when the input does not apply in that state. One-off dynos end in
// `complete` when their process exits; formation dynos in `crashed`.
std::optional<State> transition(State from, Input input, bool oneOff);

// Whether the dyno's processes are being stopped (to go, or to sleep).
bool stopping(State state);

std::string_view toString(State state);
std::string_view toString(Input input);

// How long a crashed dyno waits before it is started again: at once after the first crash, then
// doubling from 1 s, never more than `cap`.
std::chrono::milliseconds crashCooldown(int crashes, std::chrono::milliseconds cap);

} // namespace dynodesk::dynos
