#include "storecopy.h"

#include <QFile>

#include <sqlite3.h>

#include <memory>

namespace dynodesk::snapshot {

using core::ApiError;

namespace {

struct Closer {
    void operator()(sqlite3 *db) const { sqlite3_close(db); }
};
using Db = std::unique_ptr<sqlite3, Closer>;

core::Result<Db> open(const QString &file)
{
    sqlite3 *raw = nullptr;
    const QByteArray path = QFile::encodeName(file);
    const int rc = sqlite3_open_v2(path.constData(), &raw, SQLITE_OPEN_READWRITE, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK)
        return ApiError::internal("Cannot open the store " + file.toStdString() + ": "
                                  + (raw ? sqlite3_errmsg(raw) : "out of memory"));
    sqlite3_busy_timeout(raw, 10000);
    return db;
}

// Runs one statement with text parameters.
core::Status run(sqlite3 *db, const char *sql, const QStringList &params)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
        return ApiError::internal(std::string("The store refused a statement: ") + sqlite3_errmsg(db));
    for (int i = 0; i < params.size(); ++i) {
        const QByteArray v = params[i].toUtf8();
        sqlite3_bind_text(stmt, i + 1, v.constData(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    }
    const int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return ApiError::internal(std::string("The store failed: ") + sqlite3_errmsg(db));
    return core::Done{};
}

} // namespace

// The last component of a path column, in SQL: the column without everything up to its last '/'.
#define BASENAME(col) "replace(" col ", rtrim(" col ", replace(" col ", '/', '')), '')"

core::Status StoreCopy::backup(const QString &storeFile, const QString &copy)
{
    if (!QFile::exists(storeFile))
        return ApiError::notFound("There is no store in " + storeFile.toStdString() + ".");
    auto db = open(storeFile);
    if (!db)
        return db.error();
    return run(db->get(), "VACUUM INTO ?1", {copy});
}

core::Status StoreCopy::relocate(const QString &storeFile, const QString &toDataDir, const QString &backupsDir)
{
    auto db = open(storeFile);
    if (!db)
        return db.error();
    // Each file keeps its name (`<slug id>.tgz`, `<source id>.tgz`, `<transfer id>.dump`) in the
    // same folder of the new data dir, or in the new cluster's backups directory.
    const QString slugs = toDataDir + QStringLiteral("/slugs");
    const QString sources = toDataDir + QStringLiteral("/sources");
    for (const auto &[sql, dir] : {std::pair{"UPDATE slugs SET path = ?1 || '/' || " BASENAME("path"), slugs},
                                   std::pair{"UPDATE sources SET path = ?1 || '/' || " BASENAME("path"), sources},
                                   std::pair{"UPDATE data_transfers SET file = ?1 || '/' || " BASENAME("file")
                                             " WHERE file IS NOT NULL AND file <> ''", backupsDir}})
        if (!dir.isEmpty())
            if (auto done = run(db->get(), sql, {dir}); !done)
                return done;
    return core::Done{};
}

#undef BASENAME

} // namespace dynodesk::snapshot
