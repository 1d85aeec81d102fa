#pragma once

#include <optional>
#include <string_view>

namespace dynodesk::platform::data {

// A data transfer's state (a pg:backups capture or restore). The API shows `pending`, `running`,
// `succeeded` and `failed`; `deleted` is the emulator's own for a finished transfer a user
// deleted (the store marks it `deleted_at`, and the API answers 404 for it).
enum class State { Pending, Running, Succeeded, Failed, Deleted };

// What happens to a transfer.
enum class Input {
    Started,        // the provider took it on: pg_dump or pg_restore runs
    NothingToWork,  // before it started, its database, its backup or the provider was gone
    WorkSucceeded,  // pg_dump or pg_restore finished
    WorkFailed,     // pg_dump or pg_restore gave up; a restore leaves the database unchanged
    Interrupted,    // the emulator stopped while it was pending or running: found so on start
    DeleteAsked,    // a user deleted it (pg:backups:delete)
};

// The next state, or nullopt when the input does not apply in that state: an unfinished transfer
// cannot be deleted, and the outcome of one deleted meanwhile is dropped.
std::optional<State> transition(State from, Input input);

std::string_view toString(State state);
std::string_view toString(Input input);
std::optional<State> stateFromString(std::string_view word);

} // namespace dynodesk::platform::data
