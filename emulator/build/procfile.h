#pragma once

#include "core/apierror.h"

#include <string>
#include <utility>
#include <vector>

namespace dynodesk::build {

using ProcessTypes = std::vector<std::pair<std::string, std::string>>; // type → command, in file order

// Parses a Procfile: one `<type>: <command>` per line; blank lines and `#` comments skipped. A
// line that is neither is an error naming the line.
core::Result<ProcessTypes> parseProcfile(const std::string &text);

} // namespace dynodesk::build
