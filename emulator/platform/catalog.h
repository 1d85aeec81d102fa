#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dynodesk::platform {

struct Region final {
    std::string id, name, description, country, locale, provider;
};

struct Stack final {
    std::string id, name;
    bool isDefault = true;
};

struct DynoSize final {
    std::string name; // the platform's spelling, e.g. `Standard-1X`
    int memoryMb = 512;
};

// The fixed things the emulator offers: regions, its one stack, dyno sizes.
const std::vector<Region> &regions();
std::optional<Region> findRegion(std::string_view idOrName);
Stack stack(const std::string &name);
const std::vector<DynoSize> &dynoSizes();
// Case-insensitive, accepting the 2014 names `1X`/`2X`.
std::optional<DynoSize> findDynoSize(std::string_view name);
inline constexpr std::string_view kDefaultDynoSize = "Standard-1X";

// The labs features an app can switch on (`/apps/{app}/features`).
struct LabsFeature final {
    std::string id, name, displayName, description, docUrl, state;
};
const std::vector<LabsFeature> &labsFeatures();
std::optional<LabsFeature> findLabsFeature(std::string_view idOrName);

} // namespace dynodesk::platform
