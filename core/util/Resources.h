#pragma once
// Locating bundled resources (simulator worlds, prompt sets, ICE knowledge) in a build tree or an
// installed package.
#include <string>

namespace ds {

/// Absolute path of `relative` under the resources folder: $DS_RESOURCE_DIR (or
/// $DISTILLSCOPE_RESOURCES) if set, else <prefix>/share/distillscope/resources next to the
/// executable (installed), else the source tree's resources/ (development builds). Returns "" when the file exists in none of them.
std::string resourcePath(const std::string &relative);

} // namespace ds
