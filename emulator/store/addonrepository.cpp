#include "addonrepository.h"

#include <nlohmann/json.hpp>

namespace dynodesk::store {

static constexpr const char *kAddonColumns =
        "SELECT d.id, d.name, d.app_id, a.name, a.owner_id, d.service, d.plan, d.state, d.provider_id, d.config, "
        "d.provision_message, d.attach_as, d.created_by, d.created_at, d.updated_at "
        "FROM addons d JOIN apps a ON a.id = d.app_id ";

static AddonRecord readAddon(const Statement &s)
{
    AddonRecord r{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8),
                  nlohmann::json::parse(s.text(9)).get<ConfigMap>(), s.optionalText(10), s.optionalText(11),
                  s.text(12), s.text(13), s.text(14)};
    return r;
}

void AddonRepository::insert(const AddonRecord &a)
{
    m_db.prepare("INSERT INTO addons (id, name, app_id, service, plan, state, provider_id, config, provision_message, "
                 "attach_as, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
            .bind(1, a.id).bind(2, a.name).bind(3, a.appId).bind(4, a.service).bind(5, a.plan).bind(6, a.state)
            .bind(7, a.providerId).bind(8, nlohmann::json(a.config).dump()).bind(9, a.provisionMessage)
            .bind(10, a.attachAs).bind(11, a.createdBy).bind(12, a.createdAt).bind(13, a.updatedAt).run();
}

std::optional<AddonRecord> AddonRepository::byIdOrName(const std::string &idOrName)
{
    auto st = m_db.prepare(std::string(kAddonColumns) + "WHERE d.id = ? OR d.name = ?");
    st.bind(1, idOrName).bind(2, idOrName);
    return first(st, readAddon);
}

std::vector<AddonRecord> AddonRepository::listFor(const std::string &appId)
{
    auto st = m_db.prepare(std::string(kAddonColumns) + "WHERE d.app_id = ? ORDER BY d.created_at, d.rowid");
    st.bind(1, appId);
    return collect(st, readAddon);
}

std::vector<AddonRecord> AddonRepository::all()
{
    auto st = m_db.prepare(std::string(kAddonColumns) + "ORDER BY d.created_at, d.rowid");
    return collect(st, readAddon);
}

std::vector<AddonRecord> AddonRepository::inState(const std::string &state)
{
    auto st = m_db.prepare(std::string(kAddonColumns) + "WHERE d.state = ? ORDER BY d.created_at, d.rowid");
    st.bind(1, state);
    return collect(st, readAddon);
}

void AddonRepository::update(const AddonRecord &a)
{
    m_db.prepare("UPDATE addons SET plan = ?, state = ?, config = ?, provision_message = ?, attach_as = ?, updated_at = ? "
                 "WHERE id = ?")
            .bind(1, a.plan).bind(2, a.state).bind(3, nlohmann::json(a.config).dump()).bind(4, a.provisionMessage)
            .bind(5, a.attachAs).bind(6, a.updatedAt).bind(7, a.id).run();
}

void AddonRepository::rename(const std::string &id, const std::string &name, const std::string &updatedAt)
{
    m_db.prepare("UPDATE addons SET name = ?, updated_at = ? WHERE id = ?").bind(1, name).bind(2, updatedAt).bind(3, id).run();
}

void AddonRepository::remove(const std::string &id) { m_db.prepare("DELETE FROM addons WHERE id = ?").bind(1, id).run(); }

static constexpr const char *kAttachmentColumns =
        "SELECT t.id, t.addon_id, d.name, d.app_id, da.name, t.app_id, a.name, t.name, t.namespace, t.created_at, "
        "t.updated_at, d.service, d.plan FROM addon_attachments t JOIN addons d ON d.id = t.addon_id JOIN apps da ON da.id = d.app_id "
        "JOIN apps a ON a.id = t.app_id ";

static AttachmentRecord readAttachment(const Statement &s)
{
    return {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.optionalText(8),
            s.text(9), s.text(10), s.text(11), s.text(12)};
}

void AttachmentRepository::insert(const AttachmentRecord &a)
{
    m_db.prepare("INSERT INTO addon_attachments (id, addon_id, app_id, name, namespace, created_at, updated_at) "
                 "VALUES (?,?,?,?,?,?,?)")
            .bind(1, a.id).bind(2, a.addonId).bind(3, a.appId).bind(4, a.name).bind(5, a.ns).bind(6, a.createdAt)
            .bind(7, a.updatedAt).run();
}

std::optional<AttachmentRecord> AttachmentRepository::byId(const std::string &id)
{
    auto st = m_db.prepare(std::string(kAttachmentColumns) + "WHERE t.id = ?");
    st.bind(1, id);
    return first(st, readAttachment);
}

std::optional<AttachmentRecord> AttachmentRepository::find(const std::string &appId, const std::string &name)
{
    auto st = m_db.prepare(std::string(kAttachmentColumns) + "WHERE t.app_id = ? AND t.name = ?");
    st.bind(1, appId).bind(2, name);
    return first(st, readAttachment);
}

std::vector<AttachmentRecord> AttachmentRepository::listForApp(const std::string &appId)
{
    auto st = m_db.prepare(std::string(kAttachmentColumns) + "WHERE t.app_id = ? ORDER BY t.created_at, t.rowid");
    st.bind(1, appId);
    return collect(st, readAttachment);
}

std::vector<AttachmentRecord> AttachmentRepository::listForAddon(const std::string &addonId)
{
    auto st = m_db.prepare(std::string(kAttachmentColumns) + "WHERE t.addon_id = ? ORDER BY t.created_at, t.rowid");
    st.bind(1, addonId);
    return collect(st, readAttachment);
}

std::vector<AttachmentRecord> AttachmentRepository::all()
{
    auto st = m_db.prepare(std::string(kAttachmentColumns) + "ORDER BY t.created_at, t.rowid");
    return collect(st, readAttachment);
}

std::vector<std::string> AttachmentRepository::namesForApp(const std::string &appId)
{
    auto st = m_db.prepare("SELECT name FROM addon_attachments WHERE app_id = ? ORDER BY created_at, rowid");
    st.bind(1, appId);
    return collect(st, [](const Statement &s) { return s.text(0); });
}

void AttachmentRepository::remove(const std::string &id)
{
    m_db.prepare("DELETE FROM addon_attachments WHERE id = ?").bind(1, id).run();
}

} // namespace dynodesk::store
