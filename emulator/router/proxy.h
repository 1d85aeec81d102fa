#pragma once

#include "conn.h"
#include "routerstate.h"

namespace dynodesk::router::detail {

// One client connection on its worker: requests one after the other (keep-alive) through the steps.
Task<void> serveClient(RouterState &st, Worker &worker, Socket socket);

} // namespace dynodesk::router::detail
