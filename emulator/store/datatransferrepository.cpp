#include "datatransferrepository.h"

#include <nlohmann/json.hpp>

namespace dynodesk::store {

static constexpr const char *kColumns =
        "SELECT t.id, t.app_id, a.name, t.num, t.kind, t.addon_id, t.from_name, t.to_name, t.state, t.file, t.source_id, "
        "t.source_bytes, t.processed_bytes, t.logs, t.created_at, t.updated_at, t.started_at, t.finished_at "
        "FROM data_transfers t JOIN apps a ON a.id = t.app_id ";

static std::string logsJson(const std::vector<DataTransferLog> &logs)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto &l : logs)
        out.push_back({{"created_at", l.createdAt}, {"message", l.message}});
    return out.dump();
}

static DataTransferRecord readTransfer(const Statement &s)
{
    DataTransferRecord t;
    t.id = s.text(0);
    t.appId = s.text(1);
    t.appName = s.text(2);
    t.num = s.integer(3);
    t.kind = s.text(4);
    t.addonId = s.text(5);
    t.fromName = s.text(6);
    t.toName = s.text(7);
    t.state = s.text(8);
    t.file = s.optionalText(9);
    t.sourceId = s.optionalText(10);
    t.sourceBytes = s.integer(11);
    t.processedBytes = s.integer(12);
    for (const auto &l : nlohmann::json::parse(s.text(13)))
        t.logs.push_back({l.value("created_at", ""), l.value("message", "")});
    t.createdAt = s.text(14);
    t.updatedAt = s.text(15);
    t.startedAt = s.optionalText(16);
    t.finishedAt = s.optionalText(17);
    return t;
}

void DataTransferRepository::insert(const DataTransferRecord &t)
{
    m_db.prepare("INSERT INTO data_transfers (id, app_id, num, kind, addon_id, from_name, to_name, state, file, source_id, "
                 "source_bytes, processed_bytes, logs, created_at, updated_at, started_at, finished_at) "
                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
            .bind(1, t.id).bind(2, t.appId).bind(3, t.num).bind(4, t.kind).bind(5, t.addonId).bind(6, t.fromName)
            .bind(7, t.toName).bind(8, t.state).bind(9, t.file).bind(10, t.sourceId).bind(11, t.sourceBytes)
            .bind(12, t.processedBytes).bind(13, logsJson(t.logs)).bind(14, t.createdAt).bind(15, t.updatedAt)
            .bind(16, t.startedAt).bind(17, t.finishedAt).run();
}

void DataTransferRepository::update(const DataTransferRecord &t)
{
    m_db.prepare("UPDATE data_transfers SET state = ?, file = ?, source_bytes = ?, processed_bytes = ?, logs = ?, "
                 "updated_at = ?, started_at = ?, finished_at = ? WHERE id = ?")
            .bind(1, t.state).bind(2, t.file).bind(3, t.sourceBytes).bind(4, t.processedBytes).bind(5, logsJson(t.logs))
            .bind(6, t.updatedAt).bind(7, t.startedAt).bind(8, t.finishedAt).bind(9, t.id).run();
}

std::optional<DataTransferRecord> DataTransferRepository::byId(const std::string &id)
{
    auto st = m_db.prepare(std::string(kColumns) + "WHERE t.id = ? AND t.deleted_at IS NULL");
    st.bind(1, id);
    return first(st, readTransfer);
}

std::optional<DataTransferRecord> DataTransferRepository::find(const std::string &appId, const std::string &idOrNum)
{
    auto st = m_db.prepare(std::string(kColumns)
                           + "WHERE t.app_id = ? AND t.deleted_at IS NULL AND (t.id = ? OR CAST(t.num AS TEXT) = ?)");
    st.bind(1, appId).bind(2, idOrNum).bind(3, idOrNum);
    return first(st, readTransfer);
}

std::vector<DataTransferRecord> DataTransferRepository::listForApp(const std::string &appId)
{
    auto st = m_db.prepare(std::string(kColumns) + "WHERE t.app_id = ? AND t.deleted_at IS NULL ORDER BY t.num");
    st.bind(1, appId);
    return collect(st, readTransfer);
}

std::vector<DataTransferRecord> DataTransferRepository::unfinished()
{
    auto st = m_db.prepare(std::string(kColumns) + "WHERE t.state IN ('pending', 'running') ORDER BY t.created_at");
    return collect(st, readTransfer);
}

std::vector<std::string> DataTransferRepository::filesForApp(const std::string &appId)
{
    auto st = m_db.prepare("SELECT file FROM data_transfers WHERE app_id = ? AND file IS NOT NULL");
    st.bind(1, appId);
    return collect(st, [](const Statement &s) { return s.text(0); });
}

int64_t DataTransferRepository::nextNum(const std::string &appId)
{
    auto st = m_db.prepare("SELECT COALESCE(MAX(num), 0) + 1 FROM data_transfers WHERE app_id = ?");
    st.bind(1, appId);
    st.step();
    return st.integer(0);
}

void DataTransferRepository::markDeleted(const std::string &id, const std::string &at)
{
    m_db.prepare("UPDATE data_transfers SET deleted_at = ?, updated_at = ? WHERE id = ?").bind(1, at).bind(2, at).bind(3, id).run();
}

} // namespace dynodesk::store
