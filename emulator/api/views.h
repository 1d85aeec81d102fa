#pragma once

#include "platform/catalog.h"
#include "platform/platform.h"
#include "store/records.h"

#include <nlohmann/json.hpp>

// The JSON shapes of the resources, with the official schema's field names and types.
namespace dynodesk::api::views {

using nlohmann::json;

json account(const store::AccountRecord &a);
json authorization(const store::AuthorizationRecord &a, const platform::Actor &user);
json key(const store::KeyRecord &k);
json app(const store::AppRecord &a, const platform::Platform &platform);
json release(const store::ReleaseRecord &r);
json configVars(const store::ConfigMap &config);
json collaborator(const store::CollaboratorRecord &c);
// The owner, listed among an app's collaborators with the role `owner`.
json ownerCollaborator(const store::AppRecord &a);
json transfer(const store::TransferRecord &t);
json formation(const store::FormationRecord &f);
json region(const platform::Region &r);
// Builds carry their output stream's URL, made from the server's base URL.
json build(const store::BuildRecord &b, const std::string &baseUrl);
json slug(const store::SlugRecord &s, const std::string &baseUrl);
json buildpackInstallation(const std::string &url, int ordinal);
json source(const store::SourceRecord &s, const std::string &baseUrl);
json stack(const platform::Stack &s);
json domain(const platform::AppDomain &d);

} // namespace dynodesk::api::views
