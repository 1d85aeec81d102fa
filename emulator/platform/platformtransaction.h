#pragma once

// Platform::inTransaction, shared by the files that implement Platform.
#include "platform.h"

#include "store/store.h"

namespace dynodesk::platform {

// Runs `body` in one store transaction, committed only when it returns a value: a returned
// error or a store failure leaves nothing half-applied.
template <typename F>
auto Platform::inTransaction(F &&body) -> decltype(body())
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

} // namespace dynodesk::platform
