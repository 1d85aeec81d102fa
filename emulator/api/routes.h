#pragma once

#include <string>

namespace dynodesk::platform {
class Deployer;
class Platform;
class SetupRunner;
}

namespace dynodesk::addons {
class PlanCatalog;
}

namespace dynodesk::logs {
class Logplex;
}

namespace dynodesk::api {

class ApiRouter;

// Each adds one group of the Platform API's links to the router.
void addAccountRoutes(ApiRouter &router, platform::Platform &platform);
void addAppRoutes(ApiRouter &router, platform::Platform &platform);
void addReleaseRoutes(ApiRouter &router, platform::Platform &platform, platform::Deployer &deployer);
void addAccessRoutes(ApiRouter &router, platform::Platform &platform);
// Teams, their members and apps, the apps' permissions; `GET /spaces`.
void addTeamRoutes(ApiRouter &router, platform::Platform &platform);
void addFormationRoutes(ApiRouter &router, platform::Platform &platform);
void addBuildRoutes(ApiRouter &router, platform::Platform &platform, platform::Deployer &deployer);
// App setups (`/app-setups`), run by `runner`.
void addSetupRoutes(ApiRouter &router, platform::Platform &platform, platform::SetupRunner &runner);
// The buildpack registry's look-ups (`/buildpacks...`) for the built-in buildpacks under `builtinRoot`.
void addRegistryRoutes(ApiRouter &router, const std::string &builtinRoot);
void addDomainRoutes(ApiRouter &router, platform::Platform &platform);
void addLogRoutes(ApiRouter &router, platform::Platform &platform, logs::Logplex &logplex);
// `rendezvous` is where attached one-off dynos are reached: `rendezvous://host:port`.
void addDynoRoutes(ApiRouter &router, platform::Platform &platform, const std::string &rendezvous);
void addAddonCatalogRoutes(ApiRouter &router, const addons::PlanCatalog &catalog);
// Add-ons, attachments and the CLI's resolve actions.
void addAddonRoutes(ApiRouter &router, platform::Platform &platform);
// The data API the CLI's `pg:*` commands call (`/client/v11/...`, `/postgres/v0/...`).
void addDataRoutes(ApiRouter &router, platform::Platform &platform);

// Pipelines, couplings, promotions (released through the deployer), transfers; `POST /filters/apps`.
void addPipelineRoutes(ApiRouter &router, platform::Platform &platform, platform::Deployer &deployer);

} // namespace dynodesk::api
