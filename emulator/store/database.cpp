#include "database.h"
#include "migrations.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dynodesk::store {

Statement::Statement(sqlite3_stmt *stmt, Database *db) : m_stmt(stmt), m_db(db) {}

Statement::Statement(Statement &&other) noexcept : m_stmt(other.m_stmt), m_db(other.m_db)
{
    other.m_stmt = nullptr;
}

Statement::~Statement()
{
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
}

Statement &Statement::bind(int index, std::string_view text)
{
    if (sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        m_db->fail("bind");
    return *this;
}

Statement &Statement::bind(int index, int64_t value)
{
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK)
        m_db->fail("bind");
    return *this;
}

Statement &Statement::bind(int index, const std::optional<std::string> &text)
{
    return text ? bind(index, std::string_view(*text)) : bindNull(index);
}

Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    m_db->fail("step");
}

void Statement::run()
{
    while (step()) {
    }
}

std::string Statement::text(int column) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

std::optional<std::string> Statement::optionalText(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return text(column);
}

int64_t Statement::integer(int column) const { return sqlite3_column_int64(m_stmt, column); }

bool Statement::isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

// The store holds every account's tokens: readable by the server's user only. SQLite gives its
// -wal and -shm files the mode of the database file.
static void restrictToOwner(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0)
        ::close(fd);
    for (const char *suffix : {"", "-wal", "-shm"})
        ::chmod((path + suffix).c_str(), 0600);
}

Database::Database(const std::string &path)
{
    if (path != ":memory:" && !path.empty())
        restrictToOwner(path);
    if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        const std::string msg = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw StoreError("cannot open " + path + ": " + msg);
    }
    // Other processes (`dynodesk-server accounts:add`) may write while we run: wait for them.
    sqlite3_busy_timeout(m_db, 5000);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
    exec("PRAGMA foreign_keys=ON");
    migrate();
}

Database::~Database()
{
    for (auto &[sql, stmt] : m_cache)
        sqlite3_finalize(stmt);
    sqlite3_close(m_db);
}

Statement Database::prepare(std::string_view sql)
{
    auto it = m_cache.find(std::string(sql));
    if (it == m_cache.end()) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                               nullptr) != SQLITE_OK)
            fail("prepare: " + std::string(sql));
        it = m_cache.emplace(std::string(sql), stmt).first;
    }
    return Statement(it->second, this);
}

void Database::exec(const std::string &sql)
{
    char *err = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw StoreError(msg + " in: " + sql);
    }
}

int64_t Database::changes() const { return sqlite3_changes64(m_db); }

int Database::schemaVersion()
{
    auto st = prepare("PRAGMA user_version");
    st.step();
    return static_cast<int>(st.integer(0));
}

void Database::fail(std::string_view what) const
{
    throw StoreError(std::string(what) + ": " + sqlite3_errmsg(m_db));
}

void Database::migrate()
{
    const auto &steps = migrations();
    for (int version = schemaVersion(); version < static_cast<int>(steps.size()); ++version) {
        Transaction tx(*this);
        exec(steps[static_cast<size_t>(version)]);
        exec("PRAGMA user_version=" + std::to_string(version + 1));
        tx.commit();
    }
}

Transaction::Transaction(Database &db) : m_db(db), m_outer(sqlite3_get_autocommit(db.handle()) != 0)
{
    if (m_outer)
        m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (m_outer && !m_done)
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    if (m_outer && !m_done)
        m_db.exec("COMMIT");
    m_done = true;
}

} // namespace dynodesk::store
