#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dynodesk::platform {

// Where an app setup's source tarball comes from and what it must be.
struct SetupSource final {
    std::string file;                    // a file on this machine (already allowed), or
    std::string url;                     // an http(s) URL the server fetches
    std::optional<std::string> checksum; // `SHA256:<hex>`
    uint64_t maxBytes = 0;
    std::string target;                  // where the checked tarball is kept for the build
};

// The tarball, checked, and the app.json it holds ("{}" when it holds none), or why not.
struct ReadSource final {
    std::string manifestText = "{}";
    std::optional<std::string> failure;
};

// Fetches or copies the tarball to `target`, checks it (size, gzip, checksum) and reads app.json
// at its root or under its single top-level directory (as GitHub's tarballs have it). Blocking:
// run it on a worker thread. On failure `target` is removed.
ReadSource readSetupSource(const SetupSource &source);

} // namespace dynodesk::platform
