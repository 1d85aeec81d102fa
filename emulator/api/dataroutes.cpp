// The data API the CLI's `pg:*` commands call on the host of `HEROKU_DATA_HOST`, which keeps
// the scheme and port of the API URL: `/client/v11/...` (Bearer token) and `/postgres/v0/...`
// (Basic, the token as password). Shapes follow what the CLI v11 reads.
#include "apirouter.h"
#include "routehelpers.h"
#include "routes.h"

#include "platform/platform.h"

#include <cstdio>

namespace dynodesk::api {

using core::ApiError;
using nlohmann::json;

// `7.6 MB`, as the platform shows sizes.
static std::string humanBytes(int64_t bytes)
{
    const char *units[] = {"bytes", "kB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    char text[32];
    if (unit == 0)
        std::snprintf(text, sizeof text, "%lld bytes", static_cast<long long>(bytes));
    else
        std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
    return text;
}

// `2024-05-01T10:00:00Z` → `2024-05-01 10:00 UTC`.
static std::string shortTime(const std::string &iso)
{
    if (iso.size() < 16)
        return iso;
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

static json databaseView(const platform::DatabaseStatus &s)
{
    const auto &a = s.addon;
    const auto &st = s.stats;
    const auto url = a.config.find("URL");
    char share[32];
    std::snprintf(share, sizeof share, "%.2f%%",
                  s.plan.storageBytes > 0 ? 100.0 * static_cast<double>(st.dataSizeBytes) / static_cast<double>(s.plan.storageBytes) : 0.0);
    const std::string size = humanBytes(st.dataSizeBytes)
            + (s.plan.storageBytes > 0 ? " / " + std::to_string(s.plan.storageBytes / (1024LL * 1024 * 1024)) + " GB (" + share + ")" : "");
    const std::string tables = std::to_string(st.tables) + (s.plan.tableLimit > 0 ? "/" + std::to_string(s.plan.tableLimit) : "");
    auto row = [](const char *name, std::string value) { return json{{"name", name}, {"values", json::array({value})}}; };
    json info = json::array({
            row("Plan", s.plan.humanName),
            row("Status", "Available"),
            row("Connections", std::to_string(st.connections) + "/" + std::to_string(s.plan.connectionLimit)),
            row("PG Version", st.version),
            row("Created", shortTime(a.createdAt)),
            row("Data Size", size),
            row("Tables", tables),
            row("Fork/Follow", "Fork available, follow unsupported"),
            row("Rollback", "Unsupported"),
    });
    return {{"addon_id", a.id}, {"name", a.name}, {"app", {{"id", a.appId}, {"name", a.appName}}},
            {"plan", s.plan.name}, {"created_at", a.createdAt}, {"resource_url", url == a.config.end() ? "" : url->second},
            {"status", "Available"}, {"waiting?", false}, {"following", nullptr}, {"leader", nullptr}, {"forked_from", nullptr},
            {"num_bytes", st.dataSizeBytes}, {"num_tables", st.tables}, {"num_connections", st.connections},
            {"connection_limit", s.plan.connectionLimit}, {"postgres_version", st.version}, {"info", info}};
}

static json credentialView(const platform::DatabaseCredentials &c)
{
    return {{"uuid", c.addon.id}, {"name", "default"}, {"state", "active"}, {"database", c.database}, {"host", c.host},
            {"port", c.port},
            {"credentials", json::array({{{"user", c.user}, {"password", c.password}, {"state", "active"}, {"connections", 0}}})}};
}

static std::string backupName(const platform::DataTransfer &t)
{
    char name[32];
    std::snprintf(name, sizeof name, "%c%03lld", t.kind == "backup" ? 'b' : 'r', static_cast<long long>(t.num));
    return name;
}

static json transferView(const platform::DataTransfer &t, const platform::Platform &p)
{
    const bool backup = t.kind == "backup";
    json logs = json::array();
    for (const auto &l : t.logs)
        logs.push_back({{"created_at", l.createdAt}, {"level", "info"}, {"message", l.message}});
    auto optional = [](const std::optional<std::string> &v) { return v ? json(*v) : json(nullptr); };
    return {{"uuid", t.id}, {"num", t.num}, {"name", backupName(t)}, {"app", {{"id", t.appId}, {"name", t.appName}}},
            {"from_name", t.fromName}, {"from_type", backup ? "pg_dump" : "gof3r"},
            {"to_name", t.toName}, {"to_type", backup ? "gof3r" : "pg_restore"},
            {"to_url", backup ? json(p.data().backupUrl(t.id)) : json(nullptr)},
            {"options", json::object()}, {"schedule", nullptr}, {"warnings", 0},
            {"source_bytes", t.sourceBytes}, {"processed_bytes", t.processedBytes},
            {"succeeded", t.state == "succeeded"}, {"state", t.state},
            {"created_at", t.createdAt}, {"updated_at", t.updatedAt}, {"started_at", optional(t.startedAt)},
            {"finished_at", optional(t.finishedAt)}, {"canceled_at", nullptr}, {"deleted_at", nullptr}, {"logs", logs}};
}

static json message(const std::string &text) { return {{"message", text}}; }

void addDataRoutes(ApiRouter &r, platform::Platform &p)
{
    using detail::reply;
    using detail::replyList;
    auto transfer = [&p](const platform::DataTransfer &t) { return transferView(t, p); };

    r.addDataAsync("GET", "/client/v11/databases/{database}", "data-database", [&p](ApiContext &ctx, ApiDone done) {
        p.data().databaseStatus(ctx.who(), ctx.param("database"), [done](core::Result<platform::DatabaseStatus> s) {
            done(reply(std::move(s), databaseView));
        });
    });
    r.addData("GET", "/client/v11/databases/{database}/wait_status", "data-database", [&p](ApiContext &ctx) {
        return reply(p.data().database(ctx.who(), ctx.param("database")), [](const platform::Addon &) {
            return json{{"waiting?", false}, {"message", "Available"}};
        });
    });
    r.addDataAsync("PUT", "/client/v11/databases/{database}/reset", "data-database", [&p](ApiContext &ctx, ApiDone done) {
        p.data().resetDatabase(ctx.who(), ctx.param("database"), [done](core::Result<platform::Addon> a) {
            done(reply(std::move(a), [](const platform::Addon &db) { return message("Reset " + db.name + ": all data is gone."); }));
        });
    });
    r.addDataAsync("POST", "/client/v11/databases/{database}/connection_reset", "data-database",
                   [&p](ApiContext &ctx, ApiDone done) {
                       p.data().killDatabaseConnections(ctx.who(), ctx.param("database"), [done](core::Result<platform::Addon> a) {
                           done(reply(std::move(a), [](const platform::Addon &db) {
                               return message("Terminated the connections to " + db.name + ".");
                           }));
                       });
                   });

    // Credentials: the one `default` credential of each database.
    auto credential = [&p](ApiContext &ctx) -> core::Result<ApiReply> {
        if (ctx.param("credential") != "default")
            return ApiError::notFound("Couldn't find that credential: the emulator's databases have the default one only.");
        return reply(p.data().databaseCredentials(ctx.who(), ctx.param("database")), credentialView);
    };
    r.addData("GET", "/postgres/v0/databases/{database}/credentials/{credential}", "data-credential", credential);
    r.addData("GET", "/postgres/v0/databases/{database}/credentials", "data-credential", [&p](ApiContext &ctx) {
        auto c = p.data().databaseCredentials(ctx.who(), ctx.param("database"));
        if (!c)
            return core::Result<ApiReply>(c.error());
        return core::Result<ApiReply>(ApiReply{200, json::array({credentialView(*c)}), {}});
    });
    auto rotate = [&p](ApiContext &ctx, ApiDone done) {
        if (!ctx.param("credential").empty() && ctx.param("credential") != "default")
            return done(ApiError::notFound("Couldn't find that credential: the emulator's databases have the default one only."));
        p.data().rotateDatabaseCredentials(ctx.who(), ctx.param("database"), [done](core::Result<platform::Addon> a) {
            done(reply(std::move(a), [](const platform::Addon &db) { return message("Rotated the credentials of " + db.name + "."); }));
        });
    };
    r.addDataAsync("POST", "/postgres/v0/databases/{database}/credentials_rotation", "data-credential", rotate);
    r.addDataAsync("POST", "/postgres/v0/databases/{database}/credentials/{credential}/credentials_rotation", "data-credential",
                   rotate);

    // Backups and restores: transfers under the database's owning app.
    r.addData("POST", "/client/v11/databases/{database}/backups", "data-transfer", [&p, transfer](ApiContext &ctx) {
        return reply(p.data().captureBackup(ctx.who(), ctx.param("database")), transfer, 201);
    });
    r.addData("POST", "/client/v11/databases/{database}/restores", "data-transfer",
              [&p, transfer](ApiContext &ctx) -> core::Result<ApiReply> {
                  auto url = optionalString(ctx.body, "backup_url");
                  if (!url)
                      return ApiError::invalidParams("Missing backup_url: name the backup to restore.");
                  return reply(p.data().restoreBackup(ctx.who(), ctx.param("database"), *url), transfer, 201);
              });
    r.addData("GET", "/client/v11/apps/{app}/transfers", "data-transfer", [&p, transfer](ApiContext &ctx) -> core::Result<ApiReply> {
        auto list = p.data().dataTransfers(ctx.who(), ctx.param("app"));
        if (!list)
            return list.error();
        json items = json::array();
        for (const auto &t : *list)
            items.push_back(transfer(t));
        return ApiReply{200, items, {}};
    });
    r.addData("GET", "/client/v11/apps/{app}/transfers/{transfer}", "data-transfer", [&p, transfer](ApiContext &ctx) {
        return reply(p.data().dataTransfer(ctx.who(), ctx.param("app"), ctx.param("transfer")), transfer);
    });
    r.addData("DELETE", "/client/v11/apps/{app}/transfers/{transfer}", "data-transfer", [&p, transfer](ApiContext &ctx) {
        return reply(p.data().deleteDataTransfer(ctx.who(), ctx.param("app"), ctx.param("transfer")), transfer);
    });
    r.addData("POST", "/client/v11/apps/{app}/transfers/{transfer}/actions/public-url", "data-transfer", [&p](ApiContext &ctx) {
        return reply(p.data().backupPublicUrl(ctx.who(), ctx.param("app"), ctx.param("transfer")), [](const platform::BackupUrl &u) {
            return json{{"url", u.url}, {"expires_at", u.expiresAt}};
        });
    });
}

} // namespace dynodesk::api
