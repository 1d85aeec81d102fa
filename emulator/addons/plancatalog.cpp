#include "plancatalog.h"

namespace dynodesk::addons {

static constexpr std::int64_t GB = 1024LL * 1024 * 1024;

std::string Plan::qualifiedName(std::string_view service) const
{
    return std::string(service) + ":" + name;
}

const Plan &Service::defaultPlan() const
{
    for (const Plan &p : plans) {
        if (p.isDefault)
            return p;
    }
    return plans.front();
}

// Heroku Postgres plans as the platform sells them today (essential tier since 2024, standard
// and premium tiers), with the connection and storage limits the platform documents.
static Service postgresService()
{
    Service s{"heroku-postgresql", "Heroku Postgres", "HEROKU_POSTGRESQL", "postgresql", {}};
    s.plans = {
        {"essential-0", "Essential 0", 500, 20, 1 * GB, 4000, true},
        {"essential-1", "Essential 1", 900, 20, 10 * GB, 4000, false},
        {"essential-2", "Essential 2", 2000, 40, 32 * GB, 4000, false},
        {"standard-0", "Standard 0", 5000, 120, 64 * GB, 0, false},
        {"standard-2", "Standard 2", 20000, 400, 256 * GB, 0, false},
        {"standard-3", "Standard 3", 40000, 500, 512 * GB, 0, false},
        {"premium-0", "Premium 0", 20000, 120, 64 * GB, 0, false},
        {"premium-2", "Premium 2", 35000, 400, 256 * GB, 0, false},
    };
    return s;
}

PlanCatalog::PlanCatalog() : m_services{postgresService()} {}

const Service *PlanCatalog::service(std::string_view name) const
{
    for (const Service &s : m_services) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

core::Result<PlanChoice> PlanCatalog::resolve(std::string_view spec) const
{
    const auto notFound = [&] {
        return core::ApiError::invalidParams("Couldn't find either the add-on service or the add-on plan of \""
                                             + std::string(spec) + "\".");
    };
    const auto colon = spec.find(':');
    const Service *s = service(spec.substr(0, colon));
    if (!s)
        return notFound();
    if (colon == std::string_view::npos)
        return PlanChoice{s, &s->defaultPlan()};
    const std::string_view planName = spec.substr(colon + 1);
    for (const Plan &p : s->plans) {
        if (p.name == planName)
            return PlanChoice{s, &p};
    }
    return notFound();
}

} // namespace dynodesk::addons
