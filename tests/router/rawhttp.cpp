#include "rawhttp.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace dynodesk::testing {

RawHttp::RawHttp(uint16_t port, std::chrono::milliseconds timeout)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{static_cast<time_t>(timeout.count() / 1000), static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
        close();
}

RawHttp::~RawHttp() { close(); }

void RawHttp::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

bool RawHttp::send(const std::string &bytes)
{
    size_t done = 0;
    while (m_fd >= 0 && done < bytes.size()) {
        const ssize_t n = ::send(m_fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        done += static_cast<size_t>(n);
    }
    return done == bytes.size();
}

bool RawHttp::fill()
{
    char chunk[16384];
    const ssize_t n = m_fd < 0 ? -1 : ::recv(m_fd, chunk, sizeof chunk, 0);
    if (n <= 0)
        return false;
    m_buffer.append(chunk, static_cast<size_t>(n));
    return true;
}

std::string RawHttp::line()
{
    size_t end;
    while ((end = m_buffer.find("\r\n")) == std::string::npos)
        if (!fill())
            return {};
    std::string l = m_buffer.substr(0, end);
    m_buffer.erase(0, end + 2);
    return l;
}

std::string RawHttp::readSome()
{
    if (m_buffer.empty())
        fill();
    return std::exchange(m_buffer, {});
}

void RawHttp::endSending()
{
    if (m_fd >= 0)
        ::shutdown(m_fd, SHUT_WR);
}

bool RawHttp::closedByPeer()
{
    char c;
    return m_fd < 0 || ::recv(m_fd, &c, 1, 0) == 0;
}

RawReply RawHttp::read()
{
    RawReply r;
    const std::string status = line();
    if (status.size() < 12)
        return r;
    r.status = std::stoi(status.substr(9, 3));
    r.version = status.substr(0, 8);
    for (std::string l = line(); !l.empty(); l = line()) {
        const size_t colon = l.find(':');
        std::string name = l.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        r.headers[name] = l.substr(std::min(l.size(), colon + 2));
    }
    auto take = [this](size_t n) {
        while (m_buffer.size() < n && fill()) {
        }
        std::string out = m_buffer.substr(0, n);
        m_buffer.erase(0, out.size());
        return out;
    };
    if (r.header("transfer-encoding") == "chunked") {
        for (size_t size = std::stoul(line(), nullptr, 16); size > 0; size = std::stoul(line(), nullptr, 16)) {
            r.body += take(size);
            line();
        }
        line();
    } else if (!r.header("content-length").empty()) {
        r.body = take(std::stoul(r.header("content-length")));
    } else if (r.status != 101 && r.status != 204 && r.status != 304) {
        while (fill()) {
        }
        r.body = std::exchange(m_buffer, {});
    }
    return r;
}

std::string RawHttp::get(const std::string &host, const std::string &target, const std::string &extra)
{
    return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + extra + "\r\n";
}

} // namespace dynodesk::testing
