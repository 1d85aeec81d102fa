#include "streamroutes.h"

#include "logs/logplex.h"
#include "git/pushpolicy.h"
#include "platform/builds/deployer.h"
#include "platform/platform.h"
#include "core/ids.h"

#include <QFile>
#include <QUrlQuery>

#include <atomic>
#include <cstdio>
#include <functional>

#include <nlohmann/json.hpp>

namespace dynodesk::api {

using nlohmann::json;

static HttpResponse text(int status, const std::string &body)
{
    return {status, {{"Content-Type", "text/plain; charset=utf-8"}}, body + "\n"};
}

// Reads a whole (small) body, then calls `done(body, ok)`.
static void readAll(const std::shared_ptr<HttpExchange> &ex, std::function<void(std::string, bool)> done,
                    std::shared_ptr<std::string> sofar = std::make_shared<std::string>())
{
    ex->readBody([ex, done, sofar](std::string piece, bool last, bool ok) {
        if (!ok || sofar->size() + piece.size() > 1024 * 1024)
            return done({}, false);
        *sofar += piece;
        if (last)
            return done(std::move(*sofar), true);
        readAll(ex, done, sofar);
    });
}

// Streams an output to the exchange: each line, then (for the hook) the exit line.
static void follow(const std::shared_ptr<HttpExchange> &ex, const std::shared_ptr<build::BuildOutput> &out, bool exitLine)
{
    ex->begin(200, {{"Content-Type", "text/plain; charset=utf-8"}, {"Cache-Control", "no-cache"}});
    out->subscribe([ex](const std::string &line) { ex->write(line + "\n"); },
                   [ex, exitLine](int code) {
                       if (exitLine)
                           ex->write("dynodesk-hook-exit: " + std::to_string(code) + "\n");
                       ex->end();
                   });
}

// Points the repository's HEAD at `branch`, as `git symbolic-ref HEAD refs/heads/<branch>` does:
// HEAD.lock written and renamed over HEAD, without a sync to disk (git does not sync HEAD either;
// on the core thread a sync waited behind every other build's writes). Most pushes find HEAD
// already pointing there and write nothing.
static void setHead(const std::string &gitDir, const std::string &branch)
{
    const QString path = QString::fromStdString(gitDir + "/HEAD");
    const QByteArray content = QByteArray::fromStdString("ref: refs/heads/" + branch + "\n");
    QFile current(path);
    if (current.open(QIODevice::ReadOnly) && current.readAll() == content)
        return;
    QFile lock(path + QStringLiteral(".lock"));
    if (!lock.open(QIODevice::WriteOnly | QIODevice::Truncate) || lock.write(content) != content.size()) {
        lock.remove();
        return;
    }
    lock.close();
    if (::rename(QFile::encodeName(lock.fileName()).constData(), QFile::encodeName(path).constData()) != 0)
        lock.remove();
}

static void gitHook(const std::shared_ptr<HttpExchange> &ex, const StreamContext &ctx)
{
    readAll(ex, [ex, ctx](std::string body, bool ok) {
        const json request = json::parse(body, nullptr, false);
        if (!ok || !request.is_object() || request.value("secret", "") != ctx.hookSecret || ctx.hookSecret.empty())
            return ex->respond(text(403, "not a hook of this emulator"));
        ctx.onCore([ex, ctx, request] {
            auto &p = *ctx.platform;
            auto actor = p.accounts().actorById(request.value("user_id", ""));
            const std::string appId = request.value("app_id", "");
            std::vector<git::RefUpdate> updates;
            for (const auto &u : request["updates"])
                updates.push_back({u.value("ref", ""), u.value("old", ""), u.value("new", "")});
            const git::PushPlan plan = git::planPush(updates);
            if (!actor || !plan.deploys()) {
                ex->begin(200, {{"Content-Type", "text/plain; charset=utf-8"}});
                for (const auto &n : plan.notes)
                    ex->write(n + "\n");
                ex->write(std::string("dynodesk-hook-exit: ") + (plan.refused || !actor ? "1" : "0") + "\n");
                return ex->end();
            }
            build::Env gitEnv;
            if (request.contains("git_env"))
                for (const auto &[k, v] : request["git_env"].items())
                    gitEnv[k] = v.get<std::string>();
            // Clones check out the branch that deploys: HEAD names it, written as `git symbolic-ref`
            // writes it (a lock file renamed over HEAD), without a process the core would wait for.
            setHead(ctx.deployer->paths().repo(appId), plan.deployBranch);
            auto started = ctx.deployer->deployCommit(*actor, appId, plan.deployCommit, gitEnv);
            if (!started) {
                ex->begin(200, {{"Content-Type", "text/plain; charset=utf-8"}});
                ex->write(" !     " + started.error().message + "\n");
                ex->write("dynodesk-hook-exit: 1\n");
                return ex->end();
            }
            for (const auto &n : plan.notes)
                started->output->append(n);
            follow(ex, started->output, true);
        });
    });
}

// GET /streams/builds/<id>.log and /streams/releases/<id>.log: a build's or a release
// phase's output, followed live.
static void outputStream(const std::shared_ptr<HttpExchange> &ex, const StreamContext &ctx)
{
    const std::string path = ex->request().path();
    const bool release = path.starts_with("/streams/releases/");
    std::string id = path.substr(path.find('/', 9) + 1);
    if (id.size() > 4 && id.ends_with(".log"))
        id.resize(id.size() - 4);
    ctx.onCore([ex, ctx, id, release] {
        auto out = release ? ctx.deployer->releaseOutput(id) : ctx.deployer->output(id);
        if (!out)
            return ex->respond(text(404, release ? "no such release output" : "no such build output"));
        follow(ex, out, false);
    });
}

static void writeFileChunks(const std::shared_ptr<HttpExchange> &ex, const std::shared_ptr<QFile> &file)
{
    const QByteArray piece = file->read(64 * 1024);
    if (piece.isEmpty())
        return ex->end();
    ex->write(piece.toStdString(), [ex, file](bool ok) {
        if (ok)
            writeFileChunks(ex, file);
    });
}

// An upload of at most `limit` bytes into `file`; `received` answers it once it is whole.
struct Upload final {
    std::shared_ptr<QFile> file;
    uint64_t limit = 0;
    std::string tooLarge;
    std::function<void()> received;
};

static void receiveFile(const std::shared_ptr<HttpExchange> &ex, const Upload &upload)
{
    ex->readBody([ex, upload](std::string piece, bool last, bool ok) {
        const auto &file = upload.file;
        if (ok && !piece.empty())
            ok = file->write(piece.data(), static_cast<qint64>(piece.size())) == static_cast<qint64>(piece.size());
        if (ok && static_cast<uint64_t>(file->size()) > upload.limit) {
            file->remove();
            return ex->respond(text(413, upload.tooLarge));
        }
        if (!ok) {
            file->remove();
            return ex->respond(text(400, "The upload could not be read."));
        }
        if (!last)
            return receiveFile(ex, upload);
        file->close();
        if (upload.received)
            return upload.received();
        ex->respond(text(200, "OK"));
    });
}

static void sourceBlob(const std::shared_ptr<HttpExchange> &ex, const StreamContext &ctx)
{
    const auto &req = ex->request();
    const std::string id = req.path().substr(std::string("/sources/").size());
    const auto q = req.target.find('?');
    const std::string secret = q == std::string::npos ? std::string()
            : QUrlQuery(QString::fromStdString(req.target.substr(q + 1))).queryItemValue(QStringLiteral("secret")).toStdString();
    ctx.onCore([ex, ctx, id, secret] {
        auto source = ctx.platform->builds().source(id);
        if (!source || source->secret != secret)
            return ex->respond(text(404, "no such source blob"));
        auto file = std::make_shared<QFile>(QString::fromStdString(source->path));
        if (ex->request().method == "PUT") {
            if (!file->open(QIODevice::WriteOnly | QIODevice::Truncate))
                return ex->respond(text(500, "cannot store the upload"));
            return receiveFile(ex, {file, ctx.maxSourceBytes, "The source blob is larger than the limit.", {}});
        }
        if (ex->request().method != "GET")
            return ex->respond(text(405, "PUT or GET"));
        if (!file->open(QIODevice::ReadOnly))
            return ex->respond(text(404, "nothing was uploaded to this source blob yet"));
        ex->begin(200, {{"Content-Type", "application/octet-stream"}});
        writeFileChunks(ex, file);
    });
}

// The PUT of a slug made with POST /apps/{app}/slugs: once, while the slug waits for it; the
// tarball is checked (gzip, checksum, size) before the slug takes it.
static void slugUpload(const std::shared_ptr<HttpExchange> &ex, const StreamContext &ctx, const platform::Slug &slug)
{
    if (slug.uploaded)
        return ex->respond(text(403, "This slug's tarball was uploaded already; a slug's blob URL takes one upload."));
    const std::string path = slug.path + ".upload-" + core::newId();
    auto file = std::make_shared<QFile>(QString::fromStdString(path));
    if (!file->open(QIODevice::WriteOnly | QIODevice::Truncate))
        return ex->respond(text(500, "cannot store the upload"));
    const std::string limit = std::to_string(ctx.maxSlugBytes / (1024 * 1024));
    auto received = [ex, ctx, id = slug.id, path] {
        ctx.onCore([ex, ctx, id, path] {
            ctx.deployer->acceptSlugUpload(id, path, [ex](const core::Result<platform::Slug> &stored) {
                ex->respond(stored ? text(200, "OK") : text(stored.error().status, stored.error().message));
            });
        });
    };
    receiveFile(ex, {file, ctx.maxSlugBytes, "The slug is larger than the " + limit + " MB limit of a slug.", received});
}

// A slug's blob: the tarball, by the slug's id (an unguessable UUID, like the platform's signed
// URL); GET serves it, PUT uploads it (slugUpload).
static void slugBlob(const std::shared_ptr<HttpExchange> &ex, const StreamContext &ctx)
{
    std::string id = ex->request().path().substr(std::string("/slugs/").size());
    if (id.size() > 4 && id.ends_with(".tgz"))
        id.resize(id.size() - 4);
    ctx.onCore([ex, ctx, id] {
        auto slug = ctx.platform->builds().slugById(id);
        if (slug && ex->request().method == "PUT")
            return slugUpload(ex, ctx, *slug);
        auto file = std::make_shared<QFile>(slug ? QString::fromStdString(slug->path) : QString());
        if (!slug || !file->open(QIODevice::ReadOnly))
            return ex->respond(text(404, "no such slug"));
        ex->begin(200, {{"Content-Type", "application/gzip"}});
        writeFileChunks(ex, file);
    });
}

// A backup's download link (`pg:backups:url`): `/data-backups/<id>?expires=..&signature=..`,
// signed by the platform and valid for 10 minutes; no token needed, as with the platform's.
static void backupBlob(const std::shared_ptr<HttpExchange> &ex, const StreamContext &ctx)
{
    const std::string id = ex->request().path().substr(std::string("/data-backups/").size());
    const std::string target = ex->request().target;
    const auto q = target.find('?');
    const QUrlQuery query(QString::fromStdString(q == std::string::npos ? std::string() : target.substr(q + 1)));
    const std::string expires = query.queryItemValue(QStringLiteral("expires")).toStdString();
    const std::string signature = query.queryItemValue(QStringLiteral("signature")).toStdString();
    ctx.onCore([ex, ctx, id, expires, signature] {
        auto path = ctx.platform->data().signedBackupFile(id, expires, signature);
        if (!path)
            return ex->respond(text(path.error().status, path.error().message));
        auto file = std::make_shared<QFile>(QString::fromStdString(*path));
        if (!file->open(QIODevice::ReadOnly))
            return ex->respond(text(404, "That backup's file is missing."));
        ex->begin(200, {{"Content-Type", "application/octet-stream"},
                        {"Content-Disposition", "attachment; filename=\"" + id + ".dump\""}});
        writeFileChunks(ex, file);
    });
}

// A log session, as Server-Sent Events: one `data:` event a line; the last lines, then with
// `tail` every new one until the client goes away.
static void logSession(const std::shared_ptr<HttpExchange> &ex, const StreamContext &ctx)
{
    const std::string id = ex->request().path().substr(std::string("/log-sessions/").size());
    auto session = ctx.logplex->takeSession(id);
    if (!session)
        return ex->respond(text(404, "This log session has expired or was used; make a new one."));
    ex->begin(200, {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}});
    auto event = [](const logs::LogLine &line) { return "data: " + line.format() + "\n\n"; };
    auto *logplex = ctx.logplex;
    if (!session->tail) {
        std::string all;
        for (const auto &line : logplex->recent(session->appId, session->filter, static_cast<size_t>(session->lines)))
            all += event(line);
        ex->write(std::move(all));
        return ex->end();
    }
    // Subscribe first, then send the past: a line may come twice, none is lost. A reader slower
    // than the app has at most kTailBufferLines lines waiting; beyond that lines are dropped and
    // an L11 line says how many, as the platform's tails do.
    struct Tail {
        std::atomic<size_t> pending{0}, dropped{0};
    };
    auto tail = std::make_shared<Tail>();
    auto subscription = std::make_shared<int>(0);
    *subscription = logplex->subscribe(session->appId, session->filter, [ex, event, logplex, subscription, tail](const logs::LogLine &line) {
        if (tail->pending.load() >= logs::Logplex::kTailBufferLines) {
            ++tail->dropped;
            return;
        }
        ++tail->pending;
        std::string data;
        if (const size_t dropped = tail->dropped.exchange(0))
            data = event({line.time, "heroku", "logplex",
                          "Error L11 (Tail buffer overflow): tail dropped " + std::to_string(dropped) + " messages."});
        data += event(line);
        ex->write(std::move(data), [logplex, subscription, tail](bool ok) {
            --tail->pending;
            if (!ok && *subscription) // the reader went away
                logplex->unsubscribe(std::exchange(*subscription, 0));
        });
    });
    std::string past;
    for (const auto &line : logplex->recent(session->appId, session->filter, static_cast<size_t>(session->lines)))
        past += event(line);
    ex->write(past.empty() ? std::string(": tailing\n\n") : std::move(past), [logplex, subscription](bool ok) {
        if (!ok && *subscription)
            logplex->unsubscribe(std::exchange(*subscription, 0));
    });
}

