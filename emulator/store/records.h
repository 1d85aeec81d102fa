#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dynodesk::store {

using ConfigMap = std::map<std::string, std::string>;

struct AccountRecord final {
    std::string id, email;
    std::optional<std::string> name;
    std::string passwordHash, passwordSalt, createdAt, updatedAt;
    std::optional<std::string> lastLogin;
};

struct AuthorizationRecord final {
    std::string id, accountId, token, description, scope;
    std::optional<int64_t> expiresIn;
    std::string createdAt, updatedAt;
};

struct AppRecord final {
    std::string id, name, ownerId, ownerEmail, region, stack;
    bool maintenance = false;
    std::optional<std::string> buildpackProvidedDescription;
    std::optional<int64_t> repoSize, slugSize;
    std::string createdAt, updatedAt;
    std::optional<std::string> releasedAt;
};

struct ReleaseRecord final {
    std::string id, appId, appName;
    int64_t version = 0;
    std::string description, status, userId, userEmail;
    std::optional<std::string> slugId;
    ConfigMap config;
    std::string createdAt, updatedAt;
    bool current = false;
};

struct CollaboratorRecord final {
    std::string id, appId, appName, accountId, email, createdAt, updatedAt;
};

struct FormationRecord final {
    std::string id, appId, appName, type;
    int64_t quantity = 0;
    std::string size, command, createdAt, updatedAt;
};

struct KeyRecord final {
    std::string id, accountId, email, publicKey, comment, fingerprint, createdAt, updatedAt;
};

struct TransferRecord final {
    std::string id, appId, appName, ownerId, ownerEmail, recipientId, recipientEmail, state, createdAt, updatedAt;
};

struct SlugRecord final {
    std::string id, appId;
    std::optional<std::string> commit;
    std::map<std::string, std::string> processTypes;
    int64_t size = 0;
    std::optional<std::string> buildpackProvidedDescription;
    std::string stack, path, createdAt, updatedAt;
};

struct BuildRecord final {
    std::string id, appId, appName, status;
    std::optional<std::string> sourceUrl, sourceVersion;
    std::string userId, userEmail;
    std::vector<std::string> buildpacks;
    std::optional<std::string> slugId, releaseId;
    std::string stack, createdAt, updatedAt;
};

struct SourceRecord final {
    std::string id, appId, secret, path, createdAt;
};

struct FeatureRecord final {
    std::string appId, name;
    bool enabled = false;
    std::string createdAt, updatedAt;
};

struct DrainRecord final {
    std::string id, appId, appName, url, token, createdAt, updatedAt;
};

// A custom domain of an app; the default `<app>.localhost` one is not stored.
struct DomainRecord final {
    std::string id, appId, appName, hostname, cname, status, createdAt, updatedAt;
};

// An add-on: what a provider made for an app (`billing` app: the one that owns it).
struct AddonRecord final {
    std::string id, name, appId, appName, ownerId, service, plan, state, providerId;
    ConfigMap config; // what the provider gave: {"URL": "postgres://..."}
    std::optional<std::string> provisionMessage, attachAs;
    std::string createdBy, createdAt, updatedAt;
};

// An add-on attached to an app under a name: `<name>_URL` is in that app's config.
struct AttachmentRecord final {
    std::string id, addonId, addonName, addonAppId, addonAppName, appId, appName, name;
    std::optional<std::string> ns; // `namespace`
    std::string createdAt, updatedAt;
    std::string addonService, addonPlan; // read with the attachment, never written through it
};

// One line of a data transfer's log, as `pg:backups:info` shows it.
struct DataTransferLog final {
    std::string createdAt, message;
};

// A transfer of the data API (`pg:backups`): a backup of a database (`b001`) or a restore into
// one (`r002`), listed under the database's owning app and numbered per app, a number never
// used twice. `state` is pending, running, succeeded or failed.
struct DataTransferRecord final {
    std::string id, appId, appName;
    int64_t num = 0;
    std::string kind; // "backup" or "restore"
    std::string addonId; // the database dumped (backup) or restored into (restore)
    std::string fromName, toName; // as the CLI shows them: the database's add-on name, `BACKUP`, ...
    std::string state;
    std::optional<std::string> file; // a backup's file
    std::optional<std::string> sourceId; // a restore's backup
    int64_t sourceBytes = 0, processedBytes = 0;
    std::vector<DataTransferLog> logs;
    std::string createdAt, updatedAt;
    std::optional<std::string> startedAt, finishedAt;
};

} // namespace dynodesk::store
