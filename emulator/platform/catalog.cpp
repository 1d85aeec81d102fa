#include "catalog.h"

#include <QCryptographicHash>
#include <QUuid>

#include <algorithm>

namespace dynodesk::platform {

// Stable ids derived from names, so every emulator reports the same id for `us`.
static std::string stableId(std::string_view name)
{
    const auto ns = QUuid::fromString(QStringLiteral("{6f6b2c8e-5d0f-4d2a-9b51-0d1e8f7a3c21}"));
    return QUuid::createUuidV5(ns, QByteArray(name.data(), static_cast<qsizetype>(name.size())))
            .toString(QUuid::WithoutBraces).toStdString();
}

const std::vector<Region> &regions()
{
    static const std::vector<Region> all = {
        {stableId("region:us"), "us", "United States", "United States", "Virginia", "amazon-web-services"},
        {stableId("region:eu"), "eu", "Europe", "Ireland", "Dublin", "amazon-web-services"},
    };
    return all;
}

std::optional<Region> findRegion(std::string_view idOrName)
{
    for (const auto &r : regions())
        if (r.name == idOrName || r.id == idOrName)
            return r;
    return std::nullopt;
}

Stack stack(const std::string &name) { return {stableId("stack:" + name), name, true}; }

const std::vector<DynoSize> &dynoSizes()
{
    static const std::vector<DynoSize> all = {
        {"Eco", 512}, {"Basic", 512}, {"Standard-1X", 512}, {"Standard-2X", 1024},
        {"Performance-M", 2560}, {"Performance-L", 14336},
    };
    return all;
}

static bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::optional<DynoSize> findDynoSize(std::string_view name)
{
    if (equalsIgnoreCase(name, "1X"))
        name = "Standard-1X";
    else if (equalsIgnoreCase(name, "2X"))
        name = "Standard-2X";
    for (const auto &s : dynoSizes())
        if (equalsIgnoreCase(s.name, name))
            return s;
    return std::nullopt;
}

const std::vector<LabsFeature> &labsFeatures()
{
    static const std::vector<LabsFeature> all = {
        {stableId("feature:log-runtime-metrics"), "log-runtime-metrics", "Log runtime metrics",
         "Emit dyno resource usage information into app logs", "https://devcenter.heroku.com/articles/log-runtime-metrics", "beta"},
        {stableId("feature:idling"), "idling", "Idling",
         "Let the app's only eco web dyno sleep after 30 minutes without requests; the next request wakes it",
         "https://devcenter.heroku.com/articles/eco-dyno-hours", "beta"},
        {stableId("feature:runtime-dyno-metadata"), "runtime-dyno-metadata", "Runtime dyno metadata",
         "Provide information about the app and environment", "https://devcenter.heroku.com/articles/dyno-metadata", "beta"},
    };
    return all;
}

std::optional<LabsFeature> findLabsFeature(std::string_view idOrName)
{
    for (const auto &f : labsFeatures())
        if (f.name == idOrName || f.id == idOrName)
            return f;
    return std::nullopt;
}

} // namespace dynodesk::platform
