#pragma once

#include "conn.h"

namespace dynodesk::router::detail {

struct Exchange;

// After the dyno's 101 reached the client: bytes flow both ways between the client and the dyno
// until either side closes or the rolling window passes with no data either way.
Task<void> tunnel(Exchange &ex, Conn dyno);

} // namespace dynodesk::router::detail
