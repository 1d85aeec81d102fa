#pragma once

#include "core/apierror.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dynodesk::addons {

// One plan of an add-on service, with the limits the provider enforces.
struct Plan final {
    std::string name;      // the short name, `essential-0`
    std::string humanName; // `Essential 0`
    int priceCents = 0;    // per month
    int connectionLimit = 0;
    std::int64_t storageBytes = 0;
    int tableLimit = 0; // 0: no limit
    bool isDefault = false;

    std::string qualifiedName(std::string_view service) const;
};

// An add-on service and its plans, as the `addon-service` and `plan` APIs list them.
struct Service final {
    std::string name;        // `heroku-postgresql`
    std::string humanName;   // `Heroku Postgres`
    std::string configStem;  // `HEROKU_POSTGRESQL`: what its extra attachments are named after
    std::string resourceStem; // `postgresql`: add-on names are `postgresql-<adjective>-<number>`
    std::vector<Plan> plans;

    const Plan &defaultPlan() const;
};

struct PlanChoice final {
    const Service *service = nullptr;
    const Plan *plan = nullptr;
};

// What the emulator offers. Plans follow the platform's current names and limits.
class PlanCatalog final {
public:
    PlanCatalog();

    const std::vector<Service> &services() const { return m_services; }
    const Service *service(std::string_view name) const;

    // `heroku-postgresql`, `heroku-postgresql:essential-1`, or a plan's short name together with
    // the service it must belong to. An unknown service or plan is the platform's 422.
    core::Result<PlanChoice> resolve(std::string_view spec) const;

private:
    std::vector<Service> m_services;
};

} // namespace dynodesk::addons
