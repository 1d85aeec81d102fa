#pragma once

#include <boost/asio/buffer.hpp>
#include <boost/asio/detail/config.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/version.hpp>

// A read that leaves the socket drained, so the next read on it waits for news instead of asking.
//
// Asio's epoll reactor watches each socket edge-triggered and, before it waits, tries a read at
// once ("speculative"); it gives that up only once a read has returned nothing. On a proxy's
// connections nearly every read finds nothing the first time (the answer to what was just sent is
// not back yet), so each costs a `recv` that fails with EAGAIN before the wait: about 1.7 per
// request through the router. nginx tracks readiness itself and pays none.
//
// A read into a DrainingRead that returns fewer bytes than it had room for tells the reactor the
// socket is drained (TCP returns less only when its receive queue ran empty), as a write that
// takes less than it was given already does for writes. The next read on the socket then waits
// for the next edge without trying first. Nothing is missed: bytes that arrive after the short
// read raise a new edge, which marks the socket readable again. A read that fills its buffer
// leaves the socket marked readable, so the next one tries at once as before.
//
// What a short read cannot tell: the peer's close may have come with its bytes. That raises no
// new edge, so a DrainingRead after it would wait for the close until a timeout. A caller that
// must see the close tries the socket itself before waiting (the router's readNow), or looks
// before it starts (the peek on taking a pooled dyno connection).
//
// This is a specialisation of one of Asio's own operation classes for this buffer type, so it
// is bound to the Asio it was written against (Boost 1.74, Debian 12's): with any other Boost,
// or with the io_uring backend, DrainingRead is a plain buffer and reads behave as Asio's do.
namespace dynodesk::router::detail {

struct DrainingRead : boost::asio::mutable_buffer {
    explicit DrainingRead(boost::asio::mutable_buffer b) : boost::asio::mutable_buffer(b) {}
};

} // namespace dynodesk::router::detail

#if BOOST_VERSION / 100 == 1074 && defined(BOOST_ASIO_HAS_EPOLL) && !defined(BOOST_ASIO_HAS_IO_URING)
#define DYNODESK_DRAINING_READ 1

#include <boost/asio/detail/reactive_socket_recv_op.hpp>

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

    static status do_perform(reactor_op *base)
    {
        auto *o = static_cast<reactive_socket_recv_op_base *>(base);
        if (!socket_ops::non_blocking_recv1(o->socket_, o->buffer_.data(), o->buffer_.size(), o->flags_,
                                            (o->state_ & socket_ops::stream_oriented) != 0, o->ec_,
                                            o->bytes_transferred_))
            return not_done; // nothing there yet: wait for the socket
        // Asio's own rule marks the socket drained after a read of nothing (the end, or an
        // error); this one also after a short read.
        const bool stream = (o->state_ & socket_ops::stream_oriented) != 0;
        return stream && o->bytes_transferred_ < o->buffer_.size() ? done_and_exhausted : done;
    }

private:
    socket_type socket_;
    socket_ops::state_type state_;
    dynodesk::router::detail::DrainingRead buffer_;
    socket_base::message_flags flags_;
};

} // namespace boost::asio::detail
#endif
