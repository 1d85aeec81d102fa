#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dynodesk::build {

// One `env` entry of app.json: a string is its value; an object has value, description,
// required (default true) and generator ("secret").
struct ManifestEnv final {
    std::optional<std::string> value, description;
    bool required = true;
    bool secret = false; // generator: "secret"
};

// One `addons` entry: "plan" or {plan, as, options}.
struct ManifestAddon final {
    std::string plan;
    std::optional<std::string> as;
    std::map<std::string, std::string> options;
};

struct ManifestProcess final {
    std::optional<int64_t> quantity;
    std::optional<std::string> size;
};

// app.json, the platform's manifest (Button, app setups, review apps). Unknown keys are ignored,
// as on the platform; what has the wrong type is named in `errors` ("env.SECRET.required must be
// a boolean"). `environments` and `scripts` other than postdeploy are kept as JSON text for
// review apps and CI.
struct AppManifest final {
    std::optional<std::string> name, description, repository, logo, website, successUrl, stack, postdeploy,
            prPredestroy;
    std::vector<std::string> keywords;
    std::map<std::string, ManifestEnv> env;
    std::map<std::string, ManifestProcess> formation;
    std::vector<ManifestAddon> addons;
    std::vector<std::string> buildpacks;
    std::string environments = "{}", scripts = "{}";
    std::vector<std::string> errors;
};

// Reads app.json. Nullopt with `notJson` set when the text is not a JSON object.
std::optional<AppManifest> parseAppManifest(const std::string &text, std::string *notJson);

} // namespace dynodesk::build
