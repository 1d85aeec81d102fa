#pragma once

#include <optional>
#include <string_view>

namespace dynodesk::platform::builds {

// A build's status, in the platform's words (schema `build`, `status`: `pending`, `succeeded`,
// `failed`). A build is created `pending`.
enum class State { Pending, Succeeded, Failed };

// What happens to a build.
enum class Input {
    SlugCompiled,      // the buildpacks made a slug and its release was stored
    CompileFailed,     // a buildpack did not detect or compile, or the slug was too big
    TimedOut,          // the build ran past its deadline
    ReleaseNotCreated, // the slug was made but storing it and its release failed
    Interrupted,       // the emulator stopped while it ran: found pending on start
};

// The next state, or nullopt when the input does not apply in that state. A build ends when its
// slug is made: a release phase that fails afterwards fails the release, not the build.
std::optional<State> transition(State from, Input input);

std::string_view toString(State state);
std::string_view toString(Input input);
std::optional<State> stateFromString(std::string_view word);

} // namespace dynodesk::platform::builds
