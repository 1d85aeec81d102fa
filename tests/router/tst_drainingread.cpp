// DrainingRead: after a read that left the socket drained, the next read waits for data instead
// of first asking the socket for nothing, and no data (nor the peer's close) is ever missed by
// waiting; quietSinceDrained tells a drained socket with no news since. The receives are counted
// by a spy that stands in for libc's recv and recvmsg in this test binary (Asio's own reads call
// ::recv, a DrainingRead ::recvmsg).
#include "router/drainingread.h"
#include "router/conn.h"

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

extern "C" ssize_t recvmsg(int fd, struct msghdr *message, int flags)
{
    using RecvMsg = ssize_t (*)(int, struct msghdr *, int);
    static const auto real = reinterpret_cast<RecvMsg>(dlsym(RTLD_NEXT, "recvmsg"));
    if (fd == g_watchedFd.load())
        ++g_recvCalls;
    return real(fd, message, flags);
}

namespace asio = boost::asio;
using dynodesk::router::detail::DrainingRead;
using dynodesk::router::detail::quietSinceDrained;
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
        dynodesk::router::detail::watchDrain(reader);
        g_watchedFd = reader.native_handle();
        g_recvCalls = 0;
    }
    ~Pair() { g_watchedFd = -1; }

    void send(const std::string &bytes) { asio::write(peer, asio::buffer(bytes)); }

    // Starts a read; `done`, `got` and `error` tell how it ended. Unless `mayEnd`, it must succeed.
    template <typename Buffer>
    void startRead(Buffer buffer, bool &done, size_t &got, bool mayEnd = false)
    {
        done = false;
        error = {};
        reader.async_read_some(buffer, [this, &done, &got, mayEnd](const boost::system::error_code &ec, size_t n) {
            if (!mayEnd)
                QVERIFY2(!ec, ec.message().c_str());
            error = ec;
            got = n;
            done = true;
        });
    }

    // Lets the reactor take what the kernel has for it, with no read waiting.
    void letReactorLook()
    {
        auto work = asio::make_work_guard(ioc);
        ioc.restart();
        ioc.run_for(std::chrono::milliseconds(50));
    }

    boost::system::error_code error;

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

// The cases named `_onBoost174Only` check what the specialisation does (no receive while a
// drained socket waits, the reactor's quiet mark); with any other Boost, or the io_uring backend,
// a DrainingRead is a plain read and they skip. The others hold for a plain read too, so they
// run everywhere: nothing is missed, whatever the Boost.
#ifdef DYNODESK_DRAINING_READ
#define REQUIRE_SPECIALISED_READ()
#else
#define REQUIRE_SPECIALISED_READ()                                                                                     \
    QSKIP("DrainingRead is a plain read with this Boost (only 1.74's epoll reactor is specialised)")
#endif

class TestDrainingRead : public QObject {
    Q_OBJECT

