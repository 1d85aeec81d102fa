#pragma once

#include <string>
#include <vector>

namespace dynodesk::platform {

// One row of a class roster (`email,name,team,role`), with the line it is on.
struct RosterRow final {
    int line = 0;
    std::string email, name, team, role;
};

// An account the import made: what its owner needs to log in.
struct RosterCredentials final {
    std::string email, password, token;
};

// What an import changed. Nothing changed when a roster is imported a second time.
struct RosterOutcome final {
    int rows = 0;
    std::vector<RosterCredentials> created; // new accounts only, in the roster's order
    int accountsRenamed = 0, teamsCreated = 0, membersAdded = 0, rolesChanged = 0;
    bool changed() const { return !created.empty() || accountsRenamed || teamsCreated || membersAdded || rolesChanged; }
};

} // namespace dynodesk::platform
