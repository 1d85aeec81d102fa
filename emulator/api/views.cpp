#include "views.h"

#include "build/buildpacks.h"

namespace dynodesk::api::views {

// A stable epoch for the fixed catalog (regions, stacks): the emulator's first release.
static constexpr const char *kCatalogTime = "2026-01-01T00:00:00Z";

static json optional(const std::optional<std::string> &v) { return v ? json(*v) : json(nullptr); }
static json optional(const std::optional<int64_t> &v) { return v ? json(*v) : json(nullptr); }

json account(const platform::Account &a)
{
    return {{"allow_tracking", false}, {"beta", false}, {"country_of_residence", nullptr},
            {"created_at", a.createdAt}, {"default_organization", nullptr}, {"default_team", nullptr},
            {"delinquent_at", nullptr}, {"email", a.email}, {"federated", false}, {"id", a.id},
            {"identity_provider", nullptr}, {"last_login", optional(a.lastLogin)}, {"name", optional(a.name)},
            {"sms_number", nullptr}, {"suspended_at", nullptr}, {"two_factor_authentication", false},
            {"updated_at", a.updatedAt}, {"verified", true}};
}

json authorization(const platform::Authorization &a, const platform::Actor &user)
{
    json scope = json::array();
    for (const auto &s : QByteArray::fromStdString(a.scope).split(','))
        scope.push_back(s.trimmed().toStdString());
    return {{"access_token", {{"expires_in", optional(a.expiresIn)}, {"id", a.id}, {"token", a.token}}},
            {"client", nullptr}, {"created_at", a.createdAt}, {"description", a.description}, {"grant", nullptr},
            {"id", a.id}, {"refresh_token", nullptr}, {"scope", scope}, {"session", nullptr},
            {"updated_at", a.updatedAt},
            {"user", {{"email", user.email}, {"full_name", nullptr}, {"id", user.id}}}};
}

json key(const platform::Key &k)
{
    return {{"comment", k.comment}, {"created_at", k.createdAt}, {"email", k.email}, {"fingerprint", k.fingerprint},
            {"id", k.id}, {"public_key", k.publicKey}, {"updated_at", k.updatedAt}};
}

std::string teamOwnerEmail(const std::string &teamName) { return teamName + "@herokumanager.com"; }

json teamRef(const platform::App &a)
{
    if (!a.teamId)
        return nullptr;
    return {{"id", *a.teamId}, {"name", a.teamName.value_or("")}};
}

// A team app's owner is its team, as the platform shows it: `<team>@herokumanager.com`.
json appOwner(const platform::App &a)
{
    if (a.teamId)
        return {{"email", teamOwnerEmail(a.teamName.value_or(""))}, {"id", *a.teamId}};
    return {{"email", a.ownerEmail}, {"id", a.ownerId}};
}

json app(const platform::App &a, const platform::Platform &platform)
{
    const auto region = platform::findRegion(a.region).value_or(platform::regions().front());
    const auto stack = platform::stack(a.stack);
    const json stackRef = {{"id", stack.id}, {"name", stack.name}};
    return {{"acm", false}, {"archived_at", nullptr},
            {"buildpack_provided_description", optional(a.buildpackProvidedDescription)},
            // Not in the public schema, but read by the CLI's apps:info: an app is made at once.
            {"create_status", "complete"},
            {"build_stack", stackRef}, {"created_at", a.createdAt},
            {"generation", {{"id", "b1b86a2a-7b57-4c3d-9c55-2f0b9a2d3a01"}, {"name", "cedar"}}},
            {"git_url", platform.apps().gitUrl(a.name)}, {"id", a.id}, {"internal_routing", nullptr},
            {"maintenance", a.maintenance}, {"name", a.name}, {"organization", teamRef(a)},
            {"owner", appOwner(a)},
            {"region", {{"id", region.id}, {"name", region.name}}}, {"released_at", optional(a.releasedAt)},
            {"repo_size", optional(a.repoSize)}, {"slug_size", optional(a.slugSize)}, {"space", nullptr},
            {"stack", stackRef}, {"team", teamRef(a)}, {"updated_at", a.updatedAt}, {"web_url", platform.apps().webUrl(a.name)}};
}

json release(const platform::Release &r)
{
    json artifacts = json::array();
    if (r.slugId)
        artifacts.push_back({{"type", "slug"}, {"id", *r.slugId}});
    return {{"addon_plan_names", json::array()}, {"app", {{"id", r.appId}, {"name", r.appName}}},
            {"artifacts", artifacts}, {"created_at", r.createdAt}, {"current", r.current},
            {"description", r.description}, {"eligible_for_rollback", r.status == "succeeded"}, {"id", r.id},
            {"output_stream_url", nullptr}, {"slug", r.slugId ? json{{"id", *r.slugId}} : json(nullptr)},
            {"status", r.status}, {"updated_at", r.updatedAt},
            {"user", {{"email", r.userEmail}, {"id", r.userId}}}, {"version", r.version}};
}

json configVars(const platform::ConfigMap &config) { return json(config); }

static json collaboratorJson(const std::string &id, const std::string &appId, const std::string &appName,
                             const std::string &userId, const std::string &email, const std::string &role,
                             const std::string &createdAt, const std::string &updatedAt)
{
    return {{"app", {{"id", appId}, {"name", appName}}}, {"created_at", createdAt}, {"id", id},
            {"permissions", json::array()}, {"role", role}, {"updated_at", updatedAt},
            {"user", {{"email", email}, {"federated", false}, {"id", userId}}}};
}

json collaborator(const platform::Collaborator &c)
{
    return collaboratorJson(c.id, c.appId, c.appName, c.accountId, c.email, "collaborator", c.createdAt, c.updatedAt);
}

json ownerCollaborator(const platform::App &a)
{
    const auto owner = appOwner(a);
    return collaboratorJson(owner["id"], a.id, a.name, owner["id"], owner["email"], "owner", a.createdAt, a.createdAt);
}

json transfer(const platform::AppTransfer &t)
{
    return {{"app", {{"id", t.appId}, {"name", t.appName}}}, {"created_at", t.createdAt}, {"id", t.id},
            {"owner", {{"email", t.ownerEmail}, {"id", t.ownerId}}},
            {"recipient", {{"email", t.recipientEmail}, {"id", t.recipientId}}}, {"state", t.state},
            {"updated_at", t.updatedAt}};
}

json formation(const platform::Formation &f)
{
    const auto size = platform::findDynoSize(f.size).value_or(platform::dynoSizes().front());
    return {{"app", {{"id", f.appId}, {"name", f.appName}}}, {"command", f.command}, {"created_at", f.createdAt},
            {"dyno_size", {{"id", "dyno-size-" + size.name}, {"name", size.name}}}, {"id", f.id},
            {"quantity", f.quantity}, {"size", size.name}, {"type", f.type}, {"updated_at", f.updatedAt}};
}

static json buildpackRef(const std::string &url)
{
    const std::string builtin = build::builtinName(url);
    return {{"url", url}, {"name", builtin.empty() ? url : builtin}};
}

json build(const platform::Build &b, const std::string &baseUrl)
{
    json buildpacks = json::array();
    for (const auto &url : b.buildpacks)
        buildpacks.push_back(buildpackRef(url));
    return {{"app", {{"id", b.appId}}}, {"buildpacks", buildpacks}, {"created_at", b.createdAt}, {"generation", "cedar"},
            {"id", b.id}, {"output_stream_url", baseUrl + "/streams/builds/" + b.id + ".log"},
            {"release", b.releaseId ? json{{"id", *b.releaseId}} : json(nullptr)},
            {"slug", b.slugId ? json{{"id", *b.slugId}} : json(nullptr)},
            {"source_blob", {{"checksum", nullptr}, {"url", b.sourceUrl.value_or("")}, {"version", optional(b.sourceVersion)},
                             {"version_description", nullptr}}},
            {"stack", b.stack}, {"status", b.status}, {"updated_at", b.updatedAt},
            {"user", {{"email", b.userEmail}, {"id", b.userId}}}};
}

json slug(const platform::Slug &s, const std::string &baseUrl)
{
    const auto st = platform::stack(s.stack);
    // Until its tarball is PUT, the blob URL takes the upload (once); then it serves the tarball.
    return {{"blob", {{"method", s.uploaded ? "get" : "put"}, {"url", baseUrl + "/slugs/" + s.id + ".tgz"}}},
            {"buildpack_provided_description", optional(s.buildpackProvidedDescription)},
            {"checksum", optional(s.checksum)}, {"commit", optional(s.commit)},
            {"commit_description", optional(s.commitDescription)}, {"created_at", s.createdAt},
            {"deleted_at", nullptr}, {"id", s.id}, {"process_types", json(s.processTypes)}, {"size", s.size},
            {"stack", {{"id", st.id}, {"name", st.name}}}, {"updated_at", s.updatedAt}};
}

json buildpackInstallation(const std::string &url, int ordinal)
{
    return {{"buildpack", buildpackRef(url)}, {"ordinal", ordinal}};
}

json source(const platform::Source &s, const std::string &baseUrl)
{
    const std::string url = baseUrl + "/sources/" + s.id + "?secret=" + s.secret;
    return {{"source_blob", {{"get_url", url}, {"put_url", url}}}};
}

json region(const platform::Region &r)
{
    return {{"country", r.country}, {"created_at", kCatalogTime}, {"description", r.description}, {"id", r.id},
            {"locale", r.locale}, {"name", r.name}, {"private_capable", false},
            {"provider", {{"name", r.provider}, {"region", r.name == "eu" ? "eu-west-1" : "us-east-1"}}},
            {"updated_at", kCatalogTime}};
}

json stack(const platform::Stack &s)
{
    return {{"created_at", kCatalogTime}, {"default", s.isDefault}, {"id", s.id}, {"name", s.name},
            {"state", "public"}, {"updated_at", kCatalogTime}};
}

json domain(const platform::AppDomain &d)
{
    return {{"acm_status", nullptr}, {"acm_status_reason", nullptr}, {"app", {{"id", d.appId}, {"name", d.appName}}},
            {"cname", optional(d.cname)}, {"created_at", d.createdAt}, {"hostname", d.hostname}, {"id", d.id},
            {"kind", d.kind}, {"sni_endpoint", nullptr}, {"status", d.status}, {"updated_at", d.updatedAt}};
}

} // namespace dynodesk::api::views
