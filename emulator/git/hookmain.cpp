// dynodesk-git-hook: the pre-receive hook of every app repository. It hands the pushed refs to
// the emulator (DYNODESK_HOOK_URL, with DYNODESK_HOOK_SECRET), prints the build output as it
// arrives (git shows it to the pusher as `remote: ...`), and exits with the build's status, so
// a failed build rejects the push.
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

static std::string env(const char *name)
{
    const char *v = std::getenv(name);
    return v ? v : "";
}

int main(int argc, char **argv)
{
    if (argc < 2 || std::string(argv[1]) != "pre-receive") {
        std::fprintf(stderr, "usage: dynodesk-git-hook pre-receive\n");
        return 2;
    }
    const std::string url = env("DYNODESK_HOOK_URL");
    const auto hostStart = url.find("://");
    const auto pathStart = url.find('/', hostStart + 3);
    const std::string hostPort = url.substr(hostStart + 3, pathStart - hostStart - 3);
    const std::string target = url.substr(pathStart);
    const auto colon = hostPort.rfind(':');

    nlohmann::json request = {{"secret", env("DYNODESK_HOOK_SECRET")}, {"app_id", env("DYNODESK_APP_ID")},
                              {"user_id", env("DYNODESK_USER_ID")}, {"updates", nlohmann::json::array()}};
    for (const char *name : {"GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_QUARANTINE_PATH"})
        if (!env(name).empty())
            request["git_env"][name] = env(name);
    std::string line;
    while (std::getline(std::cin, line)) {
        const auto a = line.find(' '), b = line.find(' ', a + 1);
        if (a == std::string::npos || b == std::string::npos)
            continue;
        request["updates"].push_back({{"old", line.substr(0, a)}, {"new", line.substr(a + 1, b - a - 1)},
                                      {"ref", line.substr(b + 1)}});
    }

    try {
        asio::io_context ioc;
        asio::ip::tcp::resolver resolver(ioc);
        beast::tcp_stream stream(ioc);
        stream.connect(resolver.resolve(hostPort.substr(0, colon), hostPort.substr(colon + 1)));
        http::request<http::string_body> req{http::verb::post, target, 11};
        req.set(http::field::host, hostPort);
        req.set(http::field::content_type, "application/json");
        req.body() = request.dump();
        req.prepare_payload();
        http::write(stream, req);

        beast::flat_buffer buffer;
        http::response_parser<http::buffer_body> parser;
        parser.body_limit(std::numeric_limits<std::uint64_t>::max());
        http::read_header(stream, buffer, parser);
        if (parser.get().result() != http::status::ok) {
            std::printf(" !     The emulator refused the push (HTTP %u).\n", parser.get().result_int());
            return 1;
        }
        std::string pending;
        int exitCode = 1;
        char piece[8192];
        while (!parser.is_done()) {
            parser.get().body().data = piece;
            parser.get().body().size = sizeof piece;
            beast::error_code ec;
            http::read(stream, buffer, parser, ec);
            if (ec == http::error::need_buffer)
                ec = {};
            if (ec)
                break;
            pending.append(piece, sizeof piece - parser.get().body().size);
            size_t nl;
            while ((nl = pending.find('\n')) != std::string::npos) {
                const std::string out = pending.substr(0, nl);
                pending.erase(0, nl + 1);
                static const std::string kExit = "dynodesk-hook-exit: ";
                if (out.rfind(kExit, 0) == 0) {
                    exitCode = std::atoi(out.c_str() + kExit.size());
                    continue;
                }
                std::printf("%s\n", out.c_str());
                std::fflush(stdout);
            }
        }
        return exitCode;
    } catch (const std::exception &e) {
        std::printf(" !     Could not reach the Dynodesk emulator: %s\n", e.what());
        return 1;
    }
}
