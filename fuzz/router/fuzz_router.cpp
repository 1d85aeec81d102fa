// A libFuzzer target over the router's request pipeline, both ways: a real Router on loopback in
// front of an in-process HTTP dyno. Each input is one client connection, its first byte the mode:
//   byte % 3 == 0: the rest goes to the router as it is, whatever a client may send;
//              1: the rest follows `POST /fuzz HTTP/1.1` and `Host: fuzz.localhost`, so it gets
//                 past routing to the dyno more often (more headers, a body, the next request);
//              2: the client sends a well-formed request (the second byte picks GET, HEAD, POST
//                 with a body or a WebSocket upgrade) and the dyno answers with the rest.
// Checked, as a user relies on it: whatever the router answers starts with `HTTP/1.1 ` and a
// 3-digit status, and a well-formed GET still gets a 200 (every 64 inputs, and after every input
// that got no answer). Seeds in corpus/ start with the ASCII digit of their mode.
#include "core/ilogsink.h"
#include "core/routetable.h"
#include "router/router.h"

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

using namespace dynodesk;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

constexpr std::string_view kAnswerTarget = "/fuzz-answer"; // the dyno answers it with the input
constexpr std::string_view kHealthCheck = "GET / HTTP/1.1\r\nHost: fuzz.localhost\r\nConnection: close\r\n\r\n";
constexpr int kHealthEvery = 64;

