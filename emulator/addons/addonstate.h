#pragma once

#include <optional>
#include <string_view>

namespace dynodesk::addons {

// An add-on's provisioning state. The API shows the platform's words (`provisioning`,
// `provisioned`, `deprovisioned`); `deprovisioning` is the emulator's own while a provider drops
// what it made.
enum class State { Provisioning, Provisioned, Deprovisioning, Deprovisioned };

// What happens to an add-on. The jobs' outcomes say which job the provider finished, since a
// rollback and a destroy both deprovision but end differently when the provider fails.
enum class Input {
    ProviderSucceeded, // the provider finished the job the state implies: provision, or a destroy's deprovision
    ProviderFailed,    // the provider gave up on it; a provision fails the add-on, a deprovision keeps it
    DestroyAsked,      // a user destroyed the add-on
    FoundOnStart,      // the emulator started and found the add-on in this state
    ProvisionSucceeded,   // the provider made the add-on: it is attached
    ProvisionFailed,      // the provider could not make it: the add-on stays, failed, until destroyed
    DeprovisionSucceeded, // a destroy's deprovision finished: the add-on is gone
    DeprovisionFailed,    // a destroy's deprovision failed: the add-on stays, as it was
    RollBackSucceeded,    // a provision cut short by a restart was dropped
    RollBackFailed,       // dropping it failed too: the add-on stays failed all the same
    PlanChangeSucceeded,  // the provider moved the add-on to its new plan
    PlanChangeFailed,     // it could not: the add-on keeps its old plan
};

// The next state, or nullopt when the input does not apply in that state (an outcome for an
// add-on that moved on meanwhile, e.g. destroyed while provisioning, changes nothing). An add-on
// found in `provisioning` on start is rolled back (its provider drops what it may have made); one
// found in `deprovisioning` carries on deprovisioning.
std::optional<State> transition(State from, Input input);

// Whether the provider has work to do in this state: provision or deprovision.
bool providerWorkPending(State state);

std::string_view toString(State state);
std::string_view toString(Input input);
std::optional<State> stateFromString(std::string_view word);

} // namespace dynodesk::addons
