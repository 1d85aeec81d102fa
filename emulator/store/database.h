#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace dynodesk::store {

class Database;

// A prepared statement from the database's cache, reset when this handle dies.
class Statement final {
public:
    Statement(sqlite3_stmt *stmt, Database *db);
    Statement(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement();

    Statement &bind(int index, std::string_view text);
    Statement &bind(int index, const char *text) { return bind(index, std::string_view(text)); }
    Statement &bind(int index, const std::string &text) { return bind(index, std::string_view(text)); }
    Statement &bind(int index, int64_t value);
    Statement &bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Statement &bind(int index, bool value) { return bind(index, static_cast<int64_t>(value)); }
    Statement &bind(int index, const std::optional<std::string> &text);
    Statement &bindNull(int index);

    // Steps once: true while a row is available. Throws StoreError on failure.
    bool step();
    // Runs a statement that returns no rows.
    void run();

    std::string text(int column) const;
    std::optional<std::string> optionalText(int column) const;
    int64_t integer(int column) const;
    bool isNull(int column) const;

private:
    sqlite3_stmt *m_stmt;
    Database *m_db;
};

// Store failures inside the store are exceptions; the platform turns them into ApiError values
// before they leave the core.
class StoreError final : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One SQLite database in WAL mode, owned by one thread at a time.
class Database final {
public:
    // Opens (creating if needed) the database at `path` and brings its schema up to date.
    explicit Database(const std::string &path);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Statement prepare(std::string_view sql);
    void exec(const std::string &sql);
    int64_t changes() const;
    int schemaVersion();

    sqlite3 *handle() const { return m_db; }
    [[noreturn]] void fail(std::string_view what) const;

private:
    void migrate();

    sqlite3 *m_db = nullptr;
    std::unordered_map<std::string, sqlite3_stmt *> m_cache;
};

// Every row of a statement, read by `read(statement)`.
template <typename Reader>
auto collect(Statement &st, Reader read) -> std::vector<decltype(read(st))>
{
    std::vector<decltype(read(st))> out;
    while (st.step())
        out.push_back(read(st));
    return out;
}

// The first row, if any.
template <typename Reader>
auto first(Statement &st, Reader read) -> std::optional<decltype(read(st))>
{
    if (!st.step())
        return std::nullopt;
    return read(st);
}

// `BEGIN IMMEDIATE` on construction; rolls back on destruction unless committed. Nested use
// joins the outer transaction.
class Transaction final {
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    Database &m_db;
    bool m_outer;
    bool m_done = false;
};

} // namespace dynodesk::store
