#pragma once

// detail::Service::inTransaction, for the services' sources (never a public header: it needs the store).
#include "service.h"

#include "platformevents.h"

#include "store/store.h"

namespace dynodesk::platform::detail {

template <typename F>
auto Service::inTransaction(F &&body) const -> decltype(body())
{
    try {
        store::Transaction tx(m_store.db);
        auto result = body();
        if (result.ok())
            tx.commit();
        return result;
    } catch (const std::exception &e) {
        return core::ApiError::internal(std::string("The emulator's store failed: ") + e.what());
    }
}

} // namespace dynodesk::platform::detail
