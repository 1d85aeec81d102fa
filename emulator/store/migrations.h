#pragma once

#include <string>
#include <vector>

namespace dynodesk::store {

// The schema's history: step N brings a database from user_version N to N+1. Steps are only
// ever appended; a released step never changes.
const std::vector<std::string> &migrations();

} // namespace dynodesk::store
