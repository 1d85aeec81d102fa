#pragma once

#include <boost/asio/buffer.hpp>
#include <boost/asio/detail/config.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/version.hpp>

// A read that tells the reactor when it left the socket drained, so the next read on it waits for
// news instead of asking, and a way to learn that a socket has had no news since.
//
// Asio's epoll reactor watches each socket edge-triggered and, before it waits, tries a read at
// once ("speculative"); it gives that up only once a read has returned nothing. On a proxy's
// connections nearly every read finds nothing the first time (the answer to what was just sent,
// the client's next request, is not there yet), so each costs a `recv` that fails with EAGAIN
// before the wait. nginx tracks readiness itself and pays none.
//
// A DrainingRead asks the kernel, with the read itself, what is left after it (TCP_INQ, a control
// message on `recvmsg`; watchDrain turns it on for a socket). Nothing left and no close pending:
// the read tells the reactor the socket is drained, as a write that takes less than it was given
// already does for writes, and the next read waits for the next edge without trying first.
// Bytes or a close still there (TCP counts a close it has received as one more byte to read):
// the next read tries at once. Nothing is missed: whatever arrives after the read raises a new
// edge, which marks the socket readable again. A socket without TCP_INQ gets no count, and its
// DrainingReads are plain reads.
//
// quietSinceDrained(socket) reads the reactor's own mark: true while the last read left the socket
// drained and no edge (bytes, the peer's close, an error) has reached the reactor since. That is
// nginx's `ready` flag, without a syscall. Bytes that reached the kernel but whose edge the
// reactor has not taken yet are not seen; a caller for whom that matters still looks (the router
// does, for a request whose body could not be sent again).
//
// Both reach into Asio's epoll reactor (a specialisation of its receive operation for this buffer
// type, and its per-socket readiness mark), so they are bound to the Asio they were written
// against (Boost 1.74, Debian 12's): with any other Boost, or with the io_uring backend, a
// DrainingRead is a plain buffer and no socket is ever quiet.
namespace dynodesk::router::detail {

struct DrainingRead : boost::asio::mutable_buffer {
    explicit DrainingRead(boost::asio::mutable_buffer b) : boost::asio::mutable_buffer(b) {}
};

} // namespace dynodesk::router::detail

#if BOOST_VERSION / 100 == 1074 && defined(BOOST_ASIO_HAS_EPOLL) && !defined(BOOST_ASIO_HAS_IO_URING)
#define DYNODESK_DRAINING_READ 1

#include <boost/asio/io_context.hpp> // the reactor, whole (its inline parts need the scheduler)
#include <boost/asio/detail/reactive_socket_recv_op.hpp>

#include <cerrno>
#include <cstring>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace boost::asio::detail {

template <>
class reactive_socket_recv_op_base<dynodesk::router::detail::DrainingRead> : public reactor_op {
public:
    reactive_socket_recv_op_base(const boost::system::error_code &success_ec, socket_type socket,
                                 socket_ops::state_type state, const dynodesk::router::detail::DrainingRead &buffer,
                                 socket_base::message_flags flags, func_type complete_func)
        : reactor_op(success_ec, &reactive_socket_recv_op_base::do_perform, complete_func),
          socket_(socket), state_(state), buffer_(buffer), flags_(flags)
    {
    }

    // Asio's own read (socket_ops::non_blocking_recv1: the same errors and end of stream) as a
    // recvmsg that also gets what is left. Asio marks the socket drained after a read of nothing
    // (the end, or an error); this one also when the kernel says nothing is left.
    static status do_perform(reactor_op *base)
    {
        auto *o = static_cast<reactive_socket_recv_op_base *>(base);
        iovec piece{o->buffer_.data(), o->buffer_.size()};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
        msghdr message{};
        message.msg_iov = &piece;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        ssize_t got;
        do
            got = ::recvmsg(o->socket_, &message, o->flags_);
        while (got < 0 && errno == EINTR);
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return not_done; // nothing there yet: wait for the socket
        o->bytes_transferred_ = got > 0 ? static_cast<size_t>(got) : 0;
        if (got < 0)
            o->ec_ = boost::system::error_code(errno, boost::asio::error::get_system_category());
        else if (got == 0 && (o->state_ & socket_ops::stream_oriented) != 0)
            o->ec_ = boost::asio::error::eof;
        if (got <= 0)
            return done_and_exhausted;
        for (cmsghdr *c = CMSG_FIRSTHDR(&message); c; c = CMSG_NXTHDR(&message, c)) {
            if (c->cmsg_level == SOL_TCP && c->cmsg_type == TCP_CM_INQ) {
                int left = 0;
                std::memcpy(&left, CMSG_DATA(c), sizeof left);
                return left == 0 ? done_and_exhausted : done;
            }
        }
        return done; // no count (TCP_INQ off): as Asio's own read
    }

private:
    socket_type socket_;
    socket_ops::state_type state_;
    dynodesk::router::detail::DrainingRead buffer_;
    socket_base::message_flags flags_;
};

} // namespace boost::asio::detail

namespace dynodesk::router::detail {

namespace reactor_access {

// The reactor's per-socket "try a read first" marks are private to it. An explicit instantiation
// may name a private member ([temp.spec.general]), which hands a pointer to them to this friend.
using DescriptorState = boost::asio::detail::epoll_reactor::descriptor_state;
using ReadyMarks = bool (DescriptorState::*)[boost::asio::detail::epoll_reactor::max_ops];

struct ReadyTag {
    friend ReadyMarks readyMarks(ReadyTag);
};

template <ReadyMarks Member>
struct Expose {
    friend ReadyMarks readyMarks(ReadyTag) { return Member; }
};

template struct Expose<&DescriptorState::try_speculative_>;

// The socket's implementation (its descriptor and the reactor's data for it), protected in
// basic_socket: reachable through a class derived from the socket type.
template <typename Socket>
struct Implementation : Socket {
    static auto &of(Socket &socket) { return (socket.*(&Implementation::impl_)).get_implementation(); }
};

} // namespace reactor_access

template <typename Socket>
void watchDrain(Socket &socket)
{
    const int on = 1;
    ::setsockopt(socket.native_handle(), SOL_TCP, TCP_INQ, &on, sizeof on);
}

template <typename Socket>
bool quietSinceDrained(Socket &socket)
{
    const auto *state = reactor_access::Implementation<Socket>::of(socket).reactor_data_;
    return state && !(state->*readyMarks(reactor_access::ReadyTag{}))[boost::asio::detail::epoll_reactor::read_op];
}

} // namespace dynodesk::router::detail

#else

namespace dynodesk::router::detail {

template <typename Socket>
void watchDrain(Socket &)
{
}

template <typename Socket>
bool quietSinceDrained(Socket &)
{
    return false;
}

} // namespace dynodesk::router::detail

#endif
