#pragma once

#include <QtGlobal>

#include <exception>

namespace dynodesk::core {

// Runs `work`, an event handler (a slot, a queued callback), so that no exception leaves it:
// one that escapes into Qt's event loop ends the process. A failure (a store that cannot be
// read or written, say) is logged as an internal error naming `where`; the store transaction
// the work was in, if any, has rolled back, so nothing is left half-applied. Returns whether
// the work ran to its end.
template <typename F>
bool runGuarded(const char *where, F &&work) noexcept
{
    try {
        work();
        return true;
    } catch (const std::exception &e) {
        qCritical("Internal error in %s: %s", where, e.what());
    } catch (...) {
        qCritical("Internal error in %s: an unknown exception", where);
    }
    return false;
}

} // namespace dynodesk::core
