#include "logrepository.h"

namespace dynodesk::store {

std::vector<FeatureRecord> FeatureRepository::listFor(const std::string &appId)
{
    auto st = m_db.prepare("SELECT app_id, name, enabled, created_at, updated_at FROM app_features WHERE app_id = ?");
    st.bind(1, appId);
    return collect(st, [](const Statement &s) {
        return FeatureRecord{s.text(0), s.text(1), s.integer(2) != 0, s.text(3), s.text(4)};
    });
}

void FeatureRepository::set(const FeatureRecord &f)
{
    m_db.prepare("INSERT INTO app_features (app_id, name, enabled, created_at, updated_at) VALUES (?,?,?,?,?) "
                 "ON CONFLICT (app_id, name) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at")
            .bind(1, f.appId).bind(2, f.name).bind(3, static_cast<int64_t>(f.enabled)).bind(4, f.createdAt)
            .bind(5, f.updatedAt).run();
}

static constexpr const char *kDrainColumns = "SELECT d.id, d.app_id, a.name, d.url, d.token, d.created_at, d.updated_at "
                                             "FROM log_drains d JOIN apps a ON a.id = d.app_id ";

static DrainRecord readDrain(const Statement &s)
{
    return {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)};
}

void DrainRepository::insert(const DrainRecord &d)
{
    m_db.prepare("INSERT INTO log_drains (id, app_id, url, token, created_at, updated_at) VALUES (?,?,?,?,?,?)")
            .bind(1, d.id).bind(2, d.appId).bind(3, d.url).bind(4, d.token).bind(5, d.createdAt).bind(6, d.updatedAt).run();
}

std::vector<DrainRecord> DrainRepository::listFor(const std::string &appId)
{
    auto st = m_db.prepare(std::string(kDrainColumns) + "WHERE d.app_id = ? ORDER BY d.created_at, d.rowid");
    st.bind(1, appId);
    return collect(st, readDrain);
}

std::vector<DrainRecord> DrainRepository::all()
{
    auto st = m_db.prepare(std::string(kDrainColumns) + "ORDER BY d.created_at, d.rowid");
    return collect(st, readDrain);
}

std::optional<DrainRecord> DrainRepository::find(const std::string &appId, const std::string &idOrUrl)
{
    auto st = m_db.prepare(std::string(kDrainColumns) + "WHERE d.app_id = ? AND (d.id = ? OR d.url = ? OR d.token = ?)");
    st.bind(1, appId).bind(2, idOrUrl).bind(3, idOrUrl).bind(4, idOrUrl);
    return first(st, readDrain);
}

void DrainRepository::remove(const std::string &id) { m_db.prepare("DELETE FROM log_drains WHERE id = ?").bind(1, id).run(); }

} // namespace dynodesk::store
