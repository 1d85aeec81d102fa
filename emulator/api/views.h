#pragma once

#include "platform/catalog.h"
#include "platform/platform.h"

#include <nlohmann/json.hpp>

// The JSON shapes of the resources, with the official schema's field names and types.
namespace dynodesk::api::views {

using nlohmann::json;

json account(const platform::Account &a);
json authorization(const platform::Authorization &a, const platform::Actor &user);
json key(const platform::Key &k);
json app(const platform::App &a, const platform::Platform &platform);
// A team app's `team` (and `organization`): {id, name}, null for a personal app.
json teamRef(const platform::App &a);
// An app's `owner`: its account, or for a team app its team as `<team>@herokumanager.com`.
json appOwner(const platform::App &a);
std::string teamOwnerEmail(const std::string &teamName);
json release(const platform::Release &r);
json configVars(const platform::ConfigMap &config);
json collaborator(const platform::Collaborator &c);
// The owner, listed among an app's collaborators with the role `owner`.
json ownerCollaborator(const platform::App &a);
json transfer(const platform::AppTransfer &t);
json formation(const platform::Formation &f);
json region(const platform::Region &r);
// Builds carry their output stream's URL, made from the server's base URL.
json build(const platform::Build &b, const std::string &baseUrl);
json slug(const platform::Slug &s, const std::string &baseUrl);
json buildpackInstallation(const std::string &url, int ordinal);
json source(const platform::Source &s, const std::string &baseUrl);
json stack(const platform::Stack &s);
json domain(const platform::AppDomain &d);

// Teams (teamviews.cpp).
json team(const platform::Team &t);
json teamMember(const platform::TeamMember &m);
json teamInvitation(const platform::TeamInvitation &i);
// `team-app`: the app with `locked` and whether the caller has joined it.
json teamApp(const platform::App &a, const platform::Platform &platform, bool joined);
json teamAppCollaborator(const platform::TeamAppCollaborator &c);
json teamAppPermission(platform::Permission p);
json teamFeature(const platform::TeamFeature &f);

// Pipelines (pipelineviews.cpp).
json pipeline(const platform::Pipeline &p);
json pipelineCoupling(const platform::PipelineCoupling &c);
json pipelinePromotion(const platform::PipelinePromotion &p);
json promotionTarget(const platform::PromotionTarget &t);
json pipelineTransfer(const platform::PipelineTransfer &t);

} // namespace dynodesk::api::views