    // Reads `first` (all the peer sent) into a DrainingRead of `size` bytes; the next read must
    // then make no receive while it waits, and get `second`, once sent, with a single one.
    template <size_t size>
    static void drainThenWait(const std::string &first, const std::string &second)
    {
        Pair p;
        std::array<char, size> buf;
        bool done = false;
        size_t got = 0;
        p.send(first);
        p.startRead(DrainingRead(asio::buffer(buf)), done, got);
        QVERIFY(p.runUntil(done));
        QCOMPARE(got, first.size());

        g_recvCalls = 0;
        p.startRead(DrainingRead(asio::buffer(buf)), done, got);
        p.ioc.restart();
        p.ioc.poll();
        QVERIFY(!done);
        QCOMPARE(g_recvCalls.load(), 0);

        p.send(second);
        QVERIFY(p.runUntil(done));
        QCOMPARE(std::string(buf.data(), got), second);
        QCOMPARE(g_recvCalls.load(), 1);
    }

private slots:
    // The baseline the router had: Asio tries a read at once even when nothing has come, a recv()
    // that fails with EAGAIN. (Shows the spy sees Asio's reads: Boost 1.74's reactor reads with
    // ::recv, which later ones need not.)
    void plainReadAsksFirst_onBoost174Only()
    {
        REQUIRE_SPECIALISED_READ();
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

    // After a read that left nothing the socket is known drained: the next read makes no receive
    // until the peer sends, and then gets what was sent with a single one.
    void drainedReadWaitsForData_onBoost174Only()
    {
        REQUIRE_SPECIALISED_READ();
        drainThenWait<64>("hello", "world!");
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

    // A read that took exactly what was there, filling its buffer, left the socket drained too:
    // the kernel says so, where the buffer's length could not.
    void exactFillDrains_onBoost174Only()
    {
        REQUIRE_SPECIALISED_READ();
        drainThenWait<5>("hello", "again");
    }

    // The peer's close that came with its last bytes raises no new readiness; the read of those
    // bytes must not leave the socket marked drained, or the next read would wait for the close
    // until some timeout (a dyno that ends the connection with its answer, a client that sends
    // its request and half-closes).
    void closeWithTheLastBytesIsSeen()
    {
        Pair p;
        std::array<char, 64> buf;
        bool done = false;
        size_t got = 0;
        p.send("bye");
        p.peer.shutdown(tcp::socket::shutdown_send);
        std::this_thread::sleep_for(std::chrono::milliseconds(20)); // the close is there before the read
        p.startRead(DrainingRead(asio::buffer(buf)), done, got);
        QVERIFY(p.runUntil(done));
        QCOMPARE(std::string(buf.data(), got), std::string("bye"));
        QVERIFY(!quietSinceDrained(p.reader));
        p.startRead(DrainingRead(asio::buffer(buf)), done, got, true);
        QVERIFY2(p.runUntil(done, std::chrono::milliseconds(1000)), "the close went unseen");
        QCOMPARE(p.error, boost::system::error_code(asio::error::eof));
    }

    // quietSinceDrained: true only while the last read left the socket drained and nothing has
    // reached the reactor since: not after bytes, nor after the peer's close, nor after a read
    // that left bytes, nor after a plain read.
    void quietUntilNews_onBoost174Only()
    {
        REQUIRE_SPECIALISED_READ();
        Pair p;
        std::array<char, 4> buf;
        bool done = false;
        size_t got = 0;
        QVERIFY(!quietSinceDrained(p.reader)); // nothing read yet
        p.send("ab");
        p.startRead(DrainingRead(asio::buffer(buf)), done, got);
        QVERIFY(p.runUntil(done));
        QVERIFY(quietSinceDrained(p.reader));
        p.letReactorLook();
        QVERIFY(quietSinceDrained(p.reader)); // no news is no news
        p.send("c");
        p.letReactorLook();
        QVERIFY(!quietSinceDrained(p.reader)); // bytes came

        p.startRead(DrainingRead(asio::buffer(buf)), done, got);
        QVERIFY(p.runUntil(done));
        QCOMPARE(std::string(buf.data(), got), std::string("c"));
        QVERIFY(quietSinceDrained(p.reader));
        p.peer.shutdown(tcp::socket::shutdown_send);
        p.letReactorLook();
        QVERIFY(!quietSinceDrained(p.reader)); // the close came

        Pair q;
        q.send("abcdef");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        q.startRead(DrainingRead(asio::buffer(buf)), done, got);
        QVERIFY(q.runUntil(done));
        QCOMPARE(got, size_t(4));
        QVERIFY(!quietSinceDrained(q.reader)); // bytes left behind
        q.startRead(asio::buffer(buf), done, got);
        QVERIFY(q.runUntil(done));
        QCOMPARE(std::string(buf.data(), got), std::string("ef"));
        QVERIFY(!quietSinceDrained(q.reader)); // a plain read never says drained
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
