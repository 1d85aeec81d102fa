// The JSON shapes of the team resources.
#include "views.h"

namespace dynodesk::api::views {

json team(const platform::Team &t)
{
    return {{"created_at", t.createdAt}, {"credit_card_collections", false}, {"default", false},
            {"enterprise_account", nullptr}, {"id", t.id}, {"identity_provider", nullptr},
            {"membership_limit", nullptr}, {"name", t.name}, {"provisioned_licenses", false},
            {"role", t.role.empty() ? json(nullptr) : json(t.role)}, {"type", "team"}, {"updated_at", t.updatedAt}};
}

json teamInvitation(const platform::TeamInvitation &i)
{
    return {{"created_at", i.createdAt}, {"id", i.id}, {"role", i.role}, {"updated_at", i.updatedAt},
            {"invited_by", {{"email", i.inviterEmail}, {"id", i.inviterId}, {"name", i.inviterName.empty() ? json(nullptr) : json(i.inviterName)}}},
            {"team", {{"id", i.teamId}, {"name", i.teamName}}},
            {"user", {{"email", i.userEmail}, {"id", i.userId}, {"name", i.userName.empty() ? json(nullptr) : json(i.userName)}}}};
}

json teamMember(const platform::TeamMember &m)
{
    return {{"created_at", m.createdAt}, {"email", m.email}, {"federated", false}, {"id", m.id},
            {"identity_provider", nullptr}, {"role", m.role}, {"two_factor_authentication", false},
            {"updated_at", m.updatedAt}, {"user", {{"email", m.email}, {"id", m.accountId}, {"name", nullptr}}}};
}

json teamApp(const platform::App &a, const platform::Platform &platform, bool joined)
{
    json out = app(a, platform);
    // What `team-app` has not of `app`.
    for (const char *field : {"acm", "create_status", "generation", "organization"})
        out.erase(field);
    out["locked"] = a.locked;
    out["joined"] = joined;
    return out;
}

json teamAppPermission(platform::Permission p)
{
    return {{"description", std::string(platform::describe(p))}, {"name", std::string(platform::toString(p))}};
}

json teamAppCollaborator(const platform::TeamAppCollaborator &c)
{
    json permissions = json::array();
    platform::Permissions bits = platform::kNoPermissions;
    platform::parsePermissions(c.permissions, bits);
    for (platform::Permission p : platform::kAllPermissionList)
        if (bits & platform::bit(p))
            permissions.push_back(teamAppPermission(p));
    return {{"app", {{"id", c.appId}, {"name", c.appName}}}, {"created_at", c.createdAt}, {"id", c.id},
            {"permissions", permissions}, {"role", c.role}, {"updated_at", c.updatedAt},
            {"user", {{"email", c.email}, {"federated", false}, {"id", c.accountId}}}};
}

json teamFeature(const platform::TeamFeature &f)
{
    static constexpr const char *kFixed = "2026-01-01T00:00:00Z";
    return {{"created_at", kFixed}, {"description", f.description}, {"display_name", f.displayName},
            {"doc_url", "https://devcenter.heroku.com/articles/app-permissions"}, {"enabled", f.enabled},
            {"feedback_email", ""}, {"id", f.id}, {"name", f.name}, {"state", "general"}, {"updated_at", kFixed}};
}

} // namespace dynodesk::api::views
