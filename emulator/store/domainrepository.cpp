#include "domainrepository.h"

namespace dynodesk::store {

static constexpr const char *kColumns = "SELECT d.id, d.app_id, a.name, d.hostname, d.cname, d.status, d.created_at, "
                                        "d.updated_at FROM domains d JOIN apps a ON a.id = d.app_id ";

static DomainRecord readDomain(const Statement &s)
{
    return {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7)};
}

void DomainRepository::insert(const DomainRecord &d)
{
    m_db.prepare("INSERT INTO domains (id, app_id, hostname, cname, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?)")
            .bind(1, d.id).bind(2, d.appId).bind(3, d.hostname).bind(4, d.cname).bind(5, d.status).bind(6, d.createdAt)
            .bind(7, d.updatedAt).run();
}

std::vector<DomainRecord> DomainRepository::listFor(const std::string &appId)
{
    auto st = m_db.prepare(std::string(kColumns) + "WHERE d.app_id = ? ORDER BY d.created_at, d.rowid");
    st.bind(1, appId);
    return collect(st, readDomain);
}

std::vector<DomainRecord> DomainRepository::all()
{
    auto st = m_db.prepare(std::string(kColumns) + "ORDER BY d.app_id, d.created_at, d.rowid");
    return collect(st, readDomain);
}

std::optional<DomainRecord> DomainRepository::find(const std::string &appId, const std::string &idOrHostname)
{
    auto st = m_db.prepare(std::string(kColumns) + "WHERE d.app_id = ? AND (d.id = ? OR d.hostname = lower(?))");
    st.bind(1, appId).bind(2, idOrHostname).bind(3, idOrHostname);
    return first(st, readDomain);
}

std::optional<DomainRecord> DomainRepository::byHostname(const std::string &hostname)
{
    auto st = m_db.prepare(std::string(kColumns) + "WHERE d.hostname = lower(?)");
    st.bind(1, hostname);
    return first(st, readDomain);
}

void DomainRepository::remove(const std::string &id) { m_db.prepare("DELETE FROM domains WHERE id = ?").bind(1, id).run(); }

} // namespace dynodesk::store
