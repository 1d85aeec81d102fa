#pragma once

#include "database.h"
#include "records.h"

#include <optional>
#include <string>
#include <vector>

namespace dynodesk::store {

// Add-ons, owned by one app each (deleted with it).
class AddonRepository final {
public:
    explicit AddonRepository(Database &db) : m_db(db) {}
    void insert(const AddonRecord &a);
    std::optional<AddonRecord> byIdOrName(const std::string &idOrName);
    std::vector<AddonRecord> listFor(const std::string &appId);
    std::vector<AddonRecord> all();
    std::vector<AddonRecord> inState(const std::string &state);
    // State, config, message and plan as `a` has them, with its updated_at.
    void update(const AddonRecord &a);
    void rename(const std::string &id, const std::string &name, const std::string &updatedAt);
    void remove(const std::string &id);

private:
    Database &m_db;
};

// Attachments of add-ons to apps; an app's attachment names are unique.
class AttachmentRepository final {
public:
    explicit AttachmentRepository(Database &db) : m_db(db) {}
    void insert(const AttachmentRecord &a);
    std::optional<AttachmentRecord> byId(const std::string &id);
    std::optional<AttachmentRecord> find(const std::string &appId, const std::string &name);
    std::vector<AttachmentRecord> listForApp(const std::string &appId);
    std::vector<AttachmentRecord> listForAddon(const std::string &addonId);
    std::vector<AttachmentRecord> all();
    std::vector<std::string> namesForApp(const std::string &appId);
    void remove(const std::string &id);

private:
    Database &m_db;
};

} // namespace dynodesk::store
