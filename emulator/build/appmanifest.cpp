#include "appmanifest.h"

#include <nlohmann/json.hpp>

namespace dynodesk::build {

using nlohmann::json;

namespace {

// Reads the keys of one manifest into `m`, each type checked; a wrong one is named in m.errors.
class Reader final {
public:
    explicit Reader(AppManifest &m) : m(m) {}

    std::optional<std::string> string(const json &j, const std::string &key, const std::string &path)
    {
        if (!j.contains(key) || j[key].is_null())
            return std::nullopt;
        if (!j[key].is_string()) {
            wrong(path, "a string");
            return std::nullopt;
        }
        return j[key].get<std::string>();
    }

    bool object(const json &j, const std::string &path)
    {
        if (j.is_object())
            return true;
        wrong(path, "an object");
        return false;
    }

    void wrong(const std::string &path, const std::string &what) { m.errors.push_back(path + " must be " + what); }

    void env(const json &all)
    {
        if (!object(all, "env"))
            return;
        for (const auto &[key, e] : all.items()) {
            const std::string path = "env." + key;
            ManifestEnv entry;
            if (e.is_string()) {
                entry.value = e.get<std::string>();
            } else if (object(e, path)) {
                entry.value = string(e, "value", path + ".value");
                entry.description = string(e, "description", path + ".description");
                if (e.contains("required") && !e["required"].is_null()) {
                    if (e["required"].is_boolean())
                        entry.required = e["required"].get<bool>();
                    else
                        wrong(path + ".required", "a boolean");
                }
                if (auto generator = string(e, "generator", path + ".generator")) {
                    if (*generator == "secret")
                        entry.secret = true;
                    else
                        m.errors.push_back(path + ".generator must be \"secret\"");
                }
            }
            m.env[key] = entry;
        }
    }

    void formation(const json &all)
    {
        if (!object(all, "formation"))
            return;
        for (const auto &[type, f] : all.items()) {
            const std::string path = "formation." + type;
            if (!object(f, path))
                continue;
            ManifestProcess p;
            if (f.contains("quantity") && !f["quantity"].is_null()) {
                if (f["quantity"].is_number_integer() && f["quantity"].get<int64_t>() >= 0)
                    p.quantity = f["quantity"].get<int64_t>();
                else
                    wrong(path + ".quantity", "a whole number, 0 or more");
            }
            p.size = string(f, "size", path + ".size");
            m.formation[type] = p;
        }
    }

    void addons(const json &all)
    {
        if (!all.is_array())
            return wrong("addons", "an array");
        for (size_t i = 0; i < all.size(); ++i) {
            const auto &a = all[i];
            const std::string path = "addons[" + std::to_string(i) + "]";
            if (a.is_string()) {
                m.addons.push_back({a.get<std::string>(), std::nullopt, {}});
                continue;
            }
            if (!object(a, path))
                continue;
            auto plan = string(a, "plan", path + ".plan");
            if (!plan) {
                if (!a.contains("plan"))
                    m.errors.push_back(path + ".plan is required");
                continue;
            }
            ManifestAddon addon{*plan, string(a, "as", path + ".as"), {}};
            if (a.contains("options") && object(a["options"], path + ".options"))
                for (const auto &[k, v] : a["options"].items())
                    addon.options[k] = v.is_string() ? v.get<std::string>() : v.dump();
            m.addons.push_back(addon);
        }
    }

    void buildpacks(const json &all)
    {
        if (!all.is_array())
            return wrong("buildpacks", "an array");
        for (size_t i = 0; i < all.size(); ++i) {
            const std::string path = "buildpacks[" + std::to_string(i) + "]";
            if (!object(all[i], path))
                continue;
            if (auto url = string(all[i], "url", path + ".url"))
                m.buildpacks.push_back(*url);
            else if (!all[i].contains("url"))
                m.errors.push_back(path + ".url is required");
        }
    }

    void scripts(const json &all)
    {
        if (!object(all, "scripts"))
            return;
        m.scripts = all.dump();
        m.postdeploy = script(all, "postdeploy");
        m.prPredestroy = script(all, "pr-predestroy");
    }

    // A script is a command line, or {command, size} as the platform also takes.
    std::optional<std::string> script(const json &all, const std::string &key)
    {
        if (all.contains(key) && all[key].is_object())
            return string(all[key], "command", "scripts." + key + ".command");
        return string(all, key, "scripts." + key);
    }

    void keywords(const json &all)
    {
        if (!all.is_array())
            return wrong("keywords", "an array");
        for (const auto &k : all)
            if (k.is_string())
                m.keywords.push_back(k.get<std::string>());
            else
                return wrong("keywords", "an array of strings");
    }

private:
    AppManifest &m;
};

} // namespace

std::optional<AppManifest> parseAppManifest(const std::string &text, std::string *notJson)
{
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        if (notJson)
            *notJson = j.is_discarded() ? "app.json is not valid JSON" : "app.json must be a JSON object";
        return std::nullopt;
    }
    AppManifest m;
    Reader r(m);
    m.name = r.string(j, "name", "name");
    m.description = r.string(j, "description", "description");
    m.repository = r.string(j, "repository", "repository");
    m.logo = r.string(j, "logo", "logo");
    m.website = r.string(j, "website", "website");
    m.successUrl = r.string(j, "success_url", "success_url");
    m.stack = r.string(j, "stack", "stack");
    if (m.name && m.name->size() > 30)
        m.errors.push_back("name must be 30 characters or fewer");
    if (j.contains("keywords"))
        r.keywords(j["keywords"]);
    if (j.contains("env"))
        r.env(j["env"]);
    if (j.contains("formation"))
        r.formation(j["formation"]);
    if (j.contains("addons"))
        r.addons(j["addons"]);
    if (j.contains("buildpacks"))
        r.buildpacks(j["buildpacks"]);
    if (j.contains("scripts"))
        r.scripts(j["scripts"]);
    if (j.contains("environments")) {
        if (j["environments"].is_object())
            m.environments = j["environments"].dump();
        else
            r.wrong("environments", "an object");
    }
    return m;
}

} // namespace dynodesk::build
