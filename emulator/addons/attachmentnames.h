#pragma once

#include "plancatalog.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dynodesk::addons {

// The name a new attachment of `service` gets when the user names none: the app's first
// Postgres is `DATABASE` (so `DATABASE_URL`), later ones `HEROKU_POSTGRESQL_<COLOR>`, the first
// color of the platform's palette that no attachment of the app uses yet.
std::string defaultAttachmentName(const Service &service, const std::vector<std::string> &appAttachmentNames);

// nullopt when `name` may name an attachment (it becomes the stem of config vars: `<NAME>_URL`),
// else the 422 message; a clash with an attachment of the app is a 422 too.
std::optional<std::string> attachmentNameError(std::string_view name, const std::vector<std::string> &appAttachmentNames);

// Backups are numbered b001, b002, ... per app (scheduled ones would be a001 ...).
std::string nextBackupName(const std::vector<std::string> &appBackupNames);

} // namespace dynodesk::addons
