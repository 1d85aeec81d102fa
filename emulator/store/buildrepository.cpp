#include "buildrepository.h"
#include "database.h"

#include <nlohmann/json.hpp>

namespace dynodesk::store {

using nlohmann::json;

void SlugRepository::insert(const SlugRecord &s)
{
    m_db.prepare("INSERT INTO slugs (id, app_id, commit_sha, process_types, size, buildpack_provided_description, "
                 "stack, path, created_at, updated_at, checksum, commit_description, uploaded) "
                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
            .bind(1, s.id).bind(2, s.appId).bind(3, s.commit).bind(4, json(s.processTypes).dump()).bind(5, s.size)
            .bind(6, s.buildpackProvidedDescription).bind(7, s.stack).bind(8, s.path).bind(9, s.createdAt)
            .bind(10, s.updatedAt).bind(11, s.checksum).bind(12, s.commitDescription)
            .bind(13, static_cast<int64_t>(s.uploaded)).run();
}

void SlugRepository::markUploaded(const std::string &id, int64_t size, const std::string &at)
{
    m_db.prepare("UPDATE slugs SET uploaded = 1, size = ?, updated_at = ? WHERE id = ?")
            .bind(1, size).bind(2, at).bind(3, id).run();
}

std::optional<SlugRecord> SlugRepository::byId(const std::string &id)
{
    auto st = m_db.prepare("SELECT id, app_id, commit_sha, process_types, size, buildpack_provided_description, stack, "
                           "path, created_at, updated_at, checksum, commit_description, uploaded FROM slugs WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return SlugRecord{st.text(0), st.text(1), st.optionalText(2),
                      json::parse(st.text(3)).get<std::map<std::string, std::string>>(), st.integer(4),
                      st.optionalText(5), st.text(6), st.text(7), st.text(8), st.text(9),
                      st.optionalText(10), st.optionalText(11), st.integer(12) != 0};
}

static constexpr const char *kBuildColumns =
        "SELECT b.id, b.app_id, a.name, b.status, b.source_url, b.source_version, b.user_id, u.email, b.buildpacks, "
        "b.slug_id, b.release_id, b.stack, b.created_at, b.updated_at "
        "FROM builds b JOIN apps a ON a.id = b.app_id JOIN accounts u ON u.id = b.user_id ";

static BuildRecord readBuild(const Statement &st)
{
    return {st.text(0), st.text(1), st.text(2), st.text(3), st.optionalText(4), st.optionalText(5), st.text(6),
            st.text(7), json::parse(st.text(8)).get<std::vector<std::string>>(), st.optionalText(9),
            st.optionalText(10), st.text(11), st.text(12), st.text(13)};
}

void BuildRepository::insert(const BuildRecord &b)
{
    m_db.prepare("INSERT INTO builds (id, app_id, status, source_url, source_version, user_id, buildpacks, slug_id, "
                 "release_id, stack, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
            .bind(1, b.id).bind(2, b.appId).bind(3, b.status).bind(4, b.sourceUrl).bind(5, b.sourceVersion)
            .bind(6, b.userId).bind(7, json(b.buildpacks).dump()).bind(8, b.slugId).bind(9, b.releaseId)
            .bind(10, b.stack).bind(11, b.createdAt).bind(12, b.updatedAt).run();
}

void BuildRepository::update(const BuildRecord &b)
{
    m_db.prepare("UPDATE builds SET status = ?, slug_id = ?, release_id = ?, updated_at = ? WHERE id = ?")
            .bind(1, b.status).bind(2, b.slugId).bind(3, b.releaseId).bind(4, b.updatedAt).bind(5, b.id).run();
}

std::optional<BuildRecord> BuildRepository::byId(const std::string &id)
{
    auto st = m_db.prepare(std::string(kBuildColumns) + "WHERE b.id = ?");
    st.bind(1, id);
    return first(st, readBuild);
}

std::vector<BuildRecord> BuildRepository::list(const std::string &appId)
{
    auto st = m_db.prepare(std::string(kBuildColumns) + "WHERE b.app_id = ? ORDER BY b.created_at, b.rowid");
    st.bind(1, appId);
    return collect(st, readBuild);
}

std::vector<BuildRecord> BuildRepository::withStatus(const std::string &status)
{
    auto st = m_db.prepare(std::string(kBuildColumns) + "WHERE b.status = ?");
    st.bind(1, status);
    return collect(st, readBuild);
}

std::vector<std::string> BuildpackRepository::list(const std::string &appId)
{
    auto st = m_db.prepare("SELECT url FROM buildpack_installations WHERE app_id = ? ORDER BY ordinal");
    st.bind(1, appId);
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

void BuildpackRepository::replace(const std::string &appId, const std::vector<std::string> &urls)
{
    m_db.prepare("DELETE FROM buildpack_installations WHERE app_id = ?").bind(1, appId).run();
    int ordinal = 0;
    for (const auto &url : urls)
        m_db.prepare("INSERT INTO buildpack_installations (app_id, ordinal, url) VALUES (?,?,?)")
                .bind(1, appId).bind(2, ordinal++).bind(3, url).run();
}

void SourceRepository::insert(const SourceRecord &s)
{
    auto orNull = [](const std::string &v) { return v.empty() ? std::nullopt : std::optional(v); };
    m_db.prepare("INSERT INTO sources (id, app_id, account_id, secret, path, created_at) VALUES (?,?,?,?,?,?)")
            .bind(1, s.id).bind(2, orNull(s.appId)).bind(3, orNull(s.accountId)).bind(4, s.secret).bind(5, s.path)
            .bind(6, s.createdAt).run();
}

std::optional<SourceRecord> SourceRepository::byId(const std::string &id)
{
    auto st = m_db.prepare("SELECT id, app_id, secret, path, created_at, account_id FROM sources WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return SourceRecord{st.text(0), st.optionalText(1).value_or(""), st.text(2), st.text(3), st.text(4),
                        st.optionalText(5).value_or("")};
}

} // namespace dynodesk::store
