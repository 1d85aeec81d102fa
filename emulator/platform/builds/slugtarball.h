#pragma once

#include "core/apierror.h"

#include <QByteArray>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <string>

namespace dynodesk::platform {

// A slug's tarball as uploaded to its blob URL, checked and stored where dynos expand it from.
// It must be gzip and match `checksum` (`SHA256:<hex>`) when one was given; the platform's
// `./app/...` layout is stored as top-level files, the layout the emulator's builds make, so
// both run the same. Returns the stored file's size.
core::Result<int64_t> storeSlugTarball(const std::string &upload, const std::string &target,
                                       const std::optional<std::string> &checksum);

// The error for a checksum that is not `SHA256:` and 64 hex digits, if it is not.
std::optional<std::string> slugChecksumError(const std::string &checksum);

// What slugs and app setups check of a tarball.
namespace detail {
bool isGzip(const std::string &path);
// The file's `SHA256:<hex>` when it differs from `checksum` (compared ignoring case).
std::optional<std::string> checksumMismatch(const std::string &path, const std::string &checksum);
// Runs tar with `args`; true when it exited 0 (its output in `out`).
bool runTar(const QStringList &args, QByteArray *out = nullptr);
} // namespace detail

} // namespace dynodesk::platform
