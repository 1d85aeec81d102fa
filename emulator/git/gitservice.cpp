#include "gitservice.h"

#include "core/childprocess.h"

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryFile>

#include <atomic>
#include <condition_variable>
#include <fcntl.h>
#include <mutex>
#include <regex>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace dynodesk::git {

struct GitService::Workers {
    struct Worker {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
    };
    std::mutex mutex;
    std::vector<Worker> threads;
};

GitService::GitService(std::string reposDir, std::string hookBinary, Authorizer authorize, Pushed pushed)
    : m_repos(std::move(reposDir)), m_hookBinary(std::move(hookBinary)), m_authorize(std::move(authorize)),
      m_pushed(std::move(pushed)), m_workers(std::make_unique<Workers>())
{
    QDir().mkpath(QString::fromStdString(m_repos));
}

GitService::~GitService()
{
    std::vector<Workers::Worker> threads;
    {
        std::lock_guard lock(m_workers->mutex);
        threads.swap(m_workers->threads);
    }
    // A request still running may be waiting on a connection of a server that has stopped; it
    // is left to end on its own (the server fails its calls) rather than waited for.
    for (auto &w : threads) {
        if (*w.done)
            w.thread.join();
        else
            w.thread.detach();
    }
}

void GitService::setHookEndpoint(std::string url, std::string secret)
{
    m_hookUrl = std::move(url);
    m_hookSecret = std::move(secret);
}

bool GitService::isGitPath(std::string_view path)
{
    if (path.size() < 6 || path[0] != '/')
        return false;
    const auto dotgit = path.find(".git");
    if (dotgit == std::string_view::npos || dotgit < 2)
        return false;
    const auto rest = path.substr(dotgit + 4);
    return (rest.empty() || rest[0] == '/') && path.substr(1, dotgit - 1).find('/') == std::string_view::npos;
}

void GitService::handle(std::shared_ptr<http::HttpExchange> exchange)
{
    std::lock_guard lock(m_workers->mutex);
    std::erase_if(m_workers->threads, [](Workers::Worker &w) {
        if (!*w.done)
            return false;
        w.thread.join();
        return true;
    });
    auto done = std::make_shared<std::atomic<bool>>(false);
    m_workers->threads.push_back({std::thread([this, exchange, done] {
                                      serve(exchange);
                                      *done = true;
                                  }),
                                  done});
}

static bool initRepository(const QString &repo, std::string *error)
{
    QProcess git;
    core::inheritOnlyStdio(git);
    git.start(QStringLiteral("git"), {QStringLiteral("init"), QStringLiteral("--quiet"), QStringLiteral("--bare"),
                                      QStringLiteral("--initial-branch=main"), repo});
    if (!git.waitForFinished(30000) || git.exitCode() != 0) {
        *error = "git init failed: " + QString::fromUtf8(git.readAllStandardError()).toStdString();
        return false;
    }
    return true;
}

bool GitService::ensureRepository(const std::string &appId, std::string *error)
{
    const QString repo = QString::fromStdString(m_repos + "/" + appId + ".git");
    if (QFile::exists(repo + QStringLiteral("/hooks/pre-receive")))
        return true;
    // A repository without its hook (restored from a lab snapshot) only gets the hook.
    if (!QFile::exists(repo + QStringLiteral("/HEAD")) && !initRepository(repo, error))
        return false;
    QFile hook(repo + QStringLiteral("/hooks/pre-receive"));
    if (!hook.open(QIODevice::WriteOnly)) {
        *error = "cannot write the pre-receive hook";
        return false;
    }
    hook.write("#!/bin/sh\n# Hands the push to the Dynodesk emulator and prints its build output.\nexec \"");
    hook.write(QByteArray::fromStdString(m_hookBinary));
    hook.write("\" pre-receive\n");
    hook.close();
    hook.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup
                        | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther);
    return true;
}

static http::HttpResponse plain(int status, const std::string &text)
{
    http::HttpResponse r{status, {{"Content-Type", "text/plain; charset=utf-8"}}, text + "\n"};
    if (status == 401)
        r.setHeader("WWW-Authenticate", "Basic realm=\"Heroku\"");
    return r;
}

// The paths under a repository that `git http-backend` serves (smart protocol, and the dumb
// one's files); anything else never reaches it, so no path leaves the repository.
static bool isBackendPath(const std::string &rest)
{
    static const std::regex served("/HEAD|/info/refs|/git-upload-pack|/git-receive-pack"
                                   "|/objects/info/(alternates|http-alternates|packs)"
                                   "|/objects/[0-9a-f]{2}/[0-9a-f]{38,62}"
                                   "|/objects/pack/pack-[0-9a-f]{40,64}\\.(pack|idx)");
    return std::regex_match(rest, served);
}

static std::string tokenOf(const http::HttpRequest &req)
{
    const std::string *auth = req.header("authorization");
    if (!auth)
        return {};
    if (auth->rfind("Bearer ", 0) == 0)
        return auth->substr(7);
    if (auth->rfind("Basic ", 0) != 0)
        return {};
    const QByteArray decoded = QByteArray::fromBase64(QByteArray::fromStdString(auth->substr(6)));
    const qsizetype colon = decoded.indexOf(':');
    return colon < 0 ? std::string() : decoded.mid(colon + 1).toStdString();
}

