#include "attachmentnames.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace dynodesk::addons {

static constexpr std::array<std::string_view, 16> Colors = {
    "AMBER", "AQUA", "BLUE", "BRONZE", "COBALT", "COPPER", "CRIMSON", "GOLD",
    "GREEN", "IVORY", "JADE", "MAROON", "NAVY", "ONYX", "PINK", "RED",
};

static bool contains(const std::vector<std::string> &names, std::string_view name)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string defaultAttachmentName(const Service &service, const std::vector<std::string> &appAttachmentNames)
{
    if (service.name == "heroku-postgresql" && !contains(appAttachmentNames, "DATABASE"))
        return "DATABASE";
    for (std::string_view color : Colors) {
        std::string name = service.configStem + "_" + std::string(color);
        if (!contains(appAttachmentNames, name))
            return name;
    }
    for (int n = 2;; ++n) {
        std::string name = service.configStem + "_" + std::to_string(n);
        if (!contains(appAttachmentNames, name))
            return name;
    }
}

std::optional<std::string> attachmentNameError(std::string_view name, const std::vector<std::string> &appAttachmentNames)
{
    const bool wellFormed = !name.empty() && name.size() <= 64 && name.front() >= 'A' && name.front() <= 'Z'
        && std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; });
    if (!wellFormed)
        return "Name must start with a letter and can only contain uppercase letters, numbers, and underscores.";
    if (contains(appAttachmentNames, name))
        return "Name is already taken by another attachment on this app.";
    return std::nullopt;
}

std::string nextBackupName(const std::vector<std::string> &appBackupNames)
{
    int highest = 0;
    for (const std::string &b : appBackupNames) {
        if (b.size() > 1 && b[0] == 'b')
            highest = std::max(highest, std::atoi(b.c_str() + 1));
    }
    char name[16];
    std::snprintf(name, sizeof name, "b%03d", highest + 1);
    return name;
}

} // namespace dynodesk::addons
