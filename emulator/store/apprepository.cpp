#include "apprepository.h"
#include "database.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace dynodesk::store {

static std::optional<int64_t> optionalInteger(const Statement &st, int column)
{
    if (st.isNull(column))
        return std::nullopt;
    return st.integer(column);
}

static void bindOptional(Statement &st, int index, std::optional<int64_t> v)
{
    v ? st.bind(index, *v) : st.bindNull(index);
}

static constexpr const char *kAppColumns =
        "SELECT a.id, a.name, a.owner_id, o.email, a.region, a.stack, a.maintenance, "
        "a.buildpack_provided_description, a.repo_size, a.slug_size, a.created_at, a.updated_at, a.released_at, "
        "a.team_id, t.name, a.locked "
        "FROM apps a JOIN accounts o ON o.id = a.owner_id LEFT JOIN teams t ON t.id = a.team_id ";

static AppRecord readApp(const Statement &st)
{
    return {st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.integer(6) != 0,
            st.optionalText(7), optionalInteger(st, 8), optionalInteger(st, 9), st.text(10), st.text(11),
            st.optionalText(12), st.optionalText(13), st.optionalText(14), st.integer(15) != 0};
}

void AppRepository::insert(const AppRecord &a)
{
    auto st = m_db.prepare("INSERT INTO apps (id, name, owner_id, region, stack, maintenance, "
                           "buildpack_provided_description, repo_size, slug_size, created_at, updated_at, released_at, "
                           "team_id, locked) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, a.id).bind(2, a.name).bind(3, a.ownerId).bind(4, a.region).bind(5, a.stack).bind(6, a.maintenance)
            .bind(7, a.buildpackProvidedDescription);
    bindOptional(st, 8, a.repoSize);
    bindOptional(st, 9, a.slugSize);
    st.bind(10, a.createdAt).bind(11, a.updatedAt).bind(12, a.releasedAt).bind(13, a.teamId).bind(14, a.locked).run();
}

std::optional<AppRecord> AppRepository::byIdOrName(const std::string &idOrName)
{
    auto st = m_db.prepare(std::string(kAppColumns) + "WHERE a.name = ?1 OR a.id = ?1");
    st.bind(1, idOrName);
    return first(st, readApp);
}

std::vector<AppRecord> AppRepository::listFor(const std::string &accountId)
{
    auto st = m_db.prepare(std::string(kAppColumns)
                           + "WHERE (a.owner_id = ?1 AND a.team_id IS NULL) "
                             "OR a.id IN (SELECT app_id FROM collaborators WHERE account_id = ?1) ORDER BY a.name");
    st.bind(1, accountId);
    return collect(st, readApp);
}

std::vector<AppRecord> AppRepository::listVisibleTo(const std::string &accountId)
{
    auto st = m_db.prepare(std::string(kAppColumns)
                           + "WHERE (a.owner_id = ?1 AND a.team_id IS NULL) "
                             "OR a.id IN (SELECT app_id FROM collaborators WHERE account_id = ?1) "
                             "OR a.team_id IN (SELECT team_id FROM team_members WHERE account_id = ?1 "
                             "AND (role IN ('owner', 'admin') OR a.locked = 0)) ORDER BY a.name");
    st.bind(1, accountId);
    return collect(st, readApp);
}

std::vector<AppRecord> AppRepository::listByTeam(const std::string &teamId)
{
    auto st = m_db.prepare(std::string(kAppColumns) + "WHERE a.team_id = ? ORDER BY a.name");
    st.bind(1, teamId);
    return collect(st, readApp);
}

std::vector<AppRecord> AppRepository::all()
{
    auto st = m_db.prepare(std::string(kAppColumns) + "ORDER BY a.name");
    return collect(st, readApp);
}

void AppRepository::update(const AppRecord &a)
{
    auto st = m_db.prepare("UPDATE apps SET name = ?, owner_id = ?, region = ?, stack = ?, maintenance = ?, "
                           "buildpack_provided_description = ?, repo_size = ?, slug_size = ?, updated_at = ?, "
                           "released_at = ?, team_id = ?, locked = ? WHERE id = ?");
    st.bind(1, a.name).bind(2, a.ownerId).bind(3, a.region).bind(4, a.stack).bind(5, a.maintenance)
            .bind(6, a.buildpackProvidedDescription);
    bindOptional(st, 7, a.repoSize);
    bindOptional(st, 8, a.slugSize);
    st.bind(9, a.updatedAt).bind(10, a.releasedAt).bind(11, a.teamId).bind(12, a.locked).bind(13, a.id).run();
}

void AppRepository::remove(const std::string &id)
{
    m_db.prepare("DELETE FROM apps WHERE id = ?").bind(1, id).run();
}

int64_t AppRepository::countOwnedBy(const std::string &accountId)
{
    auto st = m_db.prepare("SELECT count(*) FROM apps WHERE owner_id = ? AND team_id IS NULL");
    st.bind(1, accountId);
    st.step();
    return st.integer(0);
}

ConfigMap ConfigRepository::get(const std::string &appId)
{
    auto st = m_db.prepare("SELECT key, value FROM config_vars WHERE app_id = ? ORDER BY key");
    st.bind(1, appId);
    ConfigMap out;
    while (st.step())
        out.emplace(st.text(0), st.text(1));
    return out;
}

void ConfigRepository::replace(const std::string &appId, const ConfigMap &config)
{
    m_db.prepare("DELETE FROM config_vars WHERE app_id = ?").bind(1, appId).run();
    for (const auto &[key, value] : config)
        m_db.prepare("INSERT INTO config_vars (app_id, key, value) VALUES (?,?,?)")
                .bind(1, appId).bind(2, key).bind(3, value).run();
}

static constexpr const char *kReleaseColumns =
        "SELECT r.id, r.app_id, a.name, r.version, r.description, r.status, r.user_id, u.email, r.slug_id, "
        "r.config, r.created_at, r.updated_at, "
        "r.version = (SELECT max(version) FROM releases c WHERE c.app_id = r.app_id AND c.status = 'succeeded') "
        "FROM releases r JOIN apps a ON a.id = r.app_id JOIN accounts u ON u.id = r.user_id ";

static ReleaseRecord readRelease(const Statement &st)
{
    ReleaseRecord r{st.text(0), st.text(1), st.text(2), st.integer(3), st.text(4), st.text(5), st.text(6),
                    st.text(7), st.optionalText(8), {}, st.text(10), st.text(11), st.integer(12) == 1};
    r.config = nlohmann::json::parse(st.text(9)).get<ConfigMap>();
    return r;
}

void ReleaseRepository::insert(const ReleaseRecord &r)
{
    m_db.prepare("INSERT INTO releases (id, app_id, version, description, status, user_id, slug_id, config, "
                 "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)")
            .bind(1, r.id).bind(2, r.appId).bind(3, r.version).bind(4, r.description).bind(5, r.status)
            .bind(6, r.userId).bind(7, r.slugId).bind(8, nlohmann::json(r.config).dump()).bind(9, r.createdAt)
            .bind(10, r.updatedAt).run();
}

std::vector<ReleaseRecord> ReleaseRepository::query(const std::string &where, const std::string &appId,
                                                    const std::string &arg)
{
    auto st = m_db.prepare(std::string(kReleaseColumns) + where);
    st.bind(1, appId);
    if (!arg.empty())
        st.bind(2, arg);
    return collect(st, readRelease);
}

std::vector<ReleaseRecord> ReleaseRepository::list(const std::string &appId)
{
    return query("WHERE r.app_id = ? ORDER BY r.version", appId, {});
}

std::optional<ReleaseRecord> ReleaseRepository::byVersion(const std::string &appId, int64_t version)
{
    auto found = query("WHERE r.app_id = ? AND r.version = ?", appId, std::to_string(version));
    return found.empty() ? std::nullopt : std::optional(found.front());
}

std::optional<ReleaseRecord> ReleaseRepository::byId(const std::string &appId, const std::string &id)
{
    auto found = query("WHERE r.app_id = ? AND r.id = ?", appId, id);
    return found.empty() ? std::nullopt : std::optional(found.front());
}

int64_t ReleaseRepository::latestVersion(const std::string &appId)
{
    auto st = m_db.prepare("SELECT coalesce(max(version), 0) FROM releases WHERE app_id = ?");
    st.bind(1, appId);
    st.step();
    return st.integer(0);
}

int64_t ReleaseRepository::currentVersion(const std::string &appId)
{
    auto st = m_db.prepare("SELECT coalesce(max(version), 0) FROM releases WHERE app_id = ? AND status = 'succeeded'");
    st.bind(1, appId);
    st.step();
    return st.integer(0);
}

void ReleaseRepository::setStatus(const std::string &id, const std::string &status, const std::string &updatedAt)
{
    m_db.prepare("UPDATE releases SET status = ?, updated_at = ? WHERE id = ?")
            .bind(1, status).bind(2, updatedAt).bind(3, id).run();
}

static constexpr const char *kCollaboratorColumns =
        "SELECT c.id, c.app_id, a.name, c.account_id, u.email, c.created_at, c.updated_at, c.permissions "
        "FROM collaborators c JOIN apps a ON a.id = c.app_id JOIN accounts u ON u.id = c.account_id ";

static std::vector<std::string> splitList(const std::string &text)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
        const size_t comma = std::min(text.find(',', start), text.size());
        if (comma > start)
            out.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

static std::string joinList(const std::vector<std::string> &items)
{
    std::string out;
    for (const auto &item : items)
        out += (out.empty() ? "" : ",") + item;
    return out;
}

static CollaboratorRecord readCollaborator(const Statement &st)
{
    return {st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), splitList(st.text(7))};
}