static int64_t directorySize(const QString &dir)
{
    int64_t total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

void GitService::serve(std::shared_ptr<http::HttpExchange> exchange)
{
    const http::HttpRequest &req = exchange->request();
    const std::string path = req.path();
    const std::string query = req.target.find('?') == std::string::npos ? "" : req.target.substr(req.target.find('?') + 1);
    const auto dotgit = path.find(".git");
    const std::string appName = path.substr(1, dotgit - 1);
    const std::string rest = path.substr(dotgit + 4);
    const bool push = rest == "/git-receive-pack" || query.find("service=git-receive-pack") != std::string::npos;

    if (!isBackendPath(rest))
        return exchange->respond(plain(404, "Not a path of git's HTTP protocol: " + rest.substr(0, 200)));
    const std::string token = tokenOf(req);
    if (token.empty())
        return exchange->respond(plain(401, "Authentication required: use your API token as the password."));
    const GitGrant grant = m_authorize(token, appName, push).get();
    if (grant.status != 200)
        return exchange->respond(plain(grant.status, grant.message));
    std::string error;
    if (!ensureRepository(grant.appId, &error))
        return exchange->respond(plain(500, error));

    // The request body goes to a file, never whole into memory.
    QTemporaryFile body(QString::fromStdString(m_repos) + QStringLiteral("/.request-XXXXXX"));
    if (!body.open())
        return exchange->respond(plain(500, "cannot buffer the request"));
    bool ok = true;
    for (bool last = false; !last && ok;) {
        std::promise<std::pair<std::string, bool>> piece;
        exchange->readBody([&](std::string data, bool isLast, bool readOk) {
            ok = readOk;
            piece.set_value({std::move(data), isLast});
        });
        auto [data, isLast] = piece.get_future().get();
        last = isLast;
        if (ok && !data.empty() && body.write(data.data(), static_cast<qint64>(data.size())) != static_cast<qint64>(data.size()))
            ok = false;
    }
    if (!ok)
        return exchange->respond(plain(400, "the request body could not be read"));
    body.flush();

    // The CGI environment of git http-backend.
    std::vector<std::string> env;
    for (char **e = environ; *e; ++e) {
        const std::string_view v(*e);
        if (!v.starts_with("GIT_") && !v.starts_with("DYNODESK_"))
            env.emplace_back(v);
    }
    auto set = [&](const std::string &k, const std::string &v) { env.push_back(k + "=" + v); };
    set("GIT_PROJECT_ROOT", m_repos);
    set("GIT_HTTP_EXPORT_ALL", "1");
    set("PATH_INFO", "/" + grant.appId + ".git" + rest);
    set("REQUEST_METHOD", req.method);
    set("QUERY_STRING", query);
    set("REMOTE_USER", grant.userEmail);
    set("REMOTE_ADDR", req.remoteAddress);
    set("CONTENT_LENGTH", std::to_string(body.size()));
    if (const auto *ct = req.header("content-type"))
        set("CONTENT_TYPE", *ct);
    if (const auto *ce = req.header("content-encoding"))
        set("HTTP_CONTENT_ENCODING", *ce);
    if (const auto *proto = req.header("git-protocol"))
        set("GIT_PROTOCOL", *proto);
    set("DYNODESK_HOOK_URL", m_hookUrl);
    set("DYNODESK_HOOK_SECRET", m_hookSecret);
    set("DYNODESK_APP_ID", grant.appId);
    set("DYNODESK_USER_ID", grant.userId);
    std::vector<char *> envp;
    for (auto &e : env)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0)
        return exchange->respond(plain(500, "cannot make a pipe"));
    const int in = ::open(body.fileName().toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    // Nothing of ours beyond stdio (see core/childprocess.h): receive-pack may leave a
    // `git gc --auto` running in the background.
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    char arg0[] = "git", arg1[] = "http-backend";
    char *argv[] = {arg0, arg1, nullptr};
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv, envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(in);
    ::close(out[1]);
    if (spawned != 0) {
        ::close(out[0]);
        return exchange->respond(plain(500, "cannot run git http-backend"));
    }

    // CGI headers first, then the body, relayed chunk by chunk at the client's pace.
    std::string head;
    std::vector<char> buf(65536);
    std::string leftover;
    bool started = false;
    while (true) {
        const ssize_t n = ::read(out[0], buf.data(), buf.size());
        if (n <= 0)
            break;
        std::string data(buf.data(), static_cast<size_t>(n));
        if (!started) {
            head += data;
            auto end = head.find("\r\n\r\n");
            size_t sep = 4;
            if (end == std::string::npos) {
                end = head.find("\n\n");
                sep = 2;
            }
            if (end == std::string::npos)
                continue;
            int status = 200;
            std::vector<std::pair<std::string, std::string>> headers;
            const QList<QByteArray> lines = QByteArray::fromStdString(head.substr(0, end)).split('\n');
            for (const QByteArray &raw : lines) {
                const QByteArray line = raw.trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon < 0)
                    continue;
                const std::string name = line.left(colon).trimmed().toStdString();
                const std::string value = line.mid(colon + 1).trimmed().toStdString();
                if (QByteArray::fromStdString(name).toLower() == "status")
                    status = std::atoi(value.c_str());
                else
                    headers.emplace_back(name, value);
            }
            exchange->begin(status, headers);
            started = true;
            data = head.substr(end + sep);
        }
        if (data.empty())
            continue;
        std::promise<bool> written;
        exchange->write(std::move(data), [&written](bool wrote) { written.set_value(wrote); });
        if (!written.get_future().get())
            break; // the client went away
    }
    ::close(out[0]);
    int wstatus = 0;
    ::waitpid(pid, &wstatus, 0);
    if (!started)
        return exchange->respond(plain(500, "git http-backend ended without an answer"));
    // The repository's new size is recorded before the pusher hears that the push is done.
    if (push && m_pushed)
        m_pushed(grant.appId, directorySize(QString::fromStdString(m_repos + "/" + grant.appId + ".git")));
    exchange->end();
}

} // namespace dynodesk::git
