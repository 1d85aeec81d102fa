#pragma once

#include "http/httpserver.h"

#include <functional>
#include <string>

namespace dynodesk::platform {
class Deployer;
class Platform;
}

namespace dynodesk::logs {
class Logplex;
}

namespace dynodesk::api {

using http::HttpExchange;
using http::HttpServer;
using http::HttpRequest;
using http::HttpResponse;

// What the streaming routes need: a way onto the core thread, and the core's objects (used only
// there).
struct StreamContext final {
    std::function<void(std::function<void()>)> onCore;
    platform::Platform *platform = nullptr;
    platform::Deployer *deployer = nullptr;
    logs::Logplex *logplex = nullptr;
    std::string hookSecret;
    uint64_t maxSourceBytes = 1024ull * 1024 * 1024;
    uint64_t maxSlugBytes = 500ull * 1024 * 1024; // the platform's limit of a slug's size

};

// The routes whose bodies stream: the git hook's call (`/internal/git-hook`), a build's output
// (`/streams/builds/<id>.log`), source blobs (`/sources/<id>`, PUT and GET), slug blobs and
// log sessions (`/log-sessions/<id>`, Server-Sent Events).
void addStreamRoutes(HttpServer &server, const StreamContext &ctx);

} // namespace dynodesk::api
