#pragma once

#include <optional>
#include <string_view>

namespace dynodesk::platform::releases {

// A release's status, in the platform's words (schema `release`, `status`: `pending`,
// `succeeded`, `failed`, `expired`). The emulator never expires a release: it keeps every slug.
enum class State { Pending, Succeeded, Failed, Expired };

// What happens to a release while its release phase (the Procfile's `release:` command) runs.
enum class Input {
    ReleasePhaseSucceeded, // the release command exited 0
    ReleasePhaseFailed,    // it exited non-zero or could not start
    ReleasePhaseTimedOut,  // it ran past its deadline and was killed
    Interrupted,           // the emulator stopped while it ran: found pending on start
};

// How a release starts: `pending` while a release command runs, else `succeeded` at once (a
// config change, an add-on attachment, a rollback, a build without a release phase).
State initialState(bool releasePhase);

// The next state, or nullopt when the input does not apply in that state.
std::optional<State> transition(State from, Input input);

// Whether a release in this state can be the app's current one, and be rolled back to. The
// current release is the newest one that can: a release whose phase succeeds becomes current; one
// that fails or times out leaves the previous one current.
bool canBeCurrent(State state);

std::string_view toString(State state);
std::string_view toString(Input input);
std::optional<State> stateFromString(std::string_view word);

} // namespace dynodesk::platform::releases
