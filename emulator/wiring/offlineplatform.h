#pragma once

#include "platform/platform.h"

#include "core/apierror.h"

#include <string>

namespace dynodesk::wiring {

// The server's commands that change accounts, teams and quotas without serving: each opens the
// platform over the store in `dataDir` (made if missing), also while an emulator runs on the same
// data dir (SQLite lets the two processes take turns). `accounts:add` is `addAccount` (emulator.h).

// Makes the data dir if missing and private (mode 700) if it is not: it holds the store (every
// account's tokens), slugs and repositories; a looser one is tightened, and the server says so.
core::Status ensurePrivateDataDir(const std::string &dataDir);

// `dynodesk-server accounts:import ROSTER`: the roster's text imported (RosterImport).
core::Result<platform::RosterOutcome> importRoster(const std::string &dataDir, const std::string &csv);

// `dynodesk-server teams:quota TEAM [--apps N] [--dynos N] [--addons N]`: the team's quota after
// the change (none given: as it is).
core::Result<platform::TeamQuota> setTeamQuota(const std::string &dataDir, const std::string &team,
                                               const platform::TeamQuotaUpdate &update);

} // namespace dynodesk::wiring
