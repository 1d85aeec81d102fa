#pragma once

#include "http/httpserver.h"

#include <functional>
#include <future>
#include <memory>
#include <string>

namespace dynodesk::git {

// What the core says about a git request: the repository and who pushes, or why not.
struct GitGrant final {
    int status = 200; // 401, 403, 404 when refused
    std::string message;
    std::string appId, userId, userEmail;
};

// Smart HTTP git for every app, through the real `git http-backend`: one bare repository per
// app (by id, so a rename keeps it), created on first use with a pre-receive hook that hands the
// push to the emulator and streams the build output back through git's side band.
class GitService final {
public:
    // Asks the core whether `token` may push to (or fetch from) `appName`.
    using Authorizer = std::function<std::future<GitGrant>(const std::string &token, const std::string &appName, bool push)>;
    // Records a push's new repository size; returns once it is recorded.
    using Pushed = std::function<void(const std::string &appId, int64_t repoBytes)>;

    GitService(std::string reposDir, std::string hookBinary, Authorizer authorize, Pushed pushed);
    ~GitService();

    // Where the hook calls back, and the secret it proves itself with.
    void setHookEndpoint(std::string url, std::string secret);

    // True for `/<app>.git` and `/<app>.git/...`.
    static bool isGitPath(std::string_view path);
    // Serves one git request on its own thread.
    void handle(std::shared_ptr<http::HttpExchange> exchange);

private:
    void serve(std::shared_ptr<http::HttpExchange> exchange);
    bool ensureRepository(const std::string &appId, std::string *error);

    std::string m_repos, m_hookBinary, m_hookUrl, m_hookSecret;
    Authorizer m_authorize;
    Pushed m_pushed;
    struct Workers;
    std::unique_ptr<Workers> m_workers;
};

} // namespace dynodesk::git
