// DrainingRead: after a read that left the socket drained, the next read waits for data instead
// of first calling recv() for nothing, and no data is ever missed by waiting. The recv() calls
// are counted by a spy that stands in for libc's recv in this test binary (Asio calls ::recv).
#include "router/drainingread.h"
#include "router/proxy.h"

#include <QTest>

#include <boost/asio/write.hpp>

#include <atomic>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include <dlfcn.h>
#include <sys/socket.h>

namespace {

std::atomic<int> g_watchedFd{-1};
std::atomic<int> g_recvCalls{0};

} // namespace

extern "C" ssize_t recv(int fd, void *buf, size_t n, int flags)
{
    using Recv = ssize_t (*)(int, void *, size_t, int);
    static const auto real = reinterpret_cast<Recv>(dlsym(RTLD_NEXT, "recv"));
    if (fd == g_watchedFd.load())
        ++g_recvCalls;
    return real(fd, buf, n, flags);
}

namespace asio = boost::asio;
using dynodesk::router::detail::DrainingRead;
using dynodesk::router::detail::Socket;
using tcp = asio::ip::tcp;

namespace {

// A connected pair on loopback: `reader` non-blocking as the router's sockets are, `peer` plain.
struct Pair {
    asio::io_context ioc;
    Socket reader{ioc.get_executor()};
    tcp::socket peer{ioc};

    Pair()
    {
        tcp::acceptor acceptor(ioc, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
        peer.connect(acceptor.local_endpoint());
        acceptor.accept(reader);
        reader.non_blocking(true);
        g_watchedFd = reader.native_handle();
        g_recvCalls = 0;
    }
    ~Pair() { g_watchedFd = -1; }

    void send(const std::string &bytes) { asio::write(peer, asio::buffer(bytes)); }

    // Starts a read; `done` and `got` tell how it ended.
    template <typename Buffer>
    void startRead(Buffer buffer, bool &done, size_t &got)
    {
        done = false;
        reader.async_read_some(buffer, [&done, &got](const boost::system::error_code &ec, size_t n) {
            QVERIFY2(!ec, ec.message().c_str());
            got = n;
            done = true;
        });
    }

    // Runs the I/O context until `done`, for at most `limit`.
    bool runUntil(const bool &done, std::chrono::milliseconds limit = std::chrono::milliseconds(5000))
    {
        const auto end = std::chrono::steady_clock::now() + limit;
        while (!done && std::chrono::steady_clock::now() < end) {
            ioc.restart();
            ioc.run_one_for(std::chrono::milliseconds(50));
        }
        return done;
    }
};

} // namespace

class TestDrainingRead : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
#ifndef DYNODESK_DRAINING_READ
        QSKIP("DrainingRead is a plain read with this Boost (only 1.74's epoll reactor is specialised)");
#endif
    }

    // The baseline the router had: Asio tries a read at once even when nothing has come, a recv()
    // that fails with EAGAIN. (Shows the spy sees Asio's reads.)
    void plainReadAsksFirst()
    {
        Pair p;
        std::array<char, 64> buf;
        bool done = false;
        size_t got = 0;
        p.send("hello");
        p.startRead(asio::buffer(buf), done, got);
        QVERIFY(p.runUntil(done));
        QCOMPARE(got, size_t(5));
        g_recvCalls = 0;
        p.startRead(asio::buffer(buf), done, got);
        p.ioc.restart();
        p.ioc.poll();
        QVERIFY(!done);
        QCOMPARE(g_recvCalls.load(), 1);
    }

    // After a short read the socket is known drained: the next read makes no recv() until the
    // peer sends, and then gets what was sent with a single recv().
    void shortReadWaitsForData()
    {
        Pair p;
        std::array<char, 64> buf;
        bool done = false;
        size_t got = 0;
        p.send("hello");
        p.startRead(DrainingRead(asio::buffer(buf)), done, got);
        QVERIFY(p.runUntil(done));
        QCOMPARE(got, size_t(5));

        g_recvCalls = 0;
        p.startRead(DrainingRead(asio::buffer(buf)), done, got);
        p.ioc.restart();
        p.ioc.poll();
        QVERIFY(!done);
        QCOMPARE(g_recvCalls.load(), 0);

        p.send("world!");
        QVERIFY(p.runUntil(done));
        QCOMPARE(got, size_t(6));
        QCOMPARE(std::string(buf.data(), got), std::string("world!"));
        QCOMPARE(g_recvCalls.load(), 1);
    }

    // A read that filled its buffer may have left bytes behind: the next read takes them at once,
    // without waiting for news that will not come (the bytes are there already).
    void fullReadReadsOnAtOnce()
    {
        Pair p;
        std::array<char, 4> buf;
        bool done = false;
        size_t got = 0;
        // The read waits first, so it is the socket's readiness that completes it.
        p.startRead(DrainingRead(asio::buffer(buf)), done, got);
        p.ioc.poll();
        QVERIFY(!done);
        p.send("abcdefg");
        QVERIFY(p.runUntil(done));
        QCOMPARE(std::string(buf.data(), got), std::string("abcd"));
        p.startRead(DrainingRead(asio::buffer(buf)), done, got);
        QVERIFY(p.runUntil(done, std::chrono::milliseconds(500)));
        QCOMPARE(std::string(buf.data(), got), std::string("efg"));
    }

    // Nothing is lost between a short read and the wait that follows it: a peer sending pieces
    // of random sizes at random moments, a reader with a small buffer (full reads and short ones
    // mixed), every byte in order, and no read left waiting for data that had come.
    void noDataMissed()
    {
        Pair p;
        std::string sent;
        std::mt19937 rng(12345);
        std::vector<std::string> pieces;
        for (int i = 0; i < 3000; ++i) {
            std::string piece(1 + rng() % 300, '\0');
            for (char &c : piece)
                c = static_cast<char>('a' + rng() % 26);
            pieces.push_back(piece);
            sent += piece;
        }
        std::thread writer([&p, &pieces] {
            std::mt19937 pause(7);
            boost::system::error_code ec;
            for (const auto &piece : pieces) {
                if (asio::write(p.peer, asio::buffer(piece), ec); ec)
                    return; // the reader gave up
                if (pause() % 4 == 0)
                    std::this_thread::sleep_for(std::chrono::microseconds(pause() % 200));
            }
        });
        std::string received;
        std::array<char, 128> buf;
        bool done = false;
        size_t got = 0;
        const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (received.size() < sent.size() && std::chrono::steady_clock::now() < end) {
            p.startRead(DrainingRead(asio::buffer(buf)), done, got);
            if (!p.runUntil(done, std::chrono::seconds(5)))
                break;
            received.append(buf.data(), got);
        }
        p.reader.close(); // lets the writer go if the reader gave up
        writer.join();
        QCOMPARE(received.size(), sent.size());
        QVERIFY(received == sent);
    }
};

QTEST_GUILESS_MAIN(TestDrainingRead)
#include "tst_drainingread.moc"
