#pragma once

#include "platform/apps/apptypes.h"
#include "platform/releases/releasetypes.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dynodesk::platform {

struct Slug final {
    std::string id, appId;
    std::optional<std::string> commit;
    std::map<std::string, std::string> processTypes;
    int64_t size = 0;
    std::optional<std::string> buildpackProvidedDescription;
    std::string stack, path, createdAt, updatedAt;
    // A slug made with POST /apps/{app}/slugs waits for its tarball's PUT; a built one has it.
    std::optional<std::string> checksum, commitDescription;
    bool uploaded = true;
};

// POST /apps/{app}/slugs: the slug's metadata; its tarball comes with a PUT to its blob URL.
struct SlugCreate final {
    std::map<std::string, std::string> processTypes;
    std::optional<std::string> commit, commitDescription, stack, buildpackProvidedDescription, checksum;
};

struct Build final {
    std::string id, appId, appName, status;
    std::optional<std::string> sourceUrl, sourceVersion;
    std::string userId, userEmail;
    std::vector<std::string> buildpacks;
    std::optional<std::string> slugId, releaseId;
    std::string stack, createdAt, updatedAt;
};

// A source tarball uploaded for a build or an app setup: of an app (`POST /apps/{app}/sources`)
// or of an account (`POST /sources`, `appId` empty).
struct Source final {
    std::string id, appId, secret, path, createdAt;
    std::string accountId;
};

// What a build starts from: a pushed commit, or a source tarball URL (builds API).
struct BuildRequest final {
    std::optional<std::string> commit;
    std::optional<std::string> sourceUrl, version;
    std::vector<std::string> buildpacks; // an override for this build; empty: the app's own
};

// A build just created, with what the build needs to know.
struct NewBuild final {
    Build build;
    App app;
    ConfigMap config;
};

// What a successful slug compile produced.
struct BuildOutcome final {
    std::string slugId, slugPath;
    std::optional<std::string> commit;
    std::vector<std::pair<std::string, std::string>> processTypes;
    int64_t size = 0;
    std::string buildpackDescription;
    // The built-in buildpack that detected the app (`heroku/nodejs`), when the app set none: a
    // successful build sets it on the app, as the platform does.
    std::string detectedBuildpack;
};

} // namespace dynodesk::platform
