// Links of the team resources (`team`, `team-member`, `team-app`, `team-app-permission`,
// `team-app-collaborator`, `team-invitation`, `team-feature`) and the empty `space` list.
#include "apirouter.h"
#include "routehelpers.h"
#include "routes.h"
#include "views.h"

namespace dynodesk::api {

using core::ApiError;
using detail::reply;
using detail::replyList;

// `permissions`: an array of names, or absent.
static std::optional<std::vector<std::string>> optionalStrings(const nlohmann::json &body, const char *key)
{
    if (!body.is_object() || !body.contains(key))
        return std::nullopt;
    std::vector<std::string> out;
    for (const auto &item : body.at(key)) {
        if (!item.is_string())
            throw ParamError(std::string(key) + " must be a list of strings.");
        out.push_back(item.get<std::string>());
    }
    return out;
}

static void addTeamLinks(ApiRouter &r, platform::Platform &p)
{
    r.add("GET", "/teams", "team", "List",
          [&p](ApiContext &ctx) { return replyList(p.teams().teams(ctx.who()), views::team, {"id", "name"}); });
    r.add("POST", "/teams", "team", "Create", [&p](ApiContext &ctx) {
        return reply(p.teams().createTeam(ctx.who(), requiredString(ctx.body, "name")), views::team, 201);
    });
    r.add("GET", "/teams/{team}", "team", "Info",
          [&p](ApiContext &ctx) { return reply(p.teams().team(ctx.who(), ctx.param("team")), views::team); });
    r.add("PATCH", "/teams/{team}", "team", "Update", [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        if (auto name = optionalString(ctx.body, "name"))
            return reply(p.teams().renameTeam(ctx.who(), ctx.param("team"), *name), views::team);
        return reply(p.teams().team(ctx.who(), ctx.param("team")), views::team);
    });
    r.add("DELETE", "/teams/{team}", "team", "Delete",
          [&p](ApiContext &ctx) { return reply(p.teams().deleteTeam(ctx.who(), ctx.param("team")), views::team); });
    r.add("GET", "/teams/{team}/features", "team-feature", "List", [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        if (auto team = p.teams().team(ctx.who(), ctx.param("team")); !team)
            return team.error();
        return replyList(p.teams().features(), views::teamFeature, {"id", "name"});
    });
    r.add("GET", "/teams/{team}/features/{feature}", "team-feature", "Info",
          [&p](ApiContext &ctx) -> core::Result<ApiReply> {
              if (auto team = p.teams().team(ctx.who(), ctx.param("team")); !team)
                  return team.error();
              for (const auto &f : p.teams().features())
                  if (f.name == ctx.param("feature") || f.id == ctx.param("feature"))
                      return ApiReply{200, views::teamFeature(f), {}};
              return ApiError::notFound("Couldn't find that feature.");
          });
    // Invitations: `members:add` adds at once (the feature `team-invite-acceptance` is off), but
    // an admin may invite through the API and the invitee accept.
    r.add("GET", "/teams/{team}/invitations", "team-invitation", "List", [&p](ApiContext &ctx) {
        return replyList(p.teams().invitations(ctx.who(), ctx.param("team")), views::teamInvitation, {"id"});
    });
    r.add("PUT", "/teams/{team}/invitations", "team-invitation", "Create", [&p](ApiContext &ctx) {
        return reply(p.teams().invite(ctx.who(), ctx.param("team"), requiredString(ctx.body, "email"),
                                      optionalString(ctx.body, "role").value_or("member")),
                     views::teamInvitation);
    });
    r.add("DELETE", "/teams/{team}/invitations/{invitation}", "team-invitation", "Revoke", [&p](ApiContext &ctx) {
        return reply(p.teams().revokeInvitation(ctx.who(), ctx.param("team"), ctx.param("invitation")), views::teamInvitation);
    });
    r.add("GET", "/teams/invitations/{token}", "team-invitation", "Get", [&p](ApiContext &ctx) {
        return reply(p.teams().invitation(ctx.who(), ctx.param("token")), views::teamInvitation);
    });
    r.add("POST", "/teams/invitations/{token}/accept", "team-invitation", "Accept", [&p](ApiContext &ctx) {
        return reply(p.teams().acceptInvitation(ctx.who(), ctx.param("token")), views::teamMember);
    });
}

static void addMemberLinks(ApiRouter &r, platform::Platform &p)
{
    r.add("GET", "/teams/{team}/members", "team-member", "List", [&p](ApiContext &ctx) {
        return replyList(p.teams().members(ctx.who(), ctx.param("team")), views::teamMember, {"email", "id"});
    });
    const std::pair<const char *, platform::MemberWrite> writes[] = {
            {"PUT", platform::MemberWrite::CreateOrUpdate},
            {"POST", platform::MemberWrite::Create},
            {"PATCH", platform::MemberWrite::Update}};
    const char *titles[] = {"Create or Update", "Create", "Update"};
    for (size_t i = 0; i < std::size(writes); ++i) {
        const auto write = writes[i].second;
        r.add(writes[i].first, "/teams/{team}/members", "team-member", titles[i], [&p, write](ApiContext &ctx) {
            return reply(p.teams().setMember(ctx.who(), ctx.param("team"), requiredString(ctx.body, "email"),
                                             optionalString(ctx.body, "role").value_or("member"), write),
                         views::teamMember, write == platform::MemberWrite::Create ? 201 : 200);
        });
    }
    r.add("DELETE", "/teams/{team}/members/{member}", "team-member", "Delete", [&p](ApiContext &ctx) {
        return reply(p.teams().removeMember(ctx.who(), ctx.param("team"), ctx.param("member")), views::teamMember);
    });
    r.add("GET", "/teams/{team}/members/{member}/apps", "team-member", "List By Member",
          [&p](ApiContext &ctx) -> core::Result<ApiReply> {
              auto apps = p.teams().apps(ctx.who(), ctx.param("team"), ctx.param("member"));
              return replyList(apps, [&p](const platform::App &a) { return views::app(a, p); }, {"id", "name"});
          });
}

static void addTeamAppLinks(ApiRouter &r, platform::Platform &p)
{
    auto teamApp = [&p](ApiContext &ctx) {
        return [&p, &ctx](const platform::App &a) {
            return views::teamApp(a, p, p.teamApps().collaborator(ctx.who(), a.id, ctx.who().id).ok());
        };
    };
    r.add("GET", "/teams/{team}/apps", "team-app", "List By Team", [&p, teamApp](ApiContext &ctx) {
        return replyList(p.teams().apps(ctx.who(), ctx.param("team")), teamApp(ctx), {"id", "name"});
    });
    r.add("POST", "/teams/apps", "team-app", "Create", [&p, teamApp](ApiContext &ctx) {
        platform::AppCreate params{optionalString(ctx.body, "name"), optionalString(ctx.body, "region"),
                                   optionalString(ctx.body, "stack"), optionalString(ctx.body, "team"),
                                   optionalBool(ctx.body, "locked").value_or(false)};
        if (optionalBool(ctx.body, "personal").value_or(false))
            params.team.reset();
        return reply(p.apps().createApp(ctx.who(), params), teamApp(ctx), 201);
    });
    r.add("GET", "/teams/apps/{app}", "team-app", "Info", [&p, teamApp](ApiContext &ctx) {
        return reply(p.teamApps().teamApp(ctx.who(), ctx.param("app")), teamApp(ctx));
    });
    r.add("PATCH", "/teams/apps/{app}", "team-app", "Update Locked", [&p, teamApp](ApiContext &ctx) {
        platform::TeamAppUpdate update{optionalBool(ctx.body, "locked"), optionalString(ctx.body, "owner")};
        return reply(p.teamApps().updateApp(ctx.who(), ctx.param("app"), update), teamApp(ctx));
    });
    r.add("GET", "/teams/permissions", "team-app-permission", "List", [](ApiContext &) {
        return replyList(std::vector<platform::Permission>(std::begin(platform::kAllPermissionList),
                                                           std::end(platform::kAllPermissionList)),
                         views::teamAppPermission, {"name"});
    });
}

static void addTeamAppCollaboratorLinks(ApiRouter &r, platform::Platform &p)
{
    r.add("GET", "/teams/apps/{app}/collaborators", "team-app-collaborator", "List", [&p](ApiContext &ctx) {
        return replyList(p.teamApps().collaborators(ctx.who(), ctx.param("app")), views::teamAppCollaborator,
                         {"email", "id"});
    });
    r.add("POST", "/teams/apps/{app}/collaborators", "team-app-collaborator", "Create", [&p](ApiContext &ctx) {
        return reply(p.teamApps().addCollaborator(ctx.who(), ctx.param("app"), requiredString(ctx.body, "user"),
                                                  optionalStrings(ctx.body, "permissions")),
                     views::teamAppCollaborator, 201);
    });
    r.add("GET", "/teams/apps/{app}/collaborators/{collaborator}", "team-app-collaborator", "Info",
          [&p](ApiContext &ctx) {
              return reply(p.teamApps().collaborator(ctx.who(), ctx.param("app"), ctx.param("collaborator")),
                           views::teamAppCollaborator);
          });
    r.add("PATCH", "/teams/apps/{app}/collaborators/{collaborator}", "team-app-collaborator", "Update",
          [&p](ApiContext &ctx) {
              return reply(p.teamApps().updateCollaborator(ctx.who(), ctx.param("app"), ctx.param("collaborator"),
                                                           optionalStrings(ctx.body, "permissions").value_or(
                                                                   std::vector<std::string>{})),
                           views::teamAppCollaborator);
          });
    r.add("DELETE", "/teams/apps/{app}/collaborators/{collaborator}", "team-app-collaborator", "Delete",
          [&p](ApiContext &ctx) {
              return reply(p.teamApps().removeCollaborator(ctx.who(), ctx.param("app"), ctx.param("collaborator")),
                           views::teamAppCollaborator);
          });
}

void addTeamRoutes(ApiRouter &r, platform::Platform &p)
{
    addTeamLinks(r, p);
    addMemberLinks(r, p);
    addTeamAppLinks(r, p);
    addTeamAppCollaboratorLinks(r, p);
    // Private spaces are not emulated: the list is empty, so `heroku spaces` and the CLI's
    // autocomplete find none.
    r.add("GET", "/spaces", "space", "List", [](ApiContext &) { return ApiReply::list(nlohmann::json::array(), {"id", "name"}); });
    r.add("GET", "/spaces/{space}", "space", "Info",
          [](ApiContext &) -> core::Result<ApiReply> { return ApiError::notFound("Couldn't find that space."); });
}

} // namespace dynodesk::api
