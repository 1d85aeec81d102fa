#pragma once

namespace dynodesk::platform {
class Deployer;
class Platform;
}

namespace dynodesk::logs {
class Logplex;
}
namespace dynodesk::dynos {
class Supervisor;
}

namespace dynodesk::api {

class ApiRouter;

// Each adds one group of the Platform API's links to the router.
void addAccountRoutes(ApiRouter &router, platform::Platform &platform);
void addAppRoutes(ApiRouter &router, platform::Platform &platform);
void addReleaseRoutes(ApiRouter &router, platform::Platform &platform);
void addAccessRoutes(ApiRouter &router, platform::Platform &platform);
void addFormationRoutes(ApiRouter &router, platform::Platform &platform);
void addBuildRoutes(ApiRouter &router, platform::Platform &platform, platform::Deployer &deployer);
void addLogRoutes(ApiRouter &router, platform::Platform &platform, logs::Logplex &logplex);
void addDynoRoutes(ApiRouter &router, platform::Platform &platform, dynos::Supervisor &supervisor);

} // namespace dynodesk::api
