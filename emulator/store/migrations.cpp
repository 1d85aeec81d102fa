#include "migrations.h"

namespace dynodesk::store {

const std::vector<std::string> &migrations()
{
    static const std::vector<std::string> steps = {
        // 1: accounts, tokens, apps, config, releases, collaborators, formation, keys, transfers.
        R"sql(
CREATE TABLE accounts (
  id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT,
  password_hash TEXT NOT NULL, password_salt TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, last_login TEXT);
CREATE TABLE authorizations (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  token TEXT NOT NULL UNIQUE, description TEXT NOT NULL DEFAULT '', scope TEXT NOT NULL DEFAULT 'global',
  expires_in INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE apps (
  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, owner_id TEXT NOT NULL REFERENCES accounts(id),
  region TEXT NOT NULL, stack TEXT NOT NULL, maintenance INTEGER NOT NULL DEFAULT 0,
  buildpack_provided_description TEXT, repo_size INTEGER, slug_size INTEGER,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, released_at TEXT);
CREATE TABLE config_vars (
  app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE, key TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (app_id, key));
CREATE TABLE releases (
  id TEXT PRIMARY KEY, app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE, version INTEGER NOT NULL,
  description TEXT NOT NULL, status TEXT NOT NULL, user_id TEXT NOT NULL REFERENCES accounts(id),
  slug_id TEXT, config TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  UNIQUE (app_id, version));
CREATE TABLE collaborators (
  id TEXT PRIMARY KEY, app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (app_id, account_id));
CREATE TABLE formations (
  id TEXT PRIMARY KEY, app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE, type TEXT NOT NULL,
  quantity INTEGER NOT NULL, size TEXT NOT NULL, command TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (app_id, type));
CREATE TABLE keys (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  public_key TEXT NOT NULL, comment TEXT NOT NULL, fingerprint TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (account_id, fingerprint));
CREATE TABLE app_transfers (
  id TEXT PRIMARY KEY, app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  owner_id TEXT NOT NULL REFERENCES accounts(id), recipient_id TEXT NOT NULL REFERENCES accounts(id),
  state TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX releases_by_app ON releases(app_id, version);
CREATE INDEX collaborators_by_account ON collaborators(account_id);
)sql",
        // 2: deploys: slugs, builds, an app's buildpacks, uploaded sources.
        R"sql(
CREATE TABLE slugs (
  id TEXT PRIMARY KEY, app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE, commit_sha TEXT,
  process_types TEXT NOT NULL, size INTEGER NOT NULL, buildpack_provided_description TEXT, stack TEXT NOT NULL,
  path TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE builds (
  id TEXT PRIMARY KEY, app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE, status TEXT NOT NULL,
  source_url TEXT, source_version TEXT, user_id TEXT NOT NULL REFERENCES accounts(id), buildpacks TEXT NOT NULL,
  slug_id TEXT, release_id TEXT, stack TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX builds_by_app ON builds(app_id, created_at);
CREATE TABLE buildpack_installations (
  app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE, ordinal INTEGER NOT NULL, url TEXT NOT NULL,
  PRIMARY KEY (app_id, ordinal));
CREATE TABLE sources (
  id TEXT PRIMARY KEY, app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE, secret TEXT NOT NULL,
  path TEXT NOT NULL, created_at TEXT NOT NULL);
)sql",
        // 3: logs and dynos: labs features, log drains.
        R"sql(
CREATE TABLE app_features (
  app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE, name TEXT NOT NULL, enabled INTEGER NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (app_id, name));
CREATE TABLE log_drains (
  id TEXT PRIMARY KEY, app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE, url TEXT NOT NULL,
  token TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (app_id, url));
)sql",
        // 4: custom domains. A hostname belongs to one app (wildcards too: `*.example.test`).
        R"sql(
CREATE TABLE domains (
  id TEXT PRIMARY KEY, app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  hostname TEXT NOT NULL UNIQUE, cname TEXT NOT NULL, status TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX domains_by_app ON domains(app_id, created_at);
)sql",
        // 5: add-ons and their attachments. `provider_id` is the provider's name for what it made (a
        // database and role), `config` what it gave (JSON, {"URL": ...}), `attach_as` the name the
        // first attachment gets once provisioning succeeds.
        R"sql(
CREATE TABLE addons (
  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  service TEXT NOT NULL, plan TEXT NOT NULL, state TEXT NOT NULL, provider_id TEXT NOT NULL,
  config TEXT NOT NULL DEFAULT '{}', provision_message TEXT, attach_as TEXT, created_by TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX addons_by_app ON addons(app_id);
CREATE TABLE addon_attachments (
  id TEXT PRIMARY KEY, addon_id TEXT NOT NULL REFERENCES addons(id) ON DELETE CASCADE,
  app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE, name TEXT NOT NULL, namespace TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (app_id, name));
CREATE INDEX addon_attachments_by_addon ON addon_attachments(addon_id);
)sql",
        // 6: the data API's transfers (`pg:backups`): backups and restores of Postgres add-ons,
        // numbered per app. `addon_id` has no foreign key: backups outlive their database.
        // A deleted transfer keeps its row (`deleted_at`) so its number is not used again.
        R"sql(
CREATE TABLE data_transfers (
  id TEXT PRIMARY KEY, app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE, num INTEGER NOT NULL,
  kind TEXT NOT NULL, addon_id TEXT NOT NULL, from_name TEXT NOT NULL, to_name TEXT NOT NULL, state TEXT NOT NULL,
  file TEXT, source_id TEXT, source_bytes INTEGER NOT NULL DEFAULT 0, processed_bytes INTEGER NOT NULL DEFAULT 0,
  logs TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL, updated_at TEXT NOT NULL, started_at TEXT,
  finished_at TEXT, deleted_at TEXT, UNIQUE (app_id, num));
CREATE INDEX data_transfers_by_state ON data_transfers(state);
)sql",
        // 7: teams. A team app keeps the account that made it as `owner_id`; `team_id` says whose
        // it is. A collaborator's `permissions` (comma-separated) count on team apps only.
        R"sql(
CREATE TABLE teams (
  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE team_members (
  id TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE, role TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (team_id, account_id));
CREATE INDEX team_members_by_account ON team_members(account_id);
ALTER TABLE apps ADD COLUMN team_id TEXT REFERENCES teams(id);
ALTER TABLE apps ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE collaborators ADD COLUMN permissions TEXT NOT NULL DEFAULT '';
CREATE INDEX apps_by_team ON apps(team_id);
)sql",
        // 8: teams' quotas for each of their members and viewers: apps, dynos, add-ons (NULL:
        // unlimited).
        R"sql(
CREATE TABLE team_quotas (
  team_id TEXT PRIMARY KEY REFERENCES teams(id) ON DELETE CASCADE,
  apps INTEGER, dynos INTEGER, addons INTEGER);
)sql",
        // 9: invitations to teams, each accepted by its invitee with its secret token.
        R"sql(
CREATE TABLE team_invitations (
  id TEXT PRIMARY KEY, token TEXT NOT NULL UNIQUE, team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE, role TEXT NOT NULL,
  invited_by TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (team_id, account_id));
)sql",
        // 10: slugs made through the API (POST /apps/{app}/slugs) wait for their tarball's upload.
        R"sql(
ALTER TABLE slugs ADD COLUMN checksum TEXT;
ALTER TABLE slugs ADD COLUMN commit_description TEXT;
ALTER TABLE slugs ADD COLUMN uploaded INTEGER NOT NULL DEFAULT 1;
)sql",
        // 11: app setups (POST /app-setups); sources of an account (POST /sources) besides those
        // of an app, so sources.app_id may be NULL and a source names its account.
        R"sql(
