#pragma once

#include "core/apierror.h"

#include <string>
#include <vector>

namespace dynodesk::build {

// A built-in buildpack: the platform's name (`heroku/nodejs`), its folder under the built-in
// root, what the buildpack registry says of it, and the Dev Center article whose behaviour it
// follows (`nodejs-support`).
struct BuiltinBuildpack final {
    const char *name;
    const char *dir;
    const char *description;
    const char *article;
};

// The built-in buildpacks, in the order automatic detection tries them.
std::vector<BuiltinBuildpack> builtinBuildpacks();
std::vector<std::string> builtinBuildpackDirs(const std::string &builtinRoot);

// Turns what an app names as a buildpack into a directory with bin/: a built-in name
// (`heroku/nodejs`, `nodejs`), a local directory (or a file:// URL of one), or a git URL that
// git can clone (file://, http://, https://; `#ref` picks a branch or tag), cloned under
// `cloneRoot`.
core::Result<std::string> resolveBuildpack(const std::string &spec, const std::string &builtinRoot,
                                           const std::string &cloneRoot);

// The platform's name for a built-in buildpack (`nodejs`, or its registry tarball URL →
// `heroku/nodejs`), or empty.
std::string builtinName(const std::string &spec);
// The platform's name (`heroku/nodejs`) of a built-in buildpack directory under builtinRoot, or "".
std::string builtinNameOfDir(const std::string &builtinRoot, const std::string &dir);
// The registry's tarball URL of a built-in buildpack (`heroku/nodejs`), or empty when there is none.
std::string registryBlobUrl(const std::string &slug);

} // namespace dynodesk::build