void setTimeouts(int fd, int ms)
{
    const timeval tv{ms / 1000, (ms % 1000) * 1000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

bool sendAll(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

sockaddr_in loopback(uint16_t port)
{
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    return addr;
}

// A blocking socket as a Beast SyncReadStream, so the dyno reads requests with Beast's parser
// while the socket's own timeouts (which Asio's sockets would wait past) still apply.
struct FdStream final {
    int fd;
    template <typename Buffers>
    size_t read_some(const Buffers &buffers, boost::system::error_code &ec)
    {
        const asio::mutable_buffer b = *asio::buffer_sequence_begin(buffers);
        const ssize_t n = ::recv(fd, b.data(), b.size(), 0);
        ec = {};
        if (n == 0)
            ec = asio::error::eof;
        else if (n < 0)
            ec = boost::system::error_code(errno, boost::system::system_category());
        return n > 0 ? static_cast<size_t>(n) : 0;
    }
    template <typename Buffers>
    size_t read_some(const Buffers &buffers)
    {
        boost::system::error_code ec;
        const size_t n = read_some(buffers, ec);
        if (ec)
            throw boost::system::system_error(ec);
        return n;
    }
};

// The web dyno: an HTTP/1.1 server on 127.0.0.1, one thread per connection. It answers 200 with
// the request's body (chunked under /chunked), 101 and an echo to a WebSocket upgrade, and the
// fuzz input's bytes, as they are, to kAnswerTarget; after those it closes. stop() ends every
// thread it started before the process exits, so none holds memory the leak check would count.
class Dyno final {
public:
    Dyno()
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr = loopback(0);
        socklen_t len = sizeof addr;
        if (::bind(m_listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0
            || ::listen(m_listener, SOMAXCONN) != 0
            || ::getsockname(m_listener, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
            std::perror("fuzz_router: the dyno cannot listen");
            std::abort();
        }
        m_port = ntohs(addr.sin_port);
        ++m_threads;
        std::thread([this] {
            acceptLoop();
            finished();
        }).detach();
    }
    int port() const { return m_port; }
    void stop()
    {
        std::unique_lock lock(m_mutex);
        m_stopping = true;
        ::shutdown(m_listener, SHUT_RDWR); // wakes accept()
        for (int fd : m_open)
            ::shutdown(fd, SHUT_RDWR); // wakes recv() and send()
        if (!m_done.wait_for(lock, std::chrono::seconds(10), [this] { return m_threads == 0; }))
            std::fprintf(stderr, "fuzz_router: %d dyno threads still running at exit\n", m_threads);
    }
    void setAnswer(std::string_view bytes)
    {
        std::lock_guard lock(m_mutex);
        m_answer = bytes;
    }

private:
    std::string answer() const
    {
        std::lock_guard lock(m_mutex);
        return m_answer;
    }

    void finished()
    {
        std::lock_guard lock(m_mutex);
        --m_threads;
        m_done.notify_all();
    }

    void acceptLoop()
    {
        for (;;) {
            const int fd = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
            std::unique_lock lock(m_mutex);
            if (m_stopping) {
                if (fd >= 0)
                    ::close(fd);
                return;
            }
            if (fd < 0) { // say, out of descriptors for a moment: try again without spinning
                lock.unlock();
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
                continue;
            }
            m_open.insert(fd);
            ++m_threads;
            std::thread([this, fd] {
                serve(fd);
                {
                    std::lock_guard lock(m_mutex);
                    m_open.erase(fd);
                    ::close(fd);
                }
                finished();
            }).detach();
        }
    }

    void serve(int fd)
    {
        setTimeouts(fd, 2000); // an idle pooled connection is closed, as a dyno's server would
        FdStream stream{fd};
        beast::flat_buffer buffer;
        for (bool keep = true; keep;) {
            http::request_parser<http::string_body> parser;
            parser.body_limit(1 << 20);
            boost::system::error_code ec;
            http::read(stream, buffer, parser, ec);
            if (ec)
                break;
            const auto &req = parser.get();
            if (std::string_view(req.target().data(), req.target().size()) == kAnswerTarget) {
                sendAll(fd, answer());
                break;
            }
            if (beast::iequals(req[http::field::upgrade], "websocket")) {
                echo(fd, buffer);
                break;
            }
            keep = sendAll(fd, okResponse(req)) && req.keep_alive();
        }
        // Close without resetting: stop sending, then take what the router still sends.
        ::shutdown(fd, SHUT_WR);
        char scratch[4096];
        while (::recv(fd, scratch, sizeof scratch, 0) > 0) {
        }
    }

    static std::string okResponse(const http::request<http::string_body> &req)
    {
        const std::string body = req.body().empty() ? std::string("ok") : req.body();
        const bool head = req.method() == http::verb::head;
        std::string out = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n";
        if (!req.keep_alive())
            out += "Connection: close\r\n";
        if (req.target().starts_with("/chunked")) {
            char size[32];
            std::snprintf(size, sizeof size, "%zx", body.size());
            out += "Transfer-Encoding: chunked\r\n\r\n";
            if (!head)
                out += std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n";
        } else {
            out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
            if (!head)
                out += body;
        }
        return out;
    }

    static void echo(int fd, beast::flat_buffer &buffer)
    {
        if (!sendAll(fd, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
            || !sendAll(fd, beast::buffers_to_string(buffer.data())))
            return;
        char chunk[4096];
        for (ssize_t n; (n = ::recv(fd, chunk, sizeof chunk, 0)) > 0;)
            if (!sendAll(fd, std::string_view(chunk, static_cast<size_t>(n))))
                return;
    }

    int m_listener = -1;
    int m_port = 0;
    mutable std::mutex m_mutex;
    std::condition_variable m_done;
    std::string m_answer;
    bool m_stopping = false;
    int m_threads = 0;     // the accept loop and the connections' threads still running
    std::set<int> m_open; // the connections' sockets
};

// The router's log lines, dropped but for the last, which a failure report shows.
class LastLineSink final : public core::ILogSink {
public:
    void append(const std::string &, const std::string &, const std::string &, const std::string &message) override
    {
        std::lock_guard lock(m_mutex);
        m_last = message;
    }
    std::string last() const
    {
        std::lock_guard lock(m_mutex);
        return m_last;
    }

private:
    mutable std::mutex m_mutex;
    std::string m_last;
};

// The router with app `fuzz` on the dyno, short timeouts so no input can hold a connection long.
struct Harness final {
    Dyno dyno;
    core::RouteTable table;
    LastLineSink logs;
    std::unique_ptr<router::Router> router;
    uint16_t port = 0;
    uint64_t inputs = 0;

    Harness()
    {
        auto app = std::make_shared<core::RouteApp>();
        app->id = "id-fuzz";
        app->name = "fuzz";
        app->webDynos = {core::RouteDyno{"web.1", "127.0.0.1", dyno.port(), "up"}};
        table.publish(core::RouteSnapshot::make({app}, ".localhost", 1));
        router::RouterSettings s;
        s.threads = 1;
        s.connectTimeout = std::chrono::milliseconds(200);
        s.responseTimeout = std::chrono::milliseconds(250);
        s.idleTimeout = std::chrono::milliseconds(300);
        s.bootWait = std::chrono::milliseconds(50);
        s.lingerTimeout = std::chrono::milliseconds(100);
        router = std::make_unique<router::Router>(table, &logs, s);
        port = router->listen(0);
    }
};

// Built on the first input and never destroyed; at exit, before the leak check, the router and
// the dyno stop and every thread they run ends.
Harness &harness()
{
    static Harness *h = [] {
        auto *made = new Harness;
        std::atexit([] {
            harness().router->stop();
            harness().dyno.stop();
        });
        return made;
    }();
    return *h;
}

// One client connection: sends `request`, closes its sending side and reads until the router
// closes (or a second passes). Empty when nothing came back.
std::string roundTrip(uint16_t port, std::string_view request)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    setTimeouts(fd, 1000);
    const sockaddr_in addr = loopback(port);
    std::string answer;
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) == 0) {
        sendAll(fd, request);
        ::shutdown(fd, SHUT_WR);
        char chunk[16384];
        for (ssize_t n; (n = ::recv(fd, chunk, sizeof chunk, 0)) > 0;)
            answer.append(chunk, static_cast<size_t>(n));
    }
    // Both sides are done: a reset instead of TIME_WAIT, so a long run does not run out of ports.
    const linger reset{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    ::close(fd);
    return answer;
}

// `HTTP/1.1 `, three digits (starting with `status`, if given) and a space.
bool startsWithStatusLine(std::string_view answer, std::string_view status = {})
{
    constexpr std::string_view version = "HTTP/1.1 ";
    if (answer.size() < version.size() + 4 || !answer.starts_with(version))
        return false;
    for (size_t i = version.size(); i < version.size() + 3; ++i)
        if (!std::isdigit(static_cast<unsigned char>(answer[i])))
            return false;
    return answer[version.size() + 3] == ' ' && answer.substr(version.size()).starts_with(status);
}

[[noreturn]] void fail(const Harness &h, const char *what, std::string_view answer)
{
    const std::string_view line = answer.substr(0, std::min(answer.find('\n'), size_t(200)));
    std::fprintf(stderr, "fuzz_router: %s; the answer began: \"%.*s\"; the router's last log line: %s\n", what,
                 static_cast<int>(line.size()), line.data(), h.logs.last().c_str());
    std::abort();
}

// What the client sends for an input of `mode`; in mode 2 it also hands the dyno its answer.
std::string requestFor(Harness &h, uint8_t mode, std::string_view rest)
{
    static constexpr std::string_view requests[] = { // each to kAnswerTarget
        "GET /fuzz-answer HTTP/1.1\r\nHost: fuzz.localhost\r\n\r\n",
        "HEAD /fuzz-answer HTTP/1.1\r\nHost: fuzz.localhost\r\n\r\n",
        "POST /fuzz-answer HTTP/1.1\r\nHost: fuzz.localhost\r\nContent-Length: 5\r\n\r\nhello",
        "GET /fuzz-answer HTTP/1.1\r\nHost: fuzz.localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\nping",
    };
    switch (mode) {
    case 0:
        return std::string(rest);
    case 1:
        return "POST /fuzz HTTP/1.1\r\nHost: fuzz.localhost\r\n" + std::string(rest);
    default: {
        const size_t pick = rest.empty() ? 0 : static_cast<uint8_t>(rest.front()) % std::size(requests);
        h.dyno.setAnswer(rest.empty() ? rest : rest.substr(1));
        return std::string(requests[pick]);
    }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    Harness &h = harness();
    const std::string_view rest(reinterpret_cast<const char *>(data) + 1, size - 1);
    const std::string answer = roundTrip(h.port, requestFor(h, data[0] % 3, rest));
    if (!answer.empty() && !startsWithStatusLine(answer))
        fail(h, "the router answered something that is not an HTTP/1.1 status line", answer);
    if (answer.empty() || ++h.inputs % kHealthEvery == 0) {
        // A router that stopped answering is silent every time; one answer later than the
        // client's second under the sanitizers, with a thousand connections a second, is not.
        std::string health;
        for (int attempt = 0; attempt < 3 && health.empty(); ++attempt)
            health = roundTrip(h.port, kHealthCheck);
        if (!startsWithStatusLine(health, "200"))
            fail(h, "a well-formed GET no longer gets a 200", health);
    }
    return 0;
}
