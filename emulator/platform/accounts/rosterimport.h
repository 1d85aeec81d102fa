#pragma once

#include "rostertypes.h"

#include "platform/service.h"

#include <map>
#include <string>
#include <vector>

namespace dynodesk::platform {

class AccountService;
class TeamService;

// A class roster, imported by the server's operator (`dynodesk-server accounts:import`): a CSV
// file with the header `email,name,team,role`. Each row makes its account (or sets the name of
// an existing one) and, when it names a team, makes the account a member with that role
// (admin, member or viewer). A team that does not exist yet is made with the first of its admin
// rows as its owner. The import is one store transaction: a bad row refuses the whole file,
// naming its line, and nothing is written. Importing the same roster again changes nothing.
class RosterImport final : public detail::Service {
public:
    RosterImport(detail::Environment &env, AccountService &accounts, TeamService &teams);

    // The rows of a roster, each checked on its own and against the others (duplicate emails).
    static Result<std::vector<RosterRow>> parse(const std::string &csv);
    Result<RosterOutcome> import(const std::string &csv);

private:
    // The accounts the roster adds, made before the transaction (hashing passwords is slow).
    Result<std::map<std::string, AccountCreated>> prepareAccounts(const std::vector<RosterRow> &rows) const;
    Result<Account> ensureAccount(const RosterRow &row, const std::map<std::string, AccountCreated> &prepared,
                                  RosterOutcome &outcome);
    Status ensureTeams(const std::vector<RosterRow> &rows, RosterOutcome &outcome);
    Status ensureMember(const RosterRow &row, RosterOutcome &outcome);

    AccountService &m_accounts;
    TeamService &m_teams;
};

} // namespace dynodesk::platform