CREATE TABLE app_setups (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  status TEXT NOT NULL, failure_message TEXT, manifest_errors TEXT NOT NULL DEFAULT '[]',
  postdeploy_output TEXT, postdeploy_exit_code INTEGER, resolved_success_url TEXT,
  app_id TEXT, app_name TEXT, build_id TEXT, manifest TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE sources_11 (
  id TEXT PRIMARY KEY, app_id TEXT REFERENCES apps(id) ON DELETE CASCADE,
  account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE, secret TEXT NOT NULL,
  path TEXT NOT NULL, created_at TEXT NOT NULL);
INSERT INTO sources_11 (id, app_id, account_id, secret, path, created_at)
  SELECT id, app_id, NULL, secret, path, created_at FROM sources;
DROP TABLE sources;
ALTER TABLE sources_11 RENAME TO sources;
)sql",
        // 12: pipelines, the apps coupled in them (one pipeline per app) and their promotions.
        // A target's status is its release's; `error_message` when no release could be made.
        R"sql(
CREATE TABLE pipelines (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, owner_id TEXT NOT NULL, owner_type TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX pipelines_by_name ON pipelines(name);
CREATE TABLE pipeline_couplings (
  id TEXT PRIMARY KEY, pipeline_id TEXT NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
  app_id TEXT NOT NULL UNIQUE REFERENCES apps(id) ON DELETE CASCADE, stage TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX pipeline_couplings_by_pipeline ON pipeline_couplings(pipeline_id);
CREATE TABLE pipeline_promotions (
  id TEXT PRIMARY KEY, pipeline_id TEXT NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
  source_app_id TEXT NOT NULL, source_release_id TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE pipeline_promotion_targets (
  id TEXT PRIMARY KEY, promotion_id TEXT NOT NULL REFERENCES pipeline_promotions(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL, app_id TEXT NOT NULL, release_id TEXT, error_message TEXT);
CREATE INDEX pipeline_promotion_targets_by_promotion ON pipeline_promotion_targets(promotion_id);
)sql",
    };
    return steps;
}

} // namespace dynodesk::store
