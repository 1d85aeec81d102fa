#pragma once

#include "buildoutput.h"
#include "confinement.h"
#include "slugcompiler.h"

#include <chrono>
#include <functional>
#include <string>

namespace dynodesk::build {

// Runs the release phase: the `release` process of a new release, once, on a fresh copy of its
// slug, with the release's config vars, before it becomes current. Each output line goes to
// `out`, indented as push output. In a sandbox (`confinement`) the copy is at /app, as a dyno's.
// Returns the command's exit status (-1 on timeout). Blocking.
// `onLine` also gets each line as the command printed it (for the app's logs).
int runReleasePhase(const std::string &slugPath, const std::string &command, const Env &config,
                    const std::string &workDir, const std::string &dynoName, BuildOutput &out,
                    std::chrono::seconds timeout, const std::function<void(const std::string &)> &onLine = {},
                    Confinement confinement = {});

// Expands a slug into `dir` (which must exist). False with `error` set on failure.
bool expandSlug(const std::string &slugPath, const std::string &dir, std::string *error);

// The shell line a dyno runs: source every `.profile.d/*.sh` of the app, then the command.
std::string dynoShellScript();

} // namespace dynodesk::build
