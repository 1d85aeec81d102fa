// Class rosters: accounts, teams and memberships from a CSV file, in one transaction.
#include "rosterimport.h"
#include "accountservice.h"
#include "csvtable.h"

#include "platform/teams/teamservice.h"
#include "platform/transaction.h"

#include "core/ids.h"
#include "core/names.h"
#include "store/store.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace dynodesk::platform {

using core::ApiError;

static constexpr const char *kHeader = "email,name,team,role";
static constexpr const char *kOwnerRole = "owner";

RosterImport::RosterImport(detail::Environment &env, AccountService &accounts, TeamService &teams)
    : Service(env), m_accounts(accounts), m_teams(teams)
{
}

static ApiError atLine(int line, const std::string &what)
{
    return ApiError::invalidParams("line " + std::to_string(line) + ": " + what);
}

static std::string trimmed(const std::string &s)
{
    const auto begin = s.find_first_not_of(" \t");
    if (begin == std::string::npos)
        return {};
    return s.substr(begin, s.find_last_not_of(" \t") - begin + 1);
}

static std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// One `@`, something before it, a domain with a dot inside it; no spaces, commas or quotes (so the
// credentials file needs no quoting).
static bool isEmail(const std::string &email)
{
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos)
        return false;
    const std::string domain = email.substr(at + 1);
    const auto dot = domain.find('.');
    return dot != std::string::npos && dot > 0 && domain.back() != '.'
           && std::none_of(email.begin(), email.end(), [](unsigned char c) { return std::isspace(c) || c < 0x20 || c == ',' || c == '"'; });
}

static bool isRole(const std::string &role) { return role == "admin" || role == "member" || role == "viewer"; }

static std::optional<ApiError> rowError(const RosterRow &row)
{
    if (!isEmail(row.email))
        return atLine(row.line, "'" + row.email + "' is not a valid email address");
    if (row.team.empty() && !row.role.empty())
        return atLine(row.line, "role '" + row.role + "' needs a team");
    if (row.team.empty())
        return std::nullopt;
    if (auto error = core::appNameError(row.team))
        return atLine(row.line, "bad team name '" + row.team + "': " + *error);
    if (row.role.empty())
        return atLine(row.line, "no role for team '" + row.team + "' (use admin, member or viewer)");
    if (!isRole(row.role))
        return atLine(row.line, "unknown role '" + row.role + "' (use admin, member or viewer)");
    return std::nullopt;
}

static Status checkHeader(const CsvTable::Record &header)
{
    std::string joined;
    for (const auto &f : header.fields)
        joined += (joined.empty() ? "" : ",") + lower(trimmed(f));
    if (joined != kHeader)
        return atLine(header.line, "the header must be " + std::string(kHeader) + ", not " + joined);
    return core::Done{};
}

Result<std::vector<RosterRow>> RosterImport::parse(const std::string &csv)
{
    auto table = CsvTable::parse(csv);
    if (!table)
        return table.error();
    const auto &records = table->records();
    if (records.empty())
        return atLine(1, "the roster is empty; its first line must be the header " + std::string(kHeader));
    if (auto header = checkHeader(records.front()); !header)
        return header.error();
    std::vector<RosterRow> rows;
    std::map<std::string, int> seen; // email (lower case) → line
    for (auto rec = records.begin() + 1; rec != records.end(); ++rec) {
        if (rec->blank())
            continue;
        if (rec->fields.size() != 4)
            return atLine(rec->line, std::to_string(rec->fields.size()) + " columns, expected 4 (" + kHeader + ")");
        RosterRow row{rec->line, trimmed(rec->fields[0]), trimmed(rec->fields[1]), trimmed(rec->fields[2]),
                      lower(trimmed(rec->fields[3]))};
        if (auto error = rowError(row))
            return *error;
        if (auto [it, fresh] = seen.emplace(lower(row.email), row.line); !fresh)
            return atLine(row.line, "duplicate email " + row.email + " (also on line " + std::to_string(it->second) + ")");
        rows.push_back(std::move(row));
    }
    return rows;
}