void CollaboratorRepository::insert(const CollaboratorRecord &c)
{
    m_db.prepare("INSERT INTO collaborators (id, app_id, account_id, created_at, updated_at, permissions) "
                 "VALUES (?,?,?,?,?,?)")
            .bind(1, c.id).bind(2, c.appId).bind(3, c.accountId).bind(4, c.createdAt).bind(5, c.updatedAt)
            .bind(6, joinList(c.permissions)).run();
}

void CollaboratorRepository::setPermissions(const CollaboratorRecord &c)
{
    m_db.prepare("UPDATE collaborators SET permissions = ?, updated_at = ? WHERE id = ?")
            .bind(1, joinList(c.permissions)).bind(2, c.updatedAt).bind(3, c.id).run();
}

void CollaboratorRepository::removeAll(const std::string &appId)
{
    m_db.prepare("DELETE FROM collaborators WHERE app_id = ?").bind(1, appId).run();
}

void CollaboratorRepository::removeFromTeamApps(const std::string &teamId, const std::string &accountId)
{
    m_db.prepare("DELETE FROM collaborators WHERE account_id = ? AND app_id IN (SELECT id FROM apps WHERE team_id = ?)")
            .bind(1, accountId).bind(2, teamId).run();
}

std::vector<CollaboratorRecord> CollaboratorRepository::list(const std::string &appId)
{
    auto st = m_db.prepare(std::string(kCollaboratorColumns) + "WHERE c.app_id = ? ORDER BY c.created_at, u.email");
    st.bind(1, appId);
    return collect(st, readCollaborator);
}

