#include "conn.h"

namespace dynodesk::router::detail {

void Conn::Watch::arm()
{
    armed = deadline;
    timer.expires_at(deadline); // lets go of a wait for a later time
    timer.async_wait([self = shared_from_this()](const beast::error_code &ec) {
        if (!ec)
            self->check();
    });
}

void Conn::Watch::check()
{
    armed = Clock::time_point::max();
    if (released || deadline == Clock::time_point::max())
        return;
    if (Clock::now() < deadline) {
        arm(); // the deadline moved on since the timer was set
        return;
    }
    timedOut = true;
    beast::error_code ec;
    socket.close(ec);
}

} // namespace dynodesk::router::detail
