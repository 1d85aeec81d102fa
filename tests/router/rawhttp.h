#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace dynodesk::testing {

// A reply as the client read it off the wire.
struct RawReply final {
    int status = 0; // 0: the connection closed before a status line
    std::string version; // HTTP/1.1
    std::map<std::string, std::string> headers; // lower-case names
    std::string body; // chunked bodies decoded
    std::string header(const std::string &name) const
    {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

// A blocking loopback TCP client that writes exact bytes and reads HTTP/1.1 replies, so tests
// can send what no well-behaved client would.
class RawHttp final {
public:
    explicit RawHttp(uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~RawHttp();
    RawHttp(const RawHttp &) = delete;
    RawHttp &operator=(const RawHttp &) = delete;

    bool send(const std::string &bytes);
    RawReply read(); // one reply; status 0 when the peer closed first
    std::string readSome(); // whatever arrives next ("" on close or timeout)
    bool closedByPeer(); // true when the peer has closed (reads EOF)
    void endSending(); // half-closes: the peer reads the end, this side can still read
    void close();

    // `GET <target>` with Host and any extra header lines ("Name: value\r\n").
    static std::string get(const std::string &host, const std::string &target, const std::string &extra = {});

private:
    bool fill();
    std::string line();
    int m_fd = -1;
    std::string m_buffer;
};

} // namespace dynodesk::testing