Result<std::map<std::string, AccountCreated>> RosterImport::prepareAccounts(const std::vector<RosterRow> &rows) const
{
    std::map<std::string, AccountCreated> prepared;
    for (const auto &row : rows) {
        if (m_store.accounts.byEmail(row.email))
            continue;
        auto made = m_accounts.prepareAccount(row.email, std::nullopt);
        if (!made)
            return atLine(row.line, made.error().message);
        prepared.emplace(row.email, std::move(*made));
    }
    return prepared;
}

Result<Account> RosterImport::ensureAccount(const RosterRow &row, const std::map<std::string, AccountCreated> &prepared,
                                            RosterOutcome &outcome)
{
    auto account = m_store.accounts.byEmail(row.email);
    const bool isNew = !account;
    if (isNew) {
        const auto made = prepared.find(row.email);
        if (made == prepared.end()) // there before the transaction, gone in it
            return ApiError::conflict("line " + std::to_string(row.line) + ": " + row.email
                                      + " changed while the roster was read; import it again.");
        m_accounts.storeAccount(made->second);
        outcome.created.push_back({row.email, made->second.password, made->second.token});
        account = made->second.account;
    }
    if (!row.name.empty() && account->name != row.name) {
        account->name = row.name;
        account->updatedAt = now();
        m_store.accounts.update(*account);
        outcome.accountsRenamed += isNew ? 0 : 1;
    }
    return *account;
}

// Teams the roster names that do not exist yet, each made by the first of its admin rows.
Status RosterImport::ensureTeams(const std::vector<RosterRow> &rows, RosterOutcome &outcome)
{
    std::set<std::string> done;
    for (const auto &row : rows) {
        if (row.team.empty() || done.count(row.team) || m_store.teams.byIdOrName(row.team)) {
            done.insert(row.team);
            continue;
        }
        auto admin = std::find_if(rows.begin(), rows.end(),
                                  [&](const RosterRow &r) { return r.team == row.team && r.role == "admin"; });
        if (admin == rows.end())
            return atLine(row.line, "team '" + row.team
                                            + "' does not exist and no row makes anyone its admin (the first admin "
                                              "row of a new team becomes its owner)");
        auto owner = m_store.accounts.byEmail(admin->email);
        auto made = m_teams.createTeam(Actor{owner->id, owner->email}, row.team);
        if (!made)
            return atLine(admin->line, made.error().message);
        ++outcome.teamsCreated;
        done.insert(row.team);
    }
    return core::Done{};
}

Status RosterImport::ensureMember(const RosterRow &row, RosterOutcome &outcome)
{
    const auto team = m_store.teams.byIdOrName(row.team);
    const auto account = m_store.accounts.byEmail(row.email);
    auto member = m_store.teamMembers.find(team->id, account->id);
    const std::string at = now();
    if (!member) {
        m_store.teamMembers.insert({core::newId(), team->id, account->id, account->email, row.role, at, at});
        ++outcome.membersAdded;
        return core::Done{};
    }
    if (member->role == row.role || (member->role == kOwnerRole && row.role == "admin"))
        return core::Done{};
    if (member->role == kOwnerRole)
        return atLine(row.line, row.email + " is the owner of " + team->name
                                        + "; that role cannot change (write admin for the owner)");
    member->role = row.role;
    member->updatedAt = at;
    m_store.teamMembers.setRole(*member);
    ++outcome.rolesChanged;
    return core::Done{};
}

Result<RosterOutcome> RosterImport::import(const std::string &csv)
{
    auto rows = parse(csv);
    if (!rows)
        return rows.error();
    auto prepared = prepareAccounts(*rows);
    if (!prepared)
        return prepared.error();
    return inTransaction([&]() -> Result<RosterOutcome> {
        RosterOutcome outcome;
        outcome.rows = static_cast<int>(rows->size());
        for (const auto &row : *rows)
            if (auto account = ensureAccount(row, *prepared, outcome); !account)
                return account.error();
        if (auto teams = ensureTeams(*rows, outcome); !teams)
            return teams.error();
        for (const auto &row : *rows)
            if (!row.team.empty())
                if (auto member = ensureMember(row, outcome); !member)
                    return member.error();
        return outcome;
    });
}

} // namespace dynodesk::platform