std::optional<CollaboratorRecord> CollaboratorRepository::find(const std::string &appId, const std::string &key)
{
    auto st = m_db.prepare(std::string(kCollaboratorColumns)
                           + "WHERE c.app_id = ?1 AND (c.id = ?2 OR u.email = ?2 COLLATE NOCASE OR c.account_id = ?2)");
    st.bind(1, appId).bind(2, key);
    return first(st, readCollaborator);
}

void CollaboratorRepository::remove(const std::string &id)
{
    m_db.prepare("DELETE FROM collaborators WHERE id = ?").bind(1, id).run();
}

static constexpr const char *kFormationColumns =
        "SELECT f.id, f.app_id, a.name, f.type, f.quantity, f.size, f.command, f.created_at, f.updated_at "
        "FROM formations f JOIN apps a ON a.id = f.app_id ";

static FormationRecord readFormation(const Statement &st)
{
    return {st.text(0), st.text(1), st.text(2), st.text(3), st.integer(4), st.text(5), st.text(6), st.text(7),
            st.text(8)};
}

std::vector<FormationRecord> FormationRepository::list(const std::string &appId)
{
    auto st = m_db.prepare(std::string(kFormationColumns) + "WHERE f.app_id = ? ORDER BY f.type");
    st.bind(1, appId);
    return collect(st, readFormation);
}

