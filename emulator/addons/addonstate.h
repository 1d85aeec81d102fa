#pragma once

#include <optional>
#include <string_view>

namespace dynodesk::addons {

// An add-on's provisioning state. The API shows the platform's words (`provisioning`,
// `provisioned`, `deprovisioned`); `deprovisioning` is the emulator's own while a provider drops
// what it made.
enum class State { Provisioning, Provisioned, Deprovisioning, Deprovisioned };

// What happens to an add-on.
enum class Input {
    ProviderSucceeded, // the provider finished the pending provision or deprovision
    ProviderFailed,    // the provider gave up; a provision is rolled back, a deprovision keeps the add-on
    DestroyAsked,      // a user destroyed the add-on
    FoundOnStart,      // the emulator started and found the add-on in this state
};

// The next state, or nullopt when the input does not apply in that state. An add-on found in
// `provisioning` on start is rolled back (its provider drops what it may have made); one found in
// `deprovisioning` carries on deprovisioning.
std::optional<State> transition(State from, Input input);

// Whether the provider has work to do in this state: provision or deprovision.
bool providerWorkPending(State state);

std::string_view toString(State state);
std::string_view toString(Input input);
std::optional<State> stateFromString(std::string_view word);

} // namespace dynodesk::addons
