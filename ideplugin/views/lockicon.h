#pragma once

#include <QIcon>

namespace dynodesk::ideplugin {

// The marker of a locked team app: the icon theme's padlock, else a padlock drawn here (the
// desktop may have no icon theme).
QIcon lockIcon();

} // namespace dynodesk::ideplugin
