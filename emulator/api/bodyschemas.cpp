// Each link's body, field by field. Where a client in use sends a looser type than the schema
// declares, the looser type is kept and the line says which client sends it.
#include "bodyschemas.h"

namespace dynodesk::api {

namespace {

BodyType str() { return BodyType::string(); }
BodyType boolean() { return BodyType::boolean(); }
BodyType null() { return BodyType::null(); }

// How a body names a resource: its id or name, or an object with either.
BodyType identity() { return str() | BodyType::object({{"id", str()}, {"name", str()}}); }

} // namespace

BodySchemas::BodySchemas()
{
    const std::vector<BodyField> account{{"allow_tracking", boolean()}, {"beta", boolean()}, {"name", str() | null()}};
    add("PATCH", "/account", account);
    add("PATCH", "/users/{user}", account);
    add("POST", "/oauth/authorizations",
        {{"client", str()}, {"description", str()},
         {"expires_in", BodyType::integerOrDigits() | null()}, // `authorizations:create -e` sends a string
         {"scope", BodyType::arrayOf(str())}});
    add("POST", "/account/keys", {{"public_key", str()}}); // the platform's former link

    add("POST", "/apps/{app}/collaborators", {{"silent", boolean()}, {"user", str()}});
    add("POST", "/account/app-transfers", {{"app", str()}, {"recipient", str()}, {"silent", boolean()}});
    add("PATCH", "/account/app-transfers/{transfer}", {{"state", BodyType::oneOf({"pending", "accepted", "declined"})}});

    add("POST", "/teams", {{"name", str()}});
    add("PATCH", "/teams/{team}", {{"name", str()}, {"default", boolean()}});
    const std::vector<BodyField> member{{"email", str()}, {"federated", boolean()},
                                        {"role", BodyType::oneOf({"admin", "member", "viewer"})}};
    for (const char *method : {"PUT", "POST", "PATCH"})
        add(method, "/teams/{team}/members", member);
    add("PUT", "/teams/{team}/invitations", {{"email", str()}, {"role", BodyType::oneOf({"admin", "member", "viewer"})}});
    add("POST", "/teams/apps",
        {{"locked", boolean()}, {"name", str()}, {"team", str()}, {"personal", boolean()}, {"region", str()},
         {"space", str()}, {"stack", str()}, {"internal_routing", boolean()}});
    add("PATCH", "/teams/apps/{app}", {{"locked", boolean()}, {"owner", str()}});
    const BodyType permissions = BodyType::arrayOf(BodyType::oneOf({"view", "deploy", "operate", "manage"}));
    add("POST", "/teams/apps/{app}/collaborators", {{"permissions", permissions}, {"silent", boolean()}, {"user", str()}});
    add("PATCH", "/teams/apps/{app}/collaborators/{collaborator}", {{"permissions", permissions}});

    // Pipelines. The CLI names the pipeline of a coupling by its id as a plain string; the stage
    // is checked by the service (the schema's `test` stage belongs to CI, not served here).
    const BodyType owner = BodyType::object({{"id", str()}, {"type", BodyType::oneOf({"team", "user"})}});
    add("POST", "/pipelines", {{"name", str()}, {"owner", owner | null()}, {"generation", identity()}});
    add("PATCH", "/pipelines/{pipeline}", {{"name", str()}});
    add("POST", "/pipeline-couplings", {{"app", identity()}, {"pipeline", identity()}, {"stage", str()}});
    add("PATCH", "/pipeline-couplings/{coupling}", {{"stage", str()}});
    add("POST", "/pipeline-transfers", {{"pipeline", identity()}, {"new_owner", owner}});
    const BodyType appRef = BodyType::object({{"app", identity()}});
    add("POST", "/pipeline-promotions",
        {{"pipeline", identity()}, {"source", appRef}, {"targets", BodyType::arrayOf(appRef)}});
    add("POST", "/filters/apps", {{"in", BodyType::object({{"id", BodyType::arrayOf(str())}})}});

    add("POST", "/apps",
        {{"name", str()}, {"region", str()}, {"stack", str()}, {"feature_flags", BodyType::arrayOf(str())}});
    add("PATCH", "/apps/{app}", {{"build_stack", str()}, {"maintenance", boolean()}, {"name", str()}});
    add("PATCH", "/apps/{app}/config-vars", BodyType::mapOf(str() | null(), "config var"));
    // Rollback and, on the same link, Create (from a slug).
    add("POST", "/apps/{app}/releases", {{"release", str()}, {"slug", str()}, {"description", str()}});

    // The CLI sends `addons:create -- --flag` options as `true`.
    add("POST", "/apps/{app}/addons",
        {{"attachment", BodyType::object({{"name", str()}})},
         {"config", BodyType::mapOf(str() | boolean() | null())},
         {"confirm", str()},
         {"plan", identity()},
         {"name", str()}});
    add("PATCH", "/apps/{app}/addons/{addon}", {{"name", str()}, {"plan", identity()}});
    // The CLI's resolvers send `app: null`.
    add("POST", "/actions/addons/resolve", {{"addon", str()}, {"app", str() | null()}, {"addon_service", str()}});
    add("POST", "/addon-attachments",
        {{"addon", identity()},
         {"app", identity()},
         {"confirm", str()},
         {"name", str()},
         {"namespace", str() | null()},
         {"namespace_config", BodyType::object() | null()}});
    add("POST", "/actions/addon-attachments/resolve",
        {{"addon_attachment", str()}, {"app", str() | null()}, {"addon_service", str()}});

    const BodyType nullableString = str() | null();
    add("POST", "/apps/{app}/builds",
        {{"buildpacks", BodyType::arrayOf(BodyType::object({{"url", str()}, {"name", str()}})) | null()},
         {"source_blob", BodyType::object({{"checksum", nullableString},
                                           {"url", str()},
                                           {"version", nullableString},
                                           {"version_description", nullableString}})}});
    add("POST", "/apps/{app}/slugs",
        {{"process_types", BodyType::mapOf(str(), "process type")}, {"commit", nullableString},
         {"commit_description", nullableString}, {"stack", str()}, {"buildpack_provided_description", nullableString},
         {"checksum", nullableString}});
    add("POST", "/app-setups",
        {{"app", BodyType::object({{"locked", boolean()}, {"name", str()}, {"organization", str()},
                                   {"personal", boolean()}, {"region", str()}, {"space", str()}, {"stack", str()}})},
         {"source_blob", BodyType::object({{"checksum", nullableString}, {"url", str()}, {"version", nullableString}})},
         {"overrides", BodyType::object({{"buildpacks", BodyType::arrayOf(BodyType::object({{"url", str()}}))},
                                         {"env", BodyType::mapOf(str(), "config var")}})}});
    add("PUT", "/apps/{app}/buildpack-installations",
        {{"updates", BodyType::arrayOf(BodyType::object({{"buildpack", str()}}))}});

    add("POST", "/apps/{app}/domains", {{"hostname", str()}, {"sni_endpoint", nullableString}});
    add("PATCH", "/apps/{app}/domains/{domain}", {{"sni_endpoint", nullableString}});
    add("PATCH", "/apps/{app}/features/{feature}", {{"enabled", boolean()}});

    // `heroku run` sends the terminal's COLUMNS and LINES in env as numbers.
    add("POST", "/apps/{app}/dynos",
        {{"attach", boolean()},
         {"command", str()},
         {"env", BodyType::mapOf(str() | BodyType::number() | null())},
         {"force_no_tty", boolean() | null()},
         {"size", str()},
         {"type", str()},
         {"time_to_live", BodyType::integer()}});
    // `ps:scale` sends quantities as strings ("2", "+1"); a size by name is also `size`.
    const std::vector<BodyField> formation{{"dyno_size", identity()},
                                           {"quantity", BodyType::integerOrDigits()},
                                           {"size", str()},
                                           {"type", str()}};
    add("PATCH", "/apps/{app}/formation", {{"updates", BodyType::arrayOf(BodyType::object(formation))}});
    add("PATCH", "/apps/{app}/formation/{type}", formation);

    add("POST", "/apps/{app}/log-drains", {{"url", str()}});
    // The CLI sends `dyno`, the schema names it `dyno_name`.
    add("POST", "/apps/{app}/log-sessions",
        {{"dyno", str()},
         {"dyno_name", str()},
         {"type", str()},
         {"lines", BodyType::integer()},
         {"source", str()},
         {"tail", boolean()}});

    // The data API: what `pg:backups:restore` sends.
    add("POST", "/client/v11/databases/{database}/restores",
        {{"backup_url", str()}, {"extensions", BodyType::arrayOf(str()) | null()}});
}

void BodySchemas::add(std::string method, std::string pattern, BodyType body)
{
    m_bodies.insert_or_assign({std::move(method), std::move(pattern)}, std::move(body));
}

void BodySchemas::add(std::string method, std::string pattern, std::vector<BodyField> fields)
{
    add(std::move(method), std::move(pattern), BodyType::object(std::move(fields)));
}

const BodyType *BodySchemas::find(std::string_view method, std::string_view pattern) const
{
    const auto it = m_bodies.find({std::string(method), std::string(pattern)});
    return it == m_bodies.end() ? nullptr : &it->second;
}

std::vector<std::string> BodySchemas::links() const
{
    std::vector<std::string> out;
    for (const auto &[key, type] : m_bodies)
        out.push_back(key.first + " " + key.second);
    return out;
}

} // namespace dynodesk::api
