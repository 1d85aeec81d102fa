#pragma once

#include "plancatalog.h"

#include "core/apierror.h"

#include <map>
#include <string>

namespace dynodesk::addons {

// What an add-on gives an app, keyed by the suffix of the config var: {"URL": "postgres://..."}
// becomes `DATABASE_URL` for an attachment named DATABASE.
using AddonConfig = std::map<std::string, std::string>;

class IDatabaseProvider;

// One add-on service's provider. `resource` is the provider's own name for what it made (a
// database and role for Postgres); the platform keeps it with the add-on. Every call may block:
// the AddonProvisioner runs them on its worker thread, one at a time. Deprovisioning something
// already gone succeeds, so interrupted work can be repeated.
class IAddonProvider {
public:
    virtual ~IAddonProvider() = default;

    virtual core::Result<AddonConfig> provision(const std::string &resource, const Plan &plan) = 0;
    virtual core::Status deprovision(const std::string &resource) = 0;
    virtual core::Status changePlan(const std::string &resource, const Plan &plan) = 0;
    virtual core::Result<AddonConfig> rotateCredentials(const std::string &resource) = 0;
    // Starts whatever serves the add-ons it made before (the emulator started with add-ons).
    virtual core::Status resume() { return core::Done{}; }
    // Stops whatever the provider runs (the emulator is stopping).
    virtual void shutdown() = 0;
    // The data operations of a database service (`pg:*`); null for other services.
    virtual IDatabaseProvider *database() { return nullptr; }
};

} // namespace dynodesk::addons
