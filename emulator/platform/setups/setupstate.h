#pragma once

#include "platform/builds/buildstate.h"

#include <optional>
#include <string_view>

namespace dynodesk::platform::setups {

// An app setup's status (schema `app-setup`, `status`): the same three words as a build's
// (`pending`, `succeeded`, `failed`), so the same enum and words. A setup is created `pending`.
using State = builds::State;
using builds::stateFromString;
using builds::toString;

// What happens to a setup.
enum class Input {
    Completed,   // built, released, scaled, and its postdeploy script (if any) exited 0
    SourceBad,   // the tarball could not be fetched, or is not gzip, too big, or its checksum differs
    ManifestBad, // app.json is not JSON, has wrong types, lacks a required value or names an unknown plan
    StepFailed,  // making the app, its config, add-ons, build, release, formation or postdeploy failed
    Interrupted, // the emulator stopped while it ran: found pending on start
};

// The next state, or nullopt when the input does not apply: a setup that ended stays as it ended.
std::optional<State> transition(State from, Input input);

std::string_view toString(Input input);

} // namespace dynodesk::platform::setups