void addStreamRoutes(HttpServer &server, const StreamContext &ctx)
{
    server.addStreamRoute([](std::string_view path) { return path.starts_with("/log-sessions/"); },
                          [ctx](std::shared_ptr<HttpExchange> ex) { logSession(ex, ctx); });
    server.addStreamRoute([](std::string_view path) { return path.starts_with("/data-backups/"); },
                          [ctx](std::shared_ptr<HttpExchange> ex) { backupBlob(ex, ctx); });
    server.addStreamRoute([](std::string_view path) { return path.starts_with("/slugs/"); },
                          [ctx](std::shared_ptr<HttpExchange> ex) { slugBlob(ex, ctx); });
    server.addStreamRoute([](std::string_view path) { return path == "/internal/git-hook"; },
                          [ctx](std::shared_ptr<HttpExchange> ex) { gitHook(ex, ctx); });
    server.addStreamRoute([](std::string_view path) {
        return path.starts_with("/streams/builds/") || path.starts_with("/streams/releases/");
    },
                          [ctx](std::shared_ptr<HttpExchange> ex) { outputStream(ex, ctx); });
    server.addStreamRoute([](std::string_view path) { return path.starts_with("/sources/"); },
                          [ctx](std::shared_ptr<HttpExchange> ex) { sourceBlob(ex, ctx); });
}

} // namespace dynodesk::api
