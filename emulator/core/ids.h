#pragma once

#include <string>
#include <string_view>

namespace dynodesk::core {

// A new random (version 4) UUID in the platform's lowercase form.
std::string newId();
// True for a lowercase or uppercase UUID in 8-4-4-4-12 form.
bool isUuid(std::string_view s);
// Whether two secrets (signatures, tokens) are equal, in a time that depends on their lengths
// only, never on where they first differ: a caller cannot learn a secret byte by byte.
bool equalsInConstantTime(std::string_view a, std::string_view b);

} // namespace dynodesk::core