std::optional<FormationRecord> FormationRepository::find(const std::string &appId, const std::string &idOrType)
{
    auto st = m_db.prepare(std::string(kFormationColumns) + "WHERE f.app_id = ?1 AND (f.id = ?2 OR f.type = ?2)");
    st.bind(1, appId).bind(2, idOrType);
    return first(st, readFormation);
}

void FormationRepository::upsert(const FormationRecord &f)
{
    m_db.prepare("INSERT INTO formations (id, app_id, type, quantity, size, command, created_at, updated_at) "
                 "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (app_id, type) DO UPDATE SET quantity = excluded.quantity, "
                 "size = excluded.size, command = excluded.command, updated_at = excluded.updated_at")
            .bind(1, f.id).bind(2, f.appId).bind(3, f.type).bind(4, f.quantity).bind(5, f.size).bind(6, f.command)
            .bind(7, f.createdAt).bind(8, f.updatedAt).run();
}

static constexpr const char *kTransferColumns =
        "SELECT t.id, t.app_id, a.name, t.owner_id, o.email, t.recipient_id, r.email, t.state, t.created_at, "
        "t.updated_at FROM app_transfers t JOIN apps a ON a.id = t.app_id JOIN accounts o ON o.id = t.owner_id "
        "JOIN accounts r ON r.id = t.recipient_id ";

static TransferRecord readTransfer(const Statement &st)
{
    return {st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), st.text(7),
            st.text(8), st.text(9)};
}

void TransferRepository::insert(const TransferRecord &t)
{
    m_db.prepare("INSERT INTO app_transfers (id, app_id, owner_id, recipient_id, state, created_at, updated_at) "
                 "VALUES (?,?,?,?,?,?,?)")
            .bind(1, t.id).bind(2, t.appId).bind(3, t.ownerId).bind(4, t.recipientId).bind(5, t.state)
            .bind(6, t.createdAt).bind(7, t.updatedAt).run();
}

std::optional<TransferRecord> TransferRepository::byIdOrAppName(const std::string &key)
{
    auto st = m_db.prepare(std::string(kTransferColumns)
                           + "WHERE t.state = 'pending' AND (t.id = ?1 OR a.name = ?1) ORDER BY t.created_at DESC");
    st.bind(1, key);
    return first(st, readTransfer);
}

std::vector<TransferRecord> TransferRepository::listFor(const std::string &accountId)
{
    auto st = m_db.prepare(std::string(kTransferColumns)
                           + "WHERE t.state = 'pending' AND (t.owner_id = ?1 OR t.recipient_id = ?1) ORDER BY t.created_at");
    st.bind(1, accountId);
    return collect(st, readTransfer);
}

void TransferRepository::update(const TransferRecord &t)
{
    m_db.prepare("UPDATE app_transfers SET state = ?, updated_at = ? WHERE id = ?")
            .bind(1, t.state).bind(2, t.updatedAt).bind(3, t.id).run();
}

void TransferRepository::remove(const std::string &id)
{
    m_db.prepare("DELETE FROM app_transfers WHERE id = ?").bind(1, id).run();
}

} // namespace dynodesk::store
