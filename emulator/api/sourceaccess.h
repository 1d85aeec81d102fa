#pragma once

#include "platform/platform.h"

#include "core/apierror.h"

#include <QString>
#include <QUrl>

#include <string>

namespace dynodesk::api {

// Whether the account may have the server read `file` for it: in the account's own sources
// directory (`<data dir>/sources/<account id>`), under a path the operator allows, or in
// `extraRoot`: the server can read every account's files, the account cannot.
bool mayRead(platform::Platform &p, const platform::Actor &who, const QString &file, const std::string &extraRoot = {});

// A file:// source, read only where mayRead() says (403 otherwise).
core::Result<std::string> localSource(platform::Platform &p, const platform::Actor &who, const QUrl &url);

// The file behind one of the emulator's own source URLs (`/sources/<id>?secret=...`, from
// POST /sources or POST /apps/{app}/sources), if `url` is one.
std::optional<std::string> ownSource(platform::Platform &p, const QUrl &url);

} // namespace dynodesk::api
