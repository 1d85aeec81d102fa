#pragma once

#include <string>
#include <string_view>

namespace dynodesk::core {

// A new random (version 4) UUID in the platform's lowercase form.
std::string newId();
// True for a lowercase or uppercase UUID in 8-4-4-4-12 form.
bool isUuid(std::string_view s);

} // namespace dynodesk::core
